package io.lmkit.benchmarks.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine's float32 ceiling that {@code FmaCeiling} measured, the figure every "share of the ceiling" in
 * BENCHMARKS.md is of: the GFLOP/s per second of CPU time of its run on the most threads, times those threads
 * (the "threads' CPUs together" column of the {@code fma-ceiling} table). The benchmark commands print their
 * shares against it, and the renderer computes the recorded logs' shares from their GFLOP/s again, so a log
 * that printed a share of another figure still renders against the measured one.
 *
 * @param gflops  the ceiling in GFLOP/s
 * @param threads the thread count of the run it comes from
 * @param source  the JMH JSON file it was read from
 */
public record MeasuredCeiling(double gflops, int threads, Path source) {

    /** Where {@code benchmarks/run.sh fma-ceiling} records the measurement, from the repository root. */
    public static final Path RECORDED = Path.of("benchmarks", "results", "fma-ceiling", "jmh.json");

    /**
     * The ceiling from FmaCeiling's JMH JSON.
     *
     * @param json the {@code -rf json} file of a FmaCeiling run
     * @return the ceiling
     * @throws TableSourceException when the file is missing, is not JMH's JSON or holds no FmaCeiling result
     */
    public static MeasuredCeiling read(Path json) {
        List<JmhResults.Result> results = JmhResults.read(json).stream()
                .filter(r -> r.className().equals("FmaCeiling")).toList();
        if (results.isEmpty()) {
            throw new TableSourceException(json + ": no FmaCeiling results; run benchmarks/run.sh fma-ceiling");
        }
        JmhResults.Result most = results.get(0);
        for (JmhResults.Result r : results) {
            if (r.threads() > most.threads()) {
                most = r;
            }
        }
        return new MeasuredCeiling(perCpuGflops(most, json) * most.threads(), most.threads(), json);
    }

    /** GFLOP/s per second of a thread's CPU time: FMAs per CPU nanosecond are G FMAs per CPU second. */
    static double perCpuGflops(JmhResults.Result result, Path json) {
        int lanes = (int) Numbers.parse(result.param("lanes", json), "lanes", json.toString());
        return result.secondary("fmas", json) / result.secondary("cpuNanos", json) * 2.0 * lanes;
    }

    /**
     * The ceiling recorded at {@code benchmarks/results/fma-ceiling/jmh.json} from the working directory (or in the
     * file the system property {@code lmkit.ceiling} names), for a benchmark command to state its share against.
     *
     * @return the ceiling, or empty when that file is missing or holds no readable FmaCeiling result
     */
    public static Optional<MeasuredCeiling> recorded() {
        Path json = recordedPath();
        if (!Files.isRegularFile(json)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(json));
        } catch (TableSourceException e) {
            return Optional.empty();
        }
    }

    /**
     * What a benchmark command prints after its GFLOP/s: the share of the {@link #recorded()} ceiling, or that
     * the ceiling is unmeasured, with no share.
     *
     * @param gflops the command's measured GFLOP/s
     * @return for example {@code "62.2% of the measured ceiling, 232.4 GFLOP/s"}
     */
    public static String shareOf(double gflops) {
        return recorded().map(c -> String.format(Locale.ROOT, "%.1f%% of the measured ceiling, %.1f GFLOP/s",
                100 * gflops / c.gflops(), c.gflops())).orElse(unmeasured());
    }

    /**
     * The words for a missing ceiling, naming the file looked for and the command that records it.
     *
     * @return for example {@code "no share: the machine's ceiling is unmeasured (...)"}
     */
    public static String unmeasured() {
        return "no share: the machine's ceiling is unmeasured (no FmaCeiling result in " + recordedPath()
                + "; run benchmarks/run.sh fma-ceiling)";
    }

    private static Path recordedPath() {
        String configured = System.getProperty("lmkit.ceiling");
        return configured != null ? Path.of(configured) : RECORDED;
    }

    /**
     * A share of this ceiling as the tables write it.
     *
     * @param gflops GFLOP/s
     * @return for example {@code "62.2%"}
     */
    public String share(double gflops) {
        return Numbers.fixed(100 * gflops / this.gflops, 1) + "%";
    }
}
