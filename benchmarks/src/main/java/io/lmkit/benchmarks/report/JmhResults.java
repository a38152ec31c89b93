package io.lmkit.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The results of one JMH run as its {@code -rf json} file records them, one per benchmark and parameter set. */
final class JmhResults {

    /**
     * One result.
     *
     * @param benchmark the benchmark's full name, {@code package.Class.method}
     * @param threads   the threads JMH ran it on (a throughput's score is their sum)
     * @param params    the {@code @Param} values, in the file's order
     * @param score     the primary metric's score
     * @param error     its error, JMH's 99.9% half-interval; NaN when JMH gives none (a single iteration)
     * @param unit      the score's unit, such as {@code ops/s}
     * @param secondary the score of each secondary metric by name (a profiler's, or {@code @AuxCounters}')
     */
    record Result(String benchmark, int threads, Map<String, String> params, double score, double error, String unit,
                  Map<String, Double> secondary) {

        /** {@code Class.method}, without the package. */
        String shortName() {
            String[] parts = benchmark.split("\\.");
            return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
        }

        /** The benchmark's class without its package. */
        String className() {
            String[] parts = benchmark.split("\\.");
            return parts.length < 2 ? benchmark : parts[parts.length - 2];
        }

        /** A parameter's value, or an error naming the file, the benchmark and the parameter. */
        String param(String name, Path file) {
            String value = params.get(name);
            if (value == null) {
                throw new TableSourceException(file + ": " + shortName() + " has no parameter '" + name
                        + "'; re-run the benchmark that wrote it");
            }
            return value;
        }

        /** A secondary metric's score, or an error naming the file, the benchmark and the metric. */
        double secondary(String name, Path file) {
            Double value = secondary.get(name);
            if (value == null || value.isNaN()) {
                throw new TableSourceException(file + ": " + shortName() + " has no secondary metric '" + name
                        + "'; re-run the benchmark that wrote it");
            }
            return value;
        }

        /** The score in the given unit, or an error naming the unit the file has. */
        double score(String expectedUnit, Path file) {
            if (!unit.equals(expectedUnit)) {
                throw new TableSourceException(file + ": " + shortName() + " is in " + unit + ", not "
                        + expectedUnit + "; run it in JMH's throughput mode with -tu s");
            }
            return score;
        }
    }

    private JmhResults() {
    }

    /** Every result of a JMH JSON file, in its order. */
    static List<Result> read(Path json) {
        JsonNode results = RecordedFiles.json(json);
        if (!results.isArray()) {
            throw new TableSourceException(json + ": not JMH's JSON result (an array of benchmarks); write it with"
                    + " -rf json -rff FILE");
        }
        List<Result> list = new ArrayList<>();
        for (JsonNode result : results) {
            JsonNode metric = result.path("primaryMetric");
            if (!result.hasNonNull("benchmark") || !metric.hasNonNull("score")) {
                throw new TableSourceException(json + ": a result without 'benchmark' or 'primaryMetric.score'");
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = result.path("params").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                params.put(entry.getKey(), entry.getValue().asText());
            }
            Map<String, Double> secondary = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = result.path("secondaryMetrics").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                secondary.put(entry.getKey(), entry.getValue().path("score").asDouble(Double.NaN));
            }
            list.add(new Result(result.get("benchmark").asText(), result.path("threads").asInt(1), params,
                    metric.get("score").asDouble(), metric.path("scoreError").asDouble(Double.NaN),
                    metric.path("scoreUnit").asText(), Map.copyOf(secondary)));
        }
        return list;
    }
}
