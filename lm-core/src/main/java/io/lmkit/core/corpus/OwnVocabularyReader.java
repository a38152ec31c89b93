package io.lmkit.core.corpus;

import io.lmkit.core.LmkitException;
import io.lmkit.core.vocab.Vocabulary;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a training text once into a corpus whose vocabulary comes from that text's own word counts: what
 * {@link WordCounts} and {@link Corpus#read} make in two readings of the file, made in one. Each word gets a
 * provisional number at its first appearance while its count grows; once the counts are known the
 * vocabulary is made from them ({@link Vocabulary#fromCounts}), and each provisional number is replaced by
 * the word's id, or {@code <unk>}'s. Splitting a text into words is most of the work of reading it, and a
 * billion-word text takes minutes to split.
 */
final class OwnVocabularyReader {

    private final String source;
    private final Map<String, Integer> numbers = new HashMap<>();
    private String[] words = new String[1 << 10];
    private long[] counts = new long[1 << 10];
    private int[] ids = new int[1 << 12];
    private int[] starts = new int[1 << 8];
    private int length;
    private int sentences;

    private OwnVocabularyReader(String source) {
        this.source = source;
    }

    /** See {@link Corpus#readWithOwnVocabulary}. */
    static Corpus read(Path file, SentenceReader reader, long minCount, int maxVocabulary) {
        Vocabulary.fromCounts(Map.of(), minCount, maxVocabulary); // refuses bad limits before the file is read
        OwnVocabularyReader corpus = new OwnVocabularyReader(file.toString());
        BackgroundSentences.read(file, reader, corpus::add);
        return corpus.build(minCount, maxVocabulary);
    }

    private void add(List<String> sentence, long lineNumber) {
        CorpusBuilder.requireRoom(source, lineNumber, length, sentence.size());
        if (length + sentence.size() > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(length + sentence.size(),
                    (int) Math.min(Integer.MAX_VALUE - 8, 2L * ids.length)));
        }
        if (sentences + 2 > starts.length) {
            starts = Arrays.copyOf(starts, 2 * starts.length);
        }
        starts[sentences++] = length;
        for (String word : sentence) {
            Integer known = numbers.get(word);
            int number;
            if (known != null) {
                number = known;
            } else {
                if (word.equals(Vocabulary.BOS) || word.equals(Vocabulary.EOS)) {
                    throw CorpusBuilder.reservedSymbol(source, lineNumber, word);
                }
                number = numbers.size();
                numbers.put(word, number);
                if (number == words.length) {
                    words = Arrays.copyOf(words, 2 * number);
                    counts = Arrays.copyOf(counts, 2 * number);
                }
                words[number] = word;
            }
            counts[number]++;
            ids[length++] = number;
        }
    }

    private Corpus build(long minCount, int maxVocabulary) {
        Map<String, Long> wordCounts = new HashMap<>();
        for (int n = 0; n < numbers.size(); n++) {
            wordCounts.put(words[n], counts[n]);
        }
        Vocabulary vocabulary = Vocabulary.fromCounts(wordCounts, minCount, maxVocabulary);
        int[] idOf = new int[numbers.size()];
        long unknown = 0;
        for (int n = 0; n < idOf.length; n++) {
            idOf[n] = vocabulary.id(words[n]);
            if (idOf[n] == vocabulary.unk() && !words[n].equals(Vocabulary.UNK)) {
                unknown += counts[n];
            }
        }
        int[] encoded = new int[length];
        for (int i = 0; i < length; i++) {
            encoded[i] = idOf[ids[i]];
        }
        ids = null; // the provisional numbers may go while the corpus is made
        int[] finalStarts = Arrays.copyOf(starts, sentences + 1);
        finalStarts[sentences] = length;
        return new Corpus(vocabulary, encoded, finalStarts, unknown);
    }
}
