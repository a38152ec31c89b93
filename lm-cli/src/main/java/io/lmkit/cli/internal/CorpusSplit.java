package io.lmkit.cli.internal;

import io.lmkit.cli.internal.progress.ProgressDisplay;
import io.lmkit.cli.internal.progress.ProgressSentenceReader;
import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.BrownSplits.Split;
import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.SentenceReader;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.core.files.TextFiles;
import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Splits any one-sentence-per-line corpus into training, validation and test sentences and
 * builds the vocabulary of the training part, written as a folder of splits
 * ({@code train.txt}, {@code valid.txt}, {@code test.txt} with {@code <unk>} substituted, and
 * {@code vocab.txt}; see {@link io.lmkit.core.corpus.SplitFolder}) that train, eval and compare read.
 *
 * <p>The text streams: it is read once to count sentences, once to count training words and once
 * per split to write it; only one byte per sentence (its split) is held in memory.
 *
 * @param validFraction share of the sentences for validation, in [0, 1)
 * @param testFraction  share of the sentences for testing, in [0, 1); with validFraction below 1
 * @param shuffle       whether sentences are drawn at random (seeded) or cut in file order
 *                      (training first, then validation, then test)
 * @param seed          the seed of the random draw
 * @param minCount      keep words seen at least this often in the training part
 * @param maxVocab      keep at most this many words, the most frequent first
 */
record CorpusSplit(double validFraction, double testFraction, boolean shuffle, long seed, long minCount,
                   int maxVocab) {

    /** What was written: sentences and words per split, and the vocabulary. */
    record Written(Map<Split, BrownSplits.Size> sizes, Vocabulary vocabulary) {
    }

    /** Checks the fractions, naming the option to fix. */
    CorpusSplit {
        if (!(validFraction >= 0 && validFraction < 1)) {
            throw new LmkitException("--valid must be a fraction in [0, 1), got " + validFraction);
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new LmkitException("--test must be a fraction in [0, 1), got " + testFraction);
        }
        if (validFraction + testFraction >= 1) {
            throw new LmkitException("--valid " + validFraction + " and --test " + testFraction
                    + " leave no training sentences; their sum must be below 1");
        }
        if (minCount < 1) {
            throw new LmkitException("--min-count must be at least 1, got " + minCount);
        }
    }

    /**
     * Splits {@code input} (sentences as {@code reader} finds them) into {@code outDir}, showing
     * each pass over the text on {@code progress}.
     */
    Written write(Path input, SentenceReader reader, Path outDir, ProgressDisplay display) {
        // Five passes: counting sentences, counting training words, writing each split.
        try (PassesProgress progress = new PassesProgress(display, "splitting " + input.getFileName(),
                5 * sizeOf(input), "bytes read (5 passes)")) {
            return writePasses(input, reader, outDir, progress);
        }
    }

    private Written writePasses(Path input, SentenceReader reader, Path outDir, PassesProgress progress) {
        byte[] splitOf = assign(input, count(input, new ProgressSentenceReader(reader, progress,
                "counting sentences of")));
        Map<String, Long> counts = new HashMap<>();
        forEachIn(input, new ProgressSentenceReader(reader, progress, "counting training words of"), splitOf,
                Split.TRAIN, words -> {
            for (String w : words) {
                counts.merge(w, 1L, Long::sum);
            }
        });
        Vocabulary vocabulary = Vocabulary.fromCounts(counts, minCount, maxVocab);
        Map<Split, BrownSplits.Size> sizes = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            int[] sentences = {0};
            long[] words = {0};
            AtomicFiles.write(outDir.resolve(split.fileName()), stream -> {
                Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                forEachIn(input, new ProgressSentenceReader(reader, progress, "writing " + split.fileName() + " from"),
                        splitOf, split, sentence -> {
                    sentences[0]++;
                    words[0] += sentence.size();
                    writeLine(w, sentence, vocabulary);
                });
                w.flush();
            });
            sizes.put(split, new BrownSplits.Size(sentences[0], words[0]));
        }
        vocabulary.save(outDir.resolve(BrownSplits.VOCABULARY_FILE));
        return new Written(sizes, vocabulary);
    }

    /** The text's bytes; 0, unknown, for a compressed file or a missing one (its reader's message names it). */
    private static long sizeOf(Path file) {
        return TextFiles.textBytes(file);
    }

    private static int count(Path input, SentenceReader reader) {
        long[] n = {0};
        reader.read(input, (words, line) -> n[0]++);
        if (n[0] == 0) {
            throw new LmkitException(input + " has no sentences; give a text file with one sentence a line");
        }
        if (n[0] > Integer.MAX_VALUE) {
            throw new LmkitException(input + " has more than " + Integer.MAX_VALUE + " sentences; split it first");
        }
        return (int) n[0];
    }

    /** The split of every sentence, by its index in the file. */
    private byte[] assign(Path input, int n) {
        int test = (int) Math.round(n * testFraction);
        int valid = (int) Math.round(n * validFraction);
        if (n - test - valid < 1) {
            throw new LmkitException(input + " has " + n + " sentences, too few to keep any for training with --valid "
                    + validFraction + " and --test " + testFraction + "; lower them or give more text");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            // Fisher-Yates with a seeded generator: the same seed gives the same split.
            Random random = new Random(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        byte[] splitOf = new byte[n];
        for (int rank = 0; rank < n; rank++) {
            Split s = rank < n - valid - test ? Split.TRAIN : rank < n - test ? Split.VALID : Split.TEST;
            splitOf[order[rank]] = (byte) s.ordinal();
        }
        return splitOf;
    }

    private interface SentenceAction {
        void accept(java.util.List<String> words) throws IOException;
    }

    private static void forEachIn(Path input, SentenceReader reader, byte[] splitOf, Split split,
                                  SentenceAction action) {
        int[] index = {0};
        reader.read(input, (words, line) -> {
            if (splitOf[index[0]++] == split.ordinal()) {
                try {
                    action.accept(words);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    private static void writeLine(Writer w, java.util.List<String> sentence, Vocabulary vocabulary)
            throws IOException {
        for (int i = 0; i < sentence.size(); i++) {
            if (i > 0) {
                w.write(' ');
            }
            String word = sentence.get(i);
            w.write(vocabulary.contains(word) ? word : Vocabulary.UNK);
        }
        w.write('\n');
    }
}
