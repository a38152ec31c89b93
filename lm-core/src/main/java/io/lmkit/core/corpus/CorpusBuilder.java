package io.lmkit.core.corpus;

import io.lmkit.core.LmkitException;
import io.lmkit.core.vocab.Vocabulary;
import java.util.Arrays;
import java.util.List;

/** Encodes sentences into a {@link Corpus} as they stream by, growing packed arrays. */
public final class CorpusBuilder {

    private final Vocabulary vocabulary;
    private final String source;
    private int[] ids = new int[1 << 12];
    private int[] starts = new int[1 << 8];
    private int words;
    private int sentences;
    private long unknown;

    /**
     * Starts an empty corpus.
     *
     * @param source names the text being encoded, for error messages
     */
    public CorpusBuilder(Vocabulary vocabulary, String source) {
        this.vocabulary = vocabulary;
        this.source = source;
    }

    /** Adds one sentence; {@code lineNumber} is used in error messages only. */
    public void add(List<String> sentence, long lineNumber) {
        requireRoom(source, lineNumber, words, sentence.size());
        if (words + sentence.size() > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(words + sentence.size(), (int) Math.min(Integer.MAX_VALUE - 8, 2L * ids.length)));
        }
        if (sentences + 2 > starts.length) {
            starts = Arrays.copyOf(starts, 2 * starts.length);
        }
        starts[sentences] = words;
        int bos = vocabulary.bos();
        int eos = vocabulary.eos();
        for (String word : sentence) {
            int id = vocabulary.id(word);
            // Every vocabulary has <s> and </s>: comparing ids spares two string comparisons a word.
            if (id == bos || id == eos) {
                throw reservedSymbol(source, lineNumber, word);
            }
            if (id == vocabulary.unk() && !word.equals(Vocabulary.UNK)) {
                unknown++;
            }
            ids[words++] = id;
        }
        sentences++;
    }

    /** Refuses a sentence of {@code more} words after {@code words}, when together they pass one int array. */
    static void requireRoom(String source, long lineNumber, int words, int more) {
        if (words + (long) more > Integer.MAX_VALUE - 8) {
            // Several files would not help: one model trains on one corpus, and its ids are one int array.
            throw new LmkitException(source + ":" + lineNumber + ": the corpus passes " + (Integer.MAX_VALUE - 8)
                    + " words, the most lmkit holds as one corpus (word ids in one array); train on a part of it"
                    + " (e.g. head -n " + lineNumber / 2 + " " + source + "), or estimate an n-gram model with"
                    + " lm-spark, which has no such limit");
        }
    }

    /** The error of a text that writes {@code <s>} or {@code </s>} as a word. */
    static LmkitException reservedSymbol(String source, long lineNumber, String word) {
        return new LmkitException(source + ":" + lineNumber + ": the text contains the reserved symbol "
                + word + "; lmkit adds sentence boundaries itself, so remove it from the text");
    }

    /** The corpus of everything added so far. */
    public Corpus build() {
        int[] finalStarts = Arrays.copyOf(starts, sentences + 1);
        finalStarts[sentences] = words;
        return new Corpus(vocabulary, Arrays.copyOf(ids, words), finalStarts, unknown);
    }
}
