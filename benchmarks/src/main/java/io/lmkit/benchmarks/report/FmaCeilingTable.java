package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.List;

/**
 * The machine's float32 ceiling from {@code FmaCeiling}'s JMH JSON, per thread count: GFLOP/s per second of wall
 * time, from JMH's score (vector FMAs per second, summed over the threads) with its error, and GFLOP/s per second of
 * the threads' CPU time, from the {@code fmas} and {@code cpuNanos} counters, per CPU and for the threads' CPUs
 * together. A vector FMA is lanes × 2 FLOPs (lanes: the benchmark's parameter). On a machine shared with other
 * work the wall figure is the benchmark's share of the CPUs; the CPU-time figure is the hardware's rate.
 */
final class FmaCeilingTable {

    private FmaCeilingTable() {
    }

    static String render(Path json) {
        MarkdownTable table = new MarkdownTable(List.of("threads", "lanes", "GFLOP/s of wall time",
                "GFLOP/s of a CPU's time", "the threads' CPUs together"), List.of(true, true, true, true, true));
        List<JmhResults.Result> results = JmhResults.read(json).stream()
                .filter(r -> r.className().equals("FmaCeiling")).toList();
        if (results.isEmpty()) {
            throw new TableSourceException(json + ": no FmaCeiling results; run benchmarks/run.sh fma-ceiling");
        }
        for (JmhResults.Result r : results) {
            int lanes = (int) Numbers.parse(r.param("lanes", json), "lanes", json.toString());
            double flopsPerFma = 2.0 * lanes;
            double wall = r.score("ops/s", json) * flopsPerFma / 1e9;
            double perCpu = MeasuredCeiling.perCpuGflops(r, json);
            table.add(List.of(Integer.toString(r.threads()), Integer.toString(lanes),
                    Numbers.fixed(wall, 1) + (Double.isNaN(r.error()) ? ""
                            : " ± " + Numbers.fixed(r.error() * flopsPerFma / 1e9, 1)),
                    Numbers.fixed(perCpu, 1), Numbers.fixed(perCpu * r.threads(), 1)));
        }
        return table.text();
    }
}
