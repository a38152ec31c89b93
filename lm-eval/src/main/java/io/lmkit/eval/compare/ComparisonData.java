package io.lmkit.eval.compare;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a comparison's splits come from: a folder of prepared splits ({@code data: data/brown-v1},
 * with {@code train.txt}, {@code valid.txt}, {@code test.txt} and {@code vocab.txt}), or three files
 * of a corpus that comes split already, such as Penn Treebank or WikiText
 * ({@code data: {train: ptb.train.txt, valid: ptb.valid.txt, test: ptb.test.txt}}), whose vocabulary
 * is {@code vocab} when given, else built from the training file with {@code minCount} and
 * {@code maxVocab} (words of the validation and test files outside it are read as {@code <unk>}).
 *
 * @param folder   the folder of splits; empty when the files are given
 * @param train    the training file; empty for a folder
 * @param valid    the validation file; empty for a folder
 * @param test     the test file; empty for a folder
 * @param vocab    a vocabulary file for the given files (empty: built from {@code train})
 * @param minCount keep the words seen at least this often in {@code train} (default 1)
 * @param maxVocab keep at most this many words, the most frequent first (default 0: no limit)
 */
public record ComparisonData(String folder, String train, String valid, String test, String vocab, Long minCount,
                             Integer maxVocab) {

    /** The default: brown-v1's folder. */
    public static final ComparisonData DEFAULT = folder("data/brown-v1");

    /** Fills in defaults and checks that it is a folder or three files, not both or a part. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ComparisonData {
        folder = folder == null ? "" : folder;
        train = train == null ? "" : train;
        valid = valid == null ? "" : valid;
        test = test == null ? "" : test;
        vocab = vocab == null ? "" : vocab;
        minCount = minCount == null ? 1L : minCount;
        maxVocab = maxVocab == null ? 0 : maxVocab;
        boolean files = !train.isEmpty() || !valid.isEmpty() || !test.isEmpty();
        if (files && !folder.isEmpty()) {
            throw new IllegalArgumentException("data gives a folder (" + folder + ") and files; give one: a folder of"
                    + " splits, or train, valid and test files");
        }
        if (files && (train.isEmpty() || valid.isEmpty() || test.isEmpty())) {
            throw new IllegalArgumentException("data needs all three files: train, valid and test; got train '" + train
                    + "', valid '" + valid + "', test '" + test + "'");
        }
        if (!files && folder.isEmpty()) {
            throw new IllegalArgumentException("data needs a folder of splits or train, valid and test files");
        }
        if (minCount < 1 || maxVocab < 0) {
            throw new IllegalArgumentException("data's minCount must be at least 1 and maxVocab not negative (0: no"
                    + " limit); got " + minCount + " and " + maxVocab);
        }
    }

    /** A folder of splits: {@code data: DIR} in a config file. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ComparisonData folder(String dir) {
        return new ComparisonData(dir, null, null, null, null, null, null);
    }

    /** Three files, the vocabulary built from the training file (or read from {@code vocab}, when not null). */
    public static ComparisonData files(String train, String valid, String test, String vocab, long minCount,
                                       int maxVocab) {
        return new ComparisonData(null, train, valid, test, vocab, minCount, maxVocab);
    }

    /** Whether the splits are given as files rather than a folder. */
    public boolean isFiles() {
        return folder.isEmpty();
    }

    /** As a config file writes it: the folder as a string, the files as an object. */
    @JsonValue
    public Object written() {
        if (!isFiles()) {
            return folder;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train", train);
        m.put("valid", valid);
        m.put("test", test);
        if (!vocab.isEmpty()) {
            m.put("vocab", vocab);
        }
        m.put("minCount", minCount);
        m.put("maxVocab", maxVocab);
        return m;
    }

    /** How the report names the data: the folder, or the three files. */
    public String describe() {
        return isFiles() ? "train " + train + ", valid " + valid + ", test " + test : folder;
    }
}
