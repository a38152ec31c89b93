package io.lmkit.benchmarks;

import io.lmkit.core.files.AtomicFiles;
import io.lmkit.eval.compare.Provenance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * What the probe benchmark commands write beside their results: the command, the machine and
 * the date, so every number can be traced and rerun; and the atomic writing of text files.
 */
final class ProbeResults {

    private ProbeResults() {
    }

    /**
     * A Markdown paragraph naming the command, the git commit, the machine, the JVM and the date; first, in
     * bold, {@link Provenance#UNCOMMITTED_NOTE} when the working copy had uncommitted changes (a run allowed
     * with {@code --allow-dirty}).
     */
    static String provenance(String command) {
        String commit = Provenance.commitOfWorkingCopy();
        String mark = commit.endsWith(Provenance.CHANGES_SUFFIX) ? "**" + Provenance.UNCOMMITTED_NOTE + "**  \n" : "";
        return mark + "Git commit: " + commit + "  \n" + machine(command);
    }

    private static String machine(String command) {
        Runtime rt = Runtime.getRuntime();
        // The load average says how much of the machine other work took while the numbers were measured.
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "Command: `%s`  %nMachine: %s %s, %d processors visible to the JVM, max heap"
                        + " %d MiB; %s %s; load average %.2f at the start  %nDate: %s%n%n", command,
                System.getProperty("os.name"), System.getProperty("os.arch"), rt.availableProcessors(),
                rt.maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"), load,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Creates {@code dir} and its parents when they do not exist. */
    static void createDirectories(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the output folder " + dir, e);
        }
    }

    /** Writes {@code text} as UTF-8 to {@code dir/name}, atomically. */
    static void write(Path dir, String name, String text) {
        AtomicFiles.write(dir.resolve(name), o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
