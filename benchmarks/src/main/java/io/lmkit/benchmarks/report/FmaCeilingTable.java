package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.List;

/**
 * The machine's float32 ceiling from {@code FmaCeiling}'s JMH JSON: per thread count, vector FMAs per second
 * (JMH's score, summed over the threads), GFLOP/s = score × lanes × 2 / 1e9 (an FMA is 2 FLOPs; lanes is the
 * benchmark's {@code lanes} parameter) with JMH's error scaled the same way, and the best measured iteration in
 * GFLOP/s, in all and per thread. Other work on the machine can only lower a throughput, so on a shared machine
 * the best iteration is the nearer to the ceiling.
 */
final class FmaCeilingTable {

    private FmaCeilingTable() {
    }

    static String render(Path json) {
        MarkdownTable table = new MarkdownTable(List.of("threads", "lanes", "vector FMAs/s", "GFLOP/s",
                "best iteration, GFLOP/s", "best, per thread"), List.of(true, true, true, true, true, true));
        List<JmhResults.Result> results = JmhResults.read(json).stream()
                .filter(r -> r.className().equals("FmaCeiling")).toList();
        if (results.isEmpty()) {
            throw new TableSourceException(json + ": no FmaCeiling results; run benchmarks/run.sh fma-ceiling");
        }
        for (JmhResults.Result r : results) {
            int lanes = (int) Numbers.parse(r.param("lanes", json), "lanes", json.toString());
            double perFma = 2.0 * lanes / 1e9;
            double gflops = r.score("ops/s", json) * perFma;
            double best = r.iterations().stream().mapToDouble(Double::doubleValue).max().orElse(r.score()) * perFma;
            table.add(List.of(Integer.toString(r.threads()), Integer.toString(lanes),
                    Numbers.fixed(r.score() / 1e9, 2) + " G",
                    Numbers.fixed(gflops, 1) + (Double.isNaN(r.error()) ? "" : " ± " + Numbers.fixed(r.error() * perFma, 1)),
                    Numbers.fixed(best, 1), Numbers.fixed(best / r.threads(), 1)));
        }
        return table.text();
    }
}
