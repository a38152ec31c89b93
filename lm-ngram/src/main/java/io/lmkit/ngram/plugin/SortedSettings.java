package io.lmkit.ngram.plugin;

import io.lmkit.core.MemoryBudget;
import io.lmkit.ngram.estimate.SortedCounts;
import io.lmkit.ngram.spill.MemorySize;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code memory=}, {@code tempDir=} and {@code checkpointDir=} settings of the Kneser-Ney plugins: with a
 * memory size, counting and estimation keep about that much heap and sort on disk in {@code tempDir} (like
 * lmplz's {@code -S} and {@code -T}); empty, everything is estimated in memory. With a checkpoint folder the
 * runs go there instead and the estimation can go on after a stop ({@code SortedEstimation}).
 *
 * @param memoryBytes   the memory, or empty for in-memory estimation
 * @param tempDir       the folder for sorted runs (the system's temporary folder when not given)
 * @param checkpointDir the checkpoint folder, or null for none
 */
record SortedSettings(Optional<Long> memoryBytes, Path tempDir, Path checkpointDir) {

    /**
     * Reads and checks the settings of a config.
     *
     * @throws IllegalArgumentException naming the setting, when memory is no size or is too small for the
     *                                  order
     */
    static SortedSettings of(String memory, String tempDir, int order) {
        return of(memory, tempDir, "", order);
    }

    /**
     * Reads and checks the settings of a config.
     *
     * @throws IllegalArgumentException naming the setting, when memory is no size or is too small for the
     *                                  order, or a checkpoint folder is given without memory
     */
    static SortedSettings of(String memory, String tempDir, String checkpointDir, int order) {
        Path dir = Path.of(tempDir.isEmpty() ? System.getProperty("java.io.tmpdir") : tempDir);
        Path checkpoints = checkpointDir.isEmpty() ? null : Path.of(checkpointDir);
        if (memory.isEmpty()) {
            if (checkpoints != null) {
                throw new IllegalArgumentException("checkpointDir=" + checkpointDir + " keeps the steps of an"
                        + " estimation in sorted runs, but memory= is not set; give memory=SIZE (e.g. memory=4g),"
                        + " or leave checkpointDir= out");
            }
            return new SortedSettings(Optional.empty(), dir, null);
        }
        if (checkpoints != null && java.nio.file.Files.exists(checkpoints)
                && !java.nio.file.Files.isDirectory(checkpoints)) {
            throw new IllegalArgumentException("checkpointDir=" + checkpointDir + " is a file, not a folder; give a"
                    + " new folder, or the one an earlier run of this estimation kept");
        }
        long bytes = MemorySize.parse(memory);
        long least = SortedCounts.minimumBytes(order);
        if (bytes < least) {
            throw new IllegalArgumentException("memory=" + memory + " is too small for order " + order + ": estimating"
                    + " in sorted runs needs at least " + MemoryBudget.format(least) + "; give e.g. memory="
                    + ((least >> 20) + 1) + "m, or more (lmplz's -S; 1g for 10 M words keeps runs few)");
        }
        return new SortedSettings(Optional.of(bytes), dir, checkpoints);
    }
}
