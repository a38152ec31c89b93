package io.lmkit.eval.compare;

import io.lmkit.core.LmkitVersion;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a comparison was run with, so any row can be reproduced: the full config (defaults written
 * out), the seed, the machine, the JVM, the compute backend, the lmkit version, the git commit of
 * the working copy when there is one, and the date.
 *
 * @param date         when the comparison ran, ISO-8601 UTC
 * @param lmkitVersion the lmkit version
 * @param gitCommit    the commit of the working copy it ran in, with {@code +changes} when it had
 *                     uncommitted changes; {@code unknown} outside a git working copy
 * @param backend      the compute backend asked for (config, else {@code LMKIT_BACKEND}), or
 *                     {@code default (fastest available)}
 * @param seed         the seed of every model and of the bootstrap
 * @param cores        processors the JVM could use
 * @param memoryBytes  physical memory of the machine (the JVM's maximum heap when unknown)
 * @param maxHeapBytes the JVM's maximum heap
 * @param os           operating system name, version and architecture
 * @param jvm          JVM vendor, name and version
 * @param config       the full config
 */
public record Provenance(String date, String lmkitVersion, String gitCommit, String backend, long seed, int cores,
                         long memoryBytes, long maxHeapBytes, String os, String jvm, ComparisonConfig config) {

    /** What marks a commit whose working copy had uncommitted changes ({@code e4ac493...+changes}). */
    public static final String CHANGES_SUFFIX = "+changes";

    /** The line that marks a run from a working copy with uncommitted changes, in the report and the log. */
    public static final String UNCOMMITTED_NOTE = "uncommitted changes: results not reproducible from a commit";

    /**
     * Whether the run's working copy had uncommitted changes to tracked files: then no commit holds the code
     * that made these numbers.
     */
    public boolean uncommittedChanges() {
        return gitCommit.endsWith(CHANGES_SUFFIX);
    }

    /**
     * This provenance with the backend that was actually used written out, e.g. {@code simd (the
     * fastest available)}, for a caller that can resolve the default (lm-eval knows no backends).
     */
    public Provenance withBackend(String resolved) {
        return new Provenance(date, lmkitVersion, gitCommit, resolved, seed, cores, memoryBytes, maxHeapBytes, os, jvm,
                config);
    }

    /** The provenance of a run of {@code config} starting now, on this machine, in the current folder. */
    public static Provenance capture(ComparisonConfig config, Clock clock) {
        String env = System.getenv("LMKIT_BACKEND");
        String backend = !config.backend().isEmpty() ? config.backend()
                : env != null && !env.isBlank() ? env + " (LMKIT_BACKEND)" : "default (fastest available)";
        long maxHeap = Runtime.getRuntime().maxMemory();
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean o
                ? o.getTotalMemorySize() : maxHeap;
        return new Provenance(Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), LmkitVersion.get(), commitOfWorkingCopy(), backend, config.seed(),
                Runtime.getRuntime().availableProcessors(), memory, maxHeap,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"), config);
    }

    /**
     * The commit of the git working copy of the current folder, with {@link #CHANGES_SUFFIX} when tracked files
     * have uncommitted changes, or {@code unknown} outside a working copy (or without git). Changes under
     * {@link #RESULTS} do not count: they are what the benchmarks write (re-running a recorded benchmark
     * replaces its committed output while it runs), not the code that makes the numbers.
     */
    public static String commitOfWorkingCopy() {
        Path here = Path.of("").toAbsolutePath();
        String head = git(here, "rev-parse", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        return git(here, "status", "--porcelain", "--untracked-files=no", "--", ":(top)", ":(top,exclude)" + RESULTS).isEmpty()
                ? head : head + CHANGES_SUFFIX;
    }

    /** The folder of recorded benchmark outputs, relative to the repository root. */
    public static final String RESULTS = "benchmarks/results";

    /** Runs git; an empty string when git is missing, fails or takes too long (provenance is best effort). */
    private static String git(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroy();
                    return "";
                }
                return p.exitValue() == 0 ? out : "";
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
