package io.lmkit.eval.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lmkit.eval.report.CsvTables;
import io.lmkit.eval.report.JsonOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The long-range probe's results for several models, as Markdown (for the comparison report),
 * CSV (one row per model and distance) and JSON. Distances beyond a model's fixed context window
 * (a Transformer's) are marked in the Markdown tables and the window given in the JSON.
 *
 * @param config the corpus the models were trained and tested on
 * @param curves one curve per model, in report order
 */
public record LongRangeReport(LongRangeConfig config, List<LongRangeCurve> curves) {

    /** The accuracy a model must keep to count as still remembering the key, for the "reach" column. */
    public static final double REACH_THRESHOLD = 0.9;

    /** After a value in the tables: the distance is beyond that model's context (its key out of sight). */
    public static final String BEYOND_CONTEXT_MARK = " (beyond context)";

    /** Copies the curves. */
    public LongRangeReport {
        curves = List.copyOf(curves);
    }

    /** The accuracy of guessing a value: 1 / keys. */
    public double chanceAccuracy() {
        return 1.0 / config.keys();
    }

    /**
     * A Markdown section: the corpus, a summary per model (how far it reaches, mean accuracy by
     * range of d), accuracy at every distance and the value log-loss at a few.
     */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder("## Long-range dependency probe\n\n");
        md.append(String.format(Locale.ROOT, "Generated sentences `k_i f … f v_i`: a key, d − 1 random fillers, and"
                        + " the value that the key fixes; %d keys, %d fillers, d = %d..%d, %d training and %d test"
                        + " sentences per distance, seed %d. Only the key tells which value comes, so a model that"
                        + " has forgotten it is at chance: accuracy %.0f%% (1/%d), value log-loss %.2f nats (ln %d)."
                        + " Accuracy: the right value ranked first among the %d values; value log-loss: −ln p of the"
                        + " right value, the model's distribution renormalised over the values.%n%n",
                config.keys(), config.fillers(), config.minDistance(), config.maxDistance(), config.trainPerDistance(),
                config.testPerDistance(), config.seed(), 100 * chanceAccuracy(), config.keys(),
                Math.log(config.keys()), config.keys(), config.keys()));
        List<int[]> ranges = ranges();
        md.append("| model | how it was made | accuracy ≥ 90% up to d |");
        ranges.forEach(r -> md.append(String.format(Locale.ROOT, " mean accuracy, d %d–%d |", r[0], r[1])));
        md.append("\n|---|---|---:|");
        ranges.forEach(r -> md.append("---:|"));
        md.append('\n');
        for (LongRangeCurve c : curves) {
            md.append("| ").append(c.label()).append(" | ").append(c.description().replace("|", "\\|")).append(" | ")
                    .append(c.reach(REACH_THRESHOLD)).append(" |");
            ranges.forEach(r -> md.append(String.format(Locale.ROOT, " %.0f%% |", 100 * c.meanAccuracy(r[0], r[1]))));
            md.append('\n');
        }
        md.append(contextNote());
        md.append("\nAccuracy (%) against d:\n\n");
        table(md, false, allDistances());
        md.append("\nValue log-loss (nats) at selected d:\n\n");
        table(md, true, selectedDistances());
        return md.toString();
    }

    private void table(StringBuilder md, boolean logLoss, List<Integer> distances) {
        md.append("| d |");
        curves.forEach(c -> md.append(' ').append(c.label()).append(" |"));
        md.append("\n|---:|");
        curves.forEach(c -> md.append("---:|"));
        md.append('\n');
        for (int d : distances) {
            md.append("| ").append(d).append(" |");
            for (LongRangeCurve c : curves) {
                LongRangePoint p = c.points().get(d - config.minDistance());
                String mark = c.beyondContext(d) ? BEYOND_CONTEXT_MARK : "";
                md.append(logLoss ? String.format(Locale.ROOT, " %.2f%s |", p.valueLogLoss(), mark)
                        : String.format(Locale.ROOT, " %.0f%s |", 100 * p.accuracy(), mark));
            }
            md.append('\n');
        }
    }

    /**
     * For the models with a fixed context window (a Transformer's), a paragraph saying from which
     * distance the key is beyond it, where accuracy is expected to be chance; empty when no model has
     * one, so reports of the other families read as before.
     */
    private String contextNote() {
        List<String> windows = new ArrayList<>();
        for (LongRangeCurve c : curves) {
            c.context().ifPresent(n -> windows.add(String.format(Locale.ROOT, "%s's window holds %d positions,"
                    + " <s> included, so at d ≥ %d the key is beyond the model's context", c.label(), n, n)));
        }
        if (windows.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "%nBeyond the model's context: %s. There the model cannot see the key and"
                        + " its accuracy is expected to be chance (%.0f%%); those cells say %s.%n",
                String.join("; ", windows), 100 * chanceAccuracy(), BEYOND_CONTEXT_MARK.strip());
    }

    /** Ranges of d for the summary: up to 5, 6 to 20, beyond 20 (those the sweep covers). */
    private List<int[]> ranges() {
        List<int[]> out = new ArrayList<>();
        int[][] candidates = {{1, 5}, {6, 20}, {21, Integer.MAX_VALUE}};
        for (int[] r : candidates) {
            int from = Math.max(r[0], config.minDistance());
            int to = Math.min(r[1], config.maxDistance());
            if (from <= to) {
                out.add(new int[] {from, to});
            }
        }
        return out;
    }

    private List<Integer> allDistances() {
        List<Integer> out = new ArrayList<>();
        for (int d = config.minDistance(); d <= config.maxDistance(); d++) {
            out.add(d);
        }
        return out;
    }

    private List<Integer> selectedDistances() {
        List<Integer> out = new ArrayList<>();
        for (int d : new int[] {1, 2, 3, 4, 5, 10, 20, 30, 40, 50}) {
            if (d >= config.minDistance() && d <= config.maxDistance()) {
                out.add(d);
            }
        }
        return out;
    }

    /** One row per model and distance. */
    public String toCsv() {
        List<List<String>> rows = new ArrayList<>();
        for (LongRangeCurve c : curves) {
            for (LongRangePoint p : c.points()) {
                rows.add(List.of(c.label(), Integer.toString(p.distance()), Integer.toString(p.examples()),
                        ClozeReport.num(p.accuracy()), ClozeReport.num(p.valueLogLoss()),
                        ClozeReport.num(p.logLoss())));
            }
        }
        return CsvTables.write(List.of("model", "distance", "examples", "accuracy", "value_log_loss_nats",
                "log_loss_nats"), rows, CsvTables.Quoting.AS_NEEDED);
    }

    /** The config and every model's points. */
    public String toJson() {
        return JsonOutput.pretty(new JsonReport(config, chanceAccuracy(), curves.stream().map(c -> new JsonCurve(
                c.label(), c.description(), c.reach(REACH_THRESHOLD),
                c.context().isPresent() ? Integer.valueOf(c.context().getAsInt()) : null,
                c.points().stream().map(p -> new JsonPoint(
                        p.distance(), p.examples(), p.accuracy(), p.valueLogLoss(), p.logLoss())).toList())).toList()));
    }

    /** The JSON document: its field names are what scripts read, so they stay as they are. */
    private record JsonReport(LongRangeConfig config, double chanceAccuracy, List<JsonCurve> models) {
    }

    /** {@code context} is left out for a model without a fixed window, so those curves read as before. */
    private record JsonCurve(String label, String description, int reach,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Integer context, List<JsonPoint> points) {
    }

    private record JsonPoint(int distance, int examples, double accuracy, double valueLogLossNats,
                             double logLossNats) {
    }
}
