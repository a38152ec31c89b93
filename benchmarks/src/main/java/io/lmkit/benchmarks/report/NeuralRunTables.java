package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of a neural training run, from its log ({@link TrainingLog}): {@code learning-curve LOG} (every
 * validation: seconds, training tokens, with the epoch it closes, and perplexity, the best in bold),
 * {@code fixed-window-brown LOG} (the test perplexities FixedWindowBrown printed, each against the 5-gram's) and
 * {@code recurrent-brown LOG... ngram=CSV:LABEL} (a row per RecurrentBrown run, after the 5-gram's row of a
 * comparison's results.csv).
 */
final class NeuralRunTables {

    private static final Pattern PRINTED_ROW = Pattern.compile("^\\| (.+?) \\| ([\\d.]+)(?: \\(.*\\))? \\|$");
    private static final Pattern RECURRENT_RESULT =
            Pattern.compile("^\\| (\\S+) \\(([\\d.]+) min of training\\) \\| test perplexity ([\\d.]+) \\|$");
    private static final String NGRAM_NAME = "modified-kneser-ney, order 5";

    private NeuralRunTables() {
    }

    static String learningCurve(Path log) {
        TrainingLog run = TrainingLog.read(log);
        String best = bestPerplexity(run);
        MarkdownTable table = new MarkdownTable(List.of("seconds", "tokens", "valid perplexity"),
                List.of(true, true, true));
        for (TrainingLog.Validation v : run.validations()) {
            int epoch = run.epochClosed(v);
            table.add(List.of(Long.toString(Math.round(v.seconds())),
                    Numbers.grouped(v.tokens()) + (epoch > 0 ? " (epoch " + epoch + ")" : ""),
                    v.perplexity().equals(best) ? "**" + v.perplexity() + "**" : v.perplexity()));
        }
        return table.text();
    }

    /** FixedWindowBrown's closing table: each model's test perplexity, and how far below the 5-gram's it is. */
    static String fixedWindow(Path log) {
        List<String[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : RecordedFiles.lines(log)) {
            if (line.equals("| model | test perplexity |")) {
                rows.clear();
                inTable = true;
            } else if (inTable && line.startsWith("|") && !line.startsWith("|---")) {
                Matcher m = PRINTED_ROW.matcher(line);
                if (!m.matches()) {
                    throw new TableSourceException(log + ": a row of FixedWindowBrown's table is not"
                            + " '| model | perplexity |': " + line);
                }
                rows.add(new String[] {m.group(1), m.group(2)});
            }
        }
        String ngram = rows.stream().filter(r -> r[0].equals(NGRAM_NAME)).map(r -> r[1]).findFirst()
                .orElseThrow(() -> new TableSourceException(log + ": FixedWindowBrown's table has no '" + NGRAM_NAME
                        + "' row; the run did not finish, re-run it"));
        MarkdownTable table = new MarkdownTable(List.of("model", "test perplexity", "against the 5-gram"),
                List.of(false, true, true));
        for (String[] row : rows) {
            table.add(List.of(row[0], row[1], row[0].equals(NGRAM_NAME) ? "" : against(row[1], ngram, log)));
        }
        return table.text();
    }

    /** RecurrentBrown runs, after the 5-gram's row of a comparison's results.csv (ngram=CSV:LABEL). */
    static String recurrent(List<Path> logs, String ngramSource, Path root) {
        int colon = ngramSource.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("recurrent-brown: ngram= takes CSV:LABEL, a comparison's results.csv"
                    + " and the label of its 5-gram row (for example mkn-5)");
        }
        Path csv = root.resolve(ngramSource.substring(0, colon));
        String label = ngramSource.substring(colon + 1);
        Map<String, String> ngramRow = RecordedFiles.csvRows(csv).stream()
                .filter(r -> label.equals(r.get("label"))).findFirst()
                .orElseThrow(() -> new TableSourceException(csv + ": no row labelled '" + label + "'"));
        String ngram = Numbers.fixed(Numbers.parse(RecordedFiles.field(ngramRow, "test_perplexity", csv),
                "test_perplexity", csv.toString()), 2);
        double ngramSeconds = Numbers.parse(RecordedFiles.field(ngramRow, "train_seconds", csv), "train_seconds",
                csv.toString());
        MarkdownTable table = new MarkdownTable(List.of("model", "training", "test perplexity (per sentence)",
                "best stream-valid perplexity"), List.of(false, false, true, true));
        table.add(List.of(RecordedFiles.field(ngramRow, "model", csv) + ", order 5 (`" + label + "`, "
                + csv.getParent().getFileName() + ")", Numbers.fixed(ngramSeconds, 1) + " s", ngram, ""));
        for (Path log : logs) {
            TrainingLog run = TrainingLog.read(log);
            Matcher result = run.last(RECURRENT_RESULT, "'| FAMILY (M min of training) | test perplexity P |' line");
            int epochs = run.steps().isEmpty() ? 0 : run.steps().get(run.steps().size() - 1).epoch();
            long tokens = run.validations().get(run.validations().size() - 1).tokens();
            Map<String, String> c = run.config();
            table.add(List.of("`" + result.group(1) + "` (dropout " + c.get("dropout") + ", learningRate "
                            + c.get("learningRate") + ", maxMinutes " + c.get("maxMinutes") + ")",
                    result.group(2) + " min, " + epochs + " epochs, " + Numbers.fixed(tokens / 1e6, 1) + " M tokens, "
                            + Numbers.grouped(run.medianTokensPerSecond()) + " tokens/s (median)",
                    "**" + result.group(3) + "** (" + against(result.group(3), ngram, log) + ")",
                    bestPerplexity(run)));
        }
        return table.text();
    }

    /** "15.0% below the 5-gram" (or above). */
    private static String against(String perplexity, String ngram, Path source) {
        double p = Numbers.parse(perplexity, "test perplexity", source.toString());
        double n = Numbers.parse(ngram, "the 5-gram's test perplexity", source.toString());
        double below = 100 * (1 - p / n);
        return Numbers.fixed(Math.abs(below), 1) + "% " + (below >= 0 ? "below" : "above") + " the 5-gram";
    }

    private static String bestPerplexity(TrainingLog run) {
        TrainingLog.Validation best = run.validations().get(0);
        for (TrainingLog.Validation v : run.validations()) {
            if (Double.parseDouble(v.perplexity()) < Double.parseDouble(best.perplexity())) {
                best = v;
            }
        }
        return best.perplexity();
    }
}
