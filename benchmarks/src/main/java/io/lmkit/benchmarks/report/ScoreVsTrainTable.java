package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ScoreVsTrain's measurements ({@code score-vs-train.csv}): per model the timed training and scoring work
 * (tokens and seconds), as tokens/s each, their ratio, and whether it reaches issue 18's target of scoring at
 * least {@link #TARGET} times as fast as training; then the process CPU time per token of each and their
 * ratio, which moves less with the load of a shared machine than the wall clock does.
 */
final class ScoreVsTrainTable {

    /** Scoring tokens/s over training tokens/s that issue 18 asks for. */
    static final double TARGET = 3;

    private ScoreVsTrainTable() {
    }

    static String render(Path csv) {
        MarkdownTable table = new MarkdownTable(List.of("model", "training tokens/s", "scoring tokens/s",
                "scoring / training", "target ≥ 3×", "CPU µs/token training", "CPU µs/token scoring", "by CPU time"),
                List.of(false, true, true, true, false, true, true, true));
        for (Map<String, String> row : RecordedFiles.csvRows(csv)) {
            double train = number(row, "train_tokens", csv) / number(row, "train_seconds", csv);
            double score = number(row, "score_tokens", csv) / number(row, "score_seconds", csv);
            double ratio = score / train;
            double trainCpu = 1e6 * number(row, "train_cpu_seconds", csv) / number(row, "train_tokens", csv);
            double scoreCpu = 1e6 * number(row, "score_cpu_seconds", csv) / number(row, "score_tokens", csv);
            table.add(List.of(RecordedFiles.field(row, "model", csv), grouped(train), grouped(score),
                    Numbers.fixed(ratio, 2) + "×", ratio >= TARGET ? "met"
                            : "missed by " + Numbers.fixed(100 * (1 - ratio / TARGET), 0) + "%",
                    Numbers.fixed(trainCpu, 0), Numbers.fixed(scoreCpu, 0), Numbers.fixed(trainCpu / scoreCpu, 2) + "×"));
        }
        return table.text();
    }

    private static String grouped(double rate) {
        return String.format(Locale.ROOT, "%,.0f", rate);
    }

    private static double number(Map<String, String> row, String column, Path csv) {
        return Numbers.parse(RecordedFiles.field(row, column, csv), column, csv.toString());
    }
}
