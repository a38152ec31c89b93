package io.lmkit.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A log holding the output of {@code lmkit ngram stats} (one or more models) and of {@code lmkit eval --json},
 * as {@code benchmarks/run.sh ngram-layouts} and {@code ngram-backoff} record it: per model file its n-grams,
 * table bytes, layout and file bytes, with {@code --test} the sparsity rows, and the test perplexity that an
 * {@code eval --json} line of the same file gives. Other lines (progress, {@code ls -l}) are skipped.
 */
final class NgramStatsLog {

    /**
     * One row of the sparsity report.
     *
     * @param order    the n-gram order
     * @param ngrams   the text's n-grams of that order, as printed
     * @param unseen   the share never seen in training, as printed ("19.63%")
     * @param scoredAt the share of tokens scored at that order, as printed
     */
    record SparsityRow(String order, String ngrams, String unseen, String scoredAt) {
    }

    /**
     * One model file's statistics.
     *
     * @param file       the file's name, without its folder
     * @param layout     the layout line ("trie (probabilities 8 bits, backoffs 8 bits)")
     * @param ngrams     the model's n-grams
     * @param tableBytes the bytes of its tables
     * @param fileBytes  the bytes of the file
     * @param sparsity   the sparsity rows, empty without {@code --test}
     * @param perplexity the test perplexity as {@code eval --json} wrote it, if the log has it
     */
    record Model(String file, String layout, long ngrams, long tableBytes, long fileBytes, List<SparsityRow> sparsity,
                 Optional<String> perplexity) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private NgramStatsLog() {
    }

    /** The models of the log, in its order. */
    static List<Model> read(Path log) {
        List<String> lines = RecordedFiles.lines(log);
        Map<String, String> perplexities = perplexities(lines, log);
        List<Model> models = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (!(lines.get(i).startsWith("order ") && lines.get(i).contains("bytes/ngram"))) {
                i++;
                continue;
            }
            long[] total = null;
            String layout = null;
            String file = null;
            long fileBytes = -1;
            List<SparsityRow> sparsity = new ArrayList<>();
            for (i++; i < lines.size() && !(lines.get(i).startsWith("order ") && lines.get(i).contains("bytes/ngram"))
                    && !lines.get(i).startsWith("{"); i++) {
                String[] words = lines.get(i).strip().split("\\s+");
                if (words[0].equals("total") && words.length == 4 && total == null) {
                    total = new long[] {number(words[1], log), number(words[2], log)};
                } else if (words[0].equals("layout") && layout == null) {
                    layout = lines.get(i).strip().substring("layout".length()).strip();
                } else if (words[0].equals("file") && words.length == 3) {
                    file = words[1];
                    fileBytes = number(words[2], log);
                } else if (file != null && words.length == 4 && words[2].endsWith("%") && words[3].endsWith("%")) {
                    sparsity.add(new SparsityRow(words[0], words[1], words[2], words[3]));
                }
            }
            if (total == null || layout == null || file == null) {
                throw new TableSourceException(log + ": an 'ngram stats' output without its 'total', 'layout' or"
                        + " 'file' line; re-run the benchmark (benchmarks/run.sh NAME)");
            }
            models.add(new Model(file, layout, total[0], total[1], fileBytes, List.copyOf(sparsity),
                    Optional.ofNullable(perplexities.get(file))));
        }
        if (models.isEmpty()) {
            throw new TableSourceException(log + ": no 'lmkit ngram stats' output; re-run the benchmark"
                    + " (benchmarks/run.sh NAME)");
        }
        return models;
    }

    /** File name to perplexity, from the {@code eval --json} lines. */
    private static Map<String, String> perplexities(List<String> lines, Path log) {
        Map<String, String> byFile = new HashMap<>();
        for (String line : lines) {
            if (!line.startsWith("{\"model\"")) {
                continue;
            }
            try {
                JsonNode eval = JSON.readTree(line);
                String model = eval.path("model").asText();
                byFile.put(model.substring(model.lastIndexOf('/') + 1), eval.path("perplexity").asText());
            } catch (java.io.IOException e) {
                throw new TableSourceException(log + ": an 'eval --json' line that is not JSON (" + e.getMessage()
                        + ")");
            }
        }
        return byFile;
    }

    /** A count as printed, "47,589,008". */
    private static long number(String text, Path log) {
        return Math.round(Numbers.parse(text.replace(",", ""), "bytes or n-grams", log.toString()));
    }
}
