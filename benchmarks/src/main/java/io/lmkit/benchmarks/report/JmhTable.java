package io.lmkit.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JMH's results ({@code -rf json}): one row per benchmark and parameter set, with the primary metric's score,
 * its error (JMH's 99.9% half-interval) and unit. Benchmark names drop their package.
 */
final class JmhTable {

    private JmhTable() {
    }

    static String render(Path json) {
        JsonNode results = RecordedFiles.json(json);
        if (!results.isArray()) {
            throw new TableSourceException(json + ": not JMH's JSON result (an array of benchmarks); write it with"
                    + " -rf json -rff FILE");
        }
        MarkdownTable table = new MarkdownTable(List.of("benchmark", "params", "score", "error", "unit"),
                List.of(false, false, true, true, false));
        for (JsonNode result : results) {
            JsonNode metric = result.path("primaryMetric");
            if (!result.hasNonNull("benchmark") || !metric.hasNonNull("score")) {
                throw new TableSourceException(json + ": a result without 'benchmark' or 'primaryMetric.score'");
            }
            double score = metric.get("score").asDouble();
            double error = metric.path("scoreError").asDouble(Double.NaN);
            table.add(List.of("`" + shortName(result.get("benchmark").asText()) + "`", params(result.path("params")),
                    number(score, score), Double.isNaN(error) ? "" : "± " + number(error, score), metric.path("scoreUnit").asText()));
        }
        return table.text();
    }

    private static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static String params(JsonNode params) {
        List<String> pairs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            pairs.add(entry.getKey() + "=" + entry.getValue().asText());
        }
        return String.join(", ", pairs);
    }

    /** Three decimals for a score below 100, else one decimal with thousands separators; an error as its score. */
    private static String number(double value, double score) {
        if (Math.abs(score) >= 100) {
            return String.format(java.util.Locale.ROOT, "%,.1f", value);
        }
        return Numbers.fixed(value, 3);
    }
}
