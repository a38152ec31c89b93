package io.lmkit.eval.compare;

import io.lmkit.core.io.AtomicFiles;
import io.lmkit.eval.report.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A comparison written out: a Markdown table for people, CSV and JSON for scripts. */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    /** The Markdown table: model, test perplexity, bits/token, size, training time, and notes. */
    public static String markdown(List<ComparisonRow> rows) {
        StringBuilder b = new StringBuilder("| model | valid perplexity | test perplexity | bits/token | size |"
                + " training s | scoring tokens/s | note |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (ComparisonRow r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.1f | %.0f | %s |%n", r.label(),
                    number(r.validPerplexity()), number(r.testPerplexity()), number(r.bitsPerToken()),
                    r.size() < 0 ? "" : String.format(Locale.ROOT, "%,d %s", r.size(), r.sizeUnit()), r.trainSeconds(),
                    r.scoringTokensPerSecond(), r.note()));
        }
        return b.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "n/a" : Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** One CSV line per model, with a header. */
    public static String csv(List<ComparisonRow> rows) {
        StringBuilder b = new StringBuilder("label,model,valid_perplexity,test_perplexity,bits_per_token,size,size_unit,"
                + "train_seconds,scoring_tokens_per_second,note\n");
        for (ComparisonRow r : rows) {
            b.append(String.join(",", quote(r.label()), quote(r.model()), Double.toString(r.validPerplexity()),
                    Double.toString(r.testPerplexity()), Double.toString(r.bitsPerToken()), Long.toString(r.size()),
                    quote(r.sizeUnit()), Double.toString(r.trainSeconds()), Double.toString(r.scoringTokensPerSecond()),
                    quote(r.note()))).append('\n');
        }
        return b.toString();
    }

    /** A JSON array of the rows, each with its full config, so any row can be reproduced. */
    public static String json(List<ComparisonRow> rows) {
        return rows.stream().map(r -> "{" + String.join(",",
                field("label", str(r.label())), field("model", str(r.model())), field("config", map(r.config())),
                field("validPerplexity", num(r.validPerplexity())), field("testPerplexity", num(r.testPerplexity())),
                field("bitsPerToken", num(r.bitsPerToken())), field("size", Long.toString(r.size())),
                field("sizeUnit", str(r.sizeUnit())), field("trainSeconds", num(r.trainSeconds())),
                field("scoringTokensPerSecond", num(r.scoringTokensPerSecond())), field("note", str(r.note()))) + "}")
                .collect(Collectors.joining(",\n  ", "[\n  ", "\n]\n"));
    }

    /** Writes report.md, results.csv and results.json into {@code dir}, each atomically. */
    public static void write(Path dir, String title, List<ComparisonRow> rows) {
        String md = "# " + title + "\n\n" + markdown(rows);
        AtomicFiles.write(dir.resolve("report.md"), o -> o.write(md.getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(dir.resolve("results.csv"), o -> o.write(csv(rows).getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(dir.resolve("results.json"), o -> o.write(json(rows).getBytes(StandardCharsets.UTF_8)));
    }

    private static String field(String name, String value) {
        return str(name) + ":" + value;
    }

    private static String num(double v) {
        return Json.number(v);
    }

    private static String map(Map<String, String> m) {
        return m.entrySet().stream().map(e -> str(e.getKey()) + ":" + str(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String str(String s) {
        return Json.string(s);
    }
}
