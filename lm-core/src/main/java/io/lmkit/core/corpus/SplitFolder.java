package io.lmkit.core.corpus;

import io.lmkit.core.corpus.BrownSplits.Split;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of a folder of prepared splits, as {@code lmkit data split} and {@code lmkit data brown} write
 * it: {@code train.txt}, {@code valid.txt}, {@code test.txt} and {@code vocab.txt}. Folders written before
 * this layout, with brown-v1's names ({@code brown.train.txt} ...), are read as they are.
 */
public final class SplitFolder {

    /** The name of the vocabulary file beside the splits. */
    public static final String VOCABULARY_FILE = "vocab.txt";

    private SplitFolder() {
    }

    /**
     * The file of {@code split} in {@code dir}: {@code train.txt} and the like, or brown-v1's
     * {@code brown.train.txt} where only that exists. A file that is in neither name is given by its
     * current name, so that an error about it names the file to write.
     */
    public static Path file(Path dir, Split split) {
        Path current = dir.resolve(split.fileName());
        Path legacy = dir.resolve(split.legacyFileName());
        return !Files.exists(current) && Files.exists(legacy) ? legacy : current;
    }

    /** The vocabulary file of the splits in {@code dir}. */
    public static Path vocabulary(Path dir) {
        return dir.resolve(VOCABULARY_FILE);
    }

    /** Whether {@code dir} holds every split (under either name) and the vocabulary. */
    public static boolean isComplete(Path dir) {
        boolean complete = Files.isRegularFile(vocabulary(dir));
        for (Split s : Split.values()) {
            complete &= Files.isRegularFile(file(dir, s));
        }
        return complete;
    }
}
