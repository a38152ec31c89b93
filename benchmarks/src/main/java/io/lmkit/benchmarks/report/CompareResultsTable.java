package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results table of a comparison ({@code lmkit compare}'s {@code results.csv}): model, valid and test
 * perplexity, bits/token, size, memory, training seconds and scoring tokens/s, as the comparison's report
 * shows them. Option {@code columns=} picks and orders the columns by key (model, valid, test, bits, size,
 * memory, train, speed, and protocol: how each row was scored, from the CSV's {@code protocol} column; a
 * comparison written before that column existed scored every model under the sentence protocol).
 */
final class CompareResultsTable {

    static final List<String> ALL_COLUMNS = List.of("model", "valid", "test", "bits", "size", "memory", "train", "speed");
    /** Every column key: the default ones and the scoring protocol. */
    static final List<String> KNOWN_COLUMNS = List.of("model", "protocol", "valid", "test", "bits", "size", "memory",
            "train", "speed");

    private static final Pattern ZERO_TEST = Pattern.compile("(\\d+) test tokens with probability 0");
    private static final Pattern MIX_WEIGHT = Pattern.compile("λ = ([0-9.]+) on (\\S+)");

    private CompareResultsTable() {
    }

    static String render(Path csv, List<String> columns) {
        for (String column : columns) {
            if (!KNOWN_COLUMNS.contains(column)) {
                throw new IllegalArgumentException("unknown compare-results column '" + column + "'; known: "
                        + String.join(",", KNOWN_COLUMNS));
            }
        }
        List<String> header = new ArrayList<>();
        List<Boolean> right = new ArrayList<>();
        for (String column : columns) {
            header.add(heading(column));
            right.add(!column.equals("model") && !column.equals("protocol"));
        }
        MarkdownTable table = new MarkdownTable(header, right);
        for (Map<String, String> row : RecordedFiles.csvRows(csv)) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                cells.add(cell(column, row, csv));
            }
            table.add(cells);
        }
        return table.text();
    }

    private static String heading(String column) {
        return switch (column) {
            case "model" -> "model";
            case "protocol" -> "protocol";
            case "valid" -> "valid perplexity";
            case "test" -> "test perplexity";
            case "bits" -> "bits/token";
            case "size" -> "size";
            case "memory" -> "memory";
            case "train" -> "training s";
            default -> "scoring tokens/s";
        };
    }

    private static String cell(String column, Map<String, String> row, Path csv) {
        return switch (column) {
            case "model" -> label(row, csv);
            case "protocol" -> row.getOrDefault("protocol", "sentence");
            case "valid" -> Numbers.fixed(number(row, "valid_perplexity", csv), 2);
            case "test" -> testPerplexity(row, csv);
            case "bits" -> Numbers.fixed(number(row, "bits_per_token", csv), 2);
            case "size" -> size(row, csv);
            case "memory" -> Numbers.fixed(number(row, "memory_bytes", csv) / 1e6, 1) + " MB";
            case "train" -> Numbers.fixed(number(row, "train_seconds", csv), 1);
            default -> Numbers.grouped(Math.round(number(row, "scoring_tokens_per_second", csv)));
        };
    }

    /** The label, with the work budget where the run had one and the weight of a mixture. */
    private static String label(Map<String, String> row, Path csv) {
        String label = RecordedFiles.field(row, "label", csv);
        Matcher mix = MIX_WEIGHT.matcher(row.getOrDefault("note", ""));
        if (mix.find()) {
            double weight = Numbers.parse(mix.group(1), "note", csv.toString());
            return label + " (" + mix.group(2) + ", λ = " + Numbers.fixed(weight, 3) + ")";
        }
        String budget = row.getOrDefault("budget_limit", "");
        return budget.isEmpty() ? label : label + " (" + budget + ")";
    }

    private static String testPerplexity(Map<String, String> row, Path csv) {
        double test = number(row, "test_perplexity", csv);
        Matcher zero = ZERO_TEST.matcher(row.getOrDefault("note", ""));
        if (Double.isInfinite(test) && zero.find()) {
            return "∞ (" + zero.group(1) + " test tokens with p = 0)";
        }
        return Numbers.fixed(test, 2);
    }

    /** "285,163 n-grams"; a mixture, which has no size of its own, is "both". */
    private static String size(Map<String, String> row, Path csv) {
        long size = Math.round(number(row, "size", csv));
        if (size < 0) {
            return "both";
        }
        return Numbers.grouped(size) + " " + RecordedFiles.field(row, "size_unit", csv);
    }

    private static double number(Map<String, String> row, String column, Path csv) {
        return Numbers.parse(RecordedFiles.field(row, column, csv), column, csv.toString());
    }
}
