package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.SentenceReader;
import io.lmkit.core.corpus.SplitFolder;
import io.lmkit.core.corpus.WordCounts;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.compare.ComparisonData;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The three splits a comparison reads, encoded with one vocabulary: from a folder of splits (its
 * {@code vocab.txt}), or from three files of a corpus that comes split already, whose vocabulary is
 * the given one or else built from the training file ({@code minCount}, {@code maxVocab}); words of
 * the validation and test files outside it are read as {@code <unk>}, and counted.
 *
 * @param train the training split
 * @param valid the validation split
 * @param test  the test split
 */
record ComparisonSplits(Corpus train, Corpus valid, Corpus test) {

    /** The files the splits are read from (and the vocabulary's, when it is a file), for the output-path checks. */
    static List<Path> inputs(ComparisonData data) {
        List<Path> out = new ArrayList<>();
        if (!data.isFiles()) {
            Path dir = Path.of(data.folder());
            for (BrownSplits.Split s : BrownSplits.Split.values()) {
                out.add(SplitFolder.file(dir, s));
            }
            out.add(SplitFolder.vocabulary(dir));
            return out;
        }
        out.add(Path.of(data.train()));
        out.add(Path.of(data.valid()));
        out.add(Path.of(data.test()));
        if (!data.vocab().isEmpty()) {
            out.add(Path.of(data.vocab()));
        }
        return out;
    }

    /**
     * Reads the splits of {@code data} (a folder must be complete: the caller prepares brown-v1),
     * telling {@code err} where the vocabulary came from and how many words became {@code <unk>}.
     *
     * @throws LmkitException naming a given file that does not exist
     */
    static ComparisonSplits read(ComparisonData data, SentenceReader reader, PrintWriter err) {
        if (!data.isFiles()) {
            Path dir = Path.of(data.folder());
            Vocabulary v = Vocabulary.load(SplitFolder.vocabulary(dir));
            return new ComparisonSplits(Corpus.read(SplitFolder.file(dir, BrownSplits.Split.TRAIN), reader, v),
                    Corpus.read(SplitFolder.file(dir, BrownSplits.Split.VALID), reader, v),
                    Corpus.read(SplitFolder.file(dir, BrownSplits.Split.TEST), reader, v));
        }
        Path train = existing(data.train(), "training", "train");
        Path valid = existing(data.valid(), "validation", "valid");
        Path test = existing(data.test(), "test", "test");
        Vocabulary v;
        if (!data.vocab().isEmpty()) {
            v = Vocabulary.load(existing(data.vocab(), "vocabulary", "vocab"));
            err.printf(Locale.ROOT, "vocabulary: %,d words from %s%n", v.size() - 2, data.vocab());
        } else {
            int max = data.maxVocab() == 0 ? Integer.MAX_VALUE : data.maxVocab();
            v = Vocabulary.fromCounts(WordCounts.of(train, reader), data.minCount(), max);
            err.printf(Locale.ROOT, "vocabulary: %,d words including <unk> (plus <s> and </s>), built from %s"
                    + " (min count %d%s)%n", v.size() - 2, train, data.minCount(),
                    data.maxVocab() == 0 ? "" : ", at most " + data.maxVocab());
        }
        ComparisonSplits splits = new ComparisonSplits(Corpus.read(train, reader, v), Corpus.read(valid, reader, v),
                Corpus.read(test, reader, v));
        unknown(err, "validation", valid, splits.valid());
        unknown(err, "test", test, splits.test());
        return splits;
    }

    private static void unknown(PrintWriter err, String split, Path file, Corpus corpus) {
        err.printf(Locale.ROOT, "%s: %s: %,d of %,d words outside the vocabulary, read as <unk>%n", split, file,
                corpus.unknownWordCount(), corpus.wordCount());
    }

    private static Path existing(String file, String what, String key) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new LmkitException("the " + what + " file " + file + " (--" + key + ", or data." + key + " in the"
                    + " config) does not exist; give the path of the " + what + " split");
        }
        return p;
    }
}
