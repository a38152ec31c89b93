package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.BrownSplits.Split;
import io.lmkit.core.corpus.SentenceReader;
import io.lmkit.core.corpus.WordCounts;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A corpus that comes split already (Penn Treebank, WikiText: train, valid and test files) written
 * as a folder of splits, like {@link CorpusSplit} writes one: the vocabulary is built from the
 * training file ({@code minCount}, {@code maxVocab}) and every split is written with the words
 * outside it as {@code <unk>}, which are counted. Each file is read once to count (the training
 * file) and once to write; nothing but the vocabulary is held in memory.
 *
 * @param files    the file of each split
 * @param minCount keep words seen at least this often in the training file
 * @param maxVocab keep at most this many words, the most frequent first
 */
record GivenSplits(Map<Split, Path> files, long minCount, int maxVocab) {

    /** What was written: sentences and words per split, the words written as {@code <unk>}, and the vocabulary. */
    record Written(Map<Split, BrownSplits.Size> sizes, Map<Split, Long> unknown, Vocabulary vocabulary) {
    }

    /**
     * Checks that every file exists, naming the option of one that does not.
     *
     * @throws LmkitException naming the missing file and its option
     */
    GivenSplits {
        if (minCount < 1) {
            throw new LmkitException("--min-count must be at least 1, got " + minCount);
        }
        for (Split s : Split.values()) {
            Path file = files.get(s);
            if (file == null || !Files.isRegularFile(file)) {
                String option = "--" + s.name().toLowerCase(java.util.Locale.ROOT);
                throw new LmkitException("the " + option + " file " + file + " does not exist; with --train, the"
                        + " options --valid and --test name files too (to split one file by fractions, give --input)");
            }
        }
        files = Map.copyOf(files);
    }

    /** Writes the splits and the vocabulary into {@code outDir}. */
    Written write(SentenceReader reader, Path outDir) {
        Map<String, Long> counts = WordCounts.of(files.get(Split.TRAIN), reader);
        Vocabulary vocabulary = Vocabulary.fromCounts(counts, minCount, maxVocab);
        Map<Split, BrownSplits.Size> sizes = new EnumMap<>(Split.class);
        Map<Split, Long> unknown = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            long[] n = new long[3];                      // sentences, words, words outside the vocabulary
            AtomicFiles.write(outDir.resolve(split.fileName()), stream -> {
                Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                reader.read(files.get(split), (words, line) -> {
                    n[0]++;
                    n[1] += words.size();
                    try {
                        writeLine(w, words, vocabulary, n);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                w.flush();
            });
            sizes.put(split, new BrownSplits.Size((int) n[0], n[1]));
            unknown.put(split, n[2]);
        }
        vocabulary.save(outDir.resolve(BrownSplits.VOCABULARY_FILE));
        return new Written(sizes, unknown, vocabulary);
    }

    private static void writeLine(Writer w, List<String> sentence, Vocabulary vocabulary, long[] n) throws IOException {
        for (int i = 0; i < sentence.size(); i++) {
            if (i > 0) {
                w.write(' ');
            }
            String word = sentence.get(i);
            boolean known = vocabulary.contains(word);
            if (!known && !word.equals(Vocabulary.UNK)) {
                n[2]++;
            }
            w.write(known ? word : Vocabulary.UNK);
        }
        w.write('\n');
    }
}
