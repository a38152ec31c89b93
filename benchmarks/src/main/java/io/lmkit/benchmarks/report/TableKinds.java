package io.lmkit.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds of generated table and the arguments each takes, from a table comment's words: its kind, then
 * source paths (relative to the Markdown file's folder) and {@code NAME=VALUE} options. See
 * {@link BenchmarkTables} for the list.
 */
final class TableKinds {

    static final List<String> KINDS = List.of("compare-results", "significance", "time", "jmh", "recorded", "gemm",
            "fma-ceiling", "ngram-order", "ngram-memory", "smoothing", "ngram-layouts", "ngram-backoff", "model-load",
            "arpa-import", "score-vs-train", "script-markdown", "training-speed", "rnn-speed", "learning-curve",
            "fixed-window-brown", "recurrent-brown", "synth-types", "timed-runs", "jmh-gc", "kenlm-targets");

    private TableKinds() {
    }

    /** One table from its comment's kind and arguments. */
    static String render(String marker, Path root) {
        List<String> words = List.of(marker.trim().split("\\s+"));
        String kind = words.get(0);
        List<Path> sources = new ArrayList<>();
        Map<String, String> named = new LinkedHashMap<>();
        for (String word : words.subList(1, words.size())) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                named.put(word.substring(0, eq), word.substring(eq + 1));
            } else {
                sources.add(root.resolve(word));
            }
        }
        return switch (kind) {
            case "compare-results" -> CompareResultsTable.render(one(sources, marker),
                    List.of(named.getOrDefault("columns", String.join(",", CompareResultsTable.ALL_COLUMNS))
                            .split(",")));
            case "significance" -> SignificanceTable.render(one(sources, marker));
            case "jmh" -> JmhTable.render(one(sources, marker));
            case "score-vs-train" -> ScoreVsTrainTable.render(one(sources, marker));
            case "script-markdown" -> scriptMarkdown(marker, sources, named, root);
            case "training-speed" -> {
                Path ceiling = root.resolve(required(named, "ceiling", marker));
                yield TrainingSpeedTable.fixedWindow(labelled(marker, sources, named, root), ceiling);
            }
            case "rnn-speed" -> TrainingSpeedTable.rnnSpeed(one(sources, marker),
                    root.resolve(required(named, "ceiling", marker)));
            case "learning-curve" -> NeuralRunTables.learningCurve(one(sources, marker));
            case "fixed-window-brown" -> NeuralRunTables.fixedWindow(one(sources, marker));
            case "recurrent-brown" -> NeuralRunTables.recurrent(some(sources, marker),
                    required(named, "ngram", marker), root);
            case "synth-types" -> CorpusScaleTables.synthTypes(some(sources, marker));
            case "timed-runs" -> CorpusScaleTables.timedRuns(one(sources, marker));
            case "jmh-gc" -> JmhGcTable.render(labelled(marker, sources, named, root));
            case "kenlm-targets" -> KenlmTargetsTable.render(root.resolve(required(named, "estimation", marker)),
                    root.resolve(required(named, "scoring", marker)), root.resolve(required(named, "layouts", marker)));
            case "recorded" -> RecordedRun.render(some(sources, marker));
            case "fma-ceiling" -> FmaCeilingTable.render(one(sources, marker));
            case "ngram-order" -> PrintedTable.render(one(sources, marker), PrintedTable.NGRAM_ORDER);
            case "smoothing" -> PrintedTable.render(one(sources, marker), PrintedTable.SMOOTHING);
            case "ngram-layouts" -> NgramLayoutsTable.render(one(sources, marker));
            case "ngram-backoff" -> NgramBackoffTable.render(one(sources, marker));
            case "model-load" -> ModelLoadTable.render(one(sources, marker));
            case "arpa-import" -> {
                if (sources.size() != 2) {
                    throw new IllegalArgumentException("table '" + marker + "': give the log, then the import's"
                            + " /usr/bin/time -v report");
                }
                yield ArpaImportTable.render(sources.get(0), sources.get(1));
            }
            case "time" -> time(marker, sources, named, root);
            case "gemm" -> GemmTable.render(gemmSources(marker, sources, named, root));
            case "ngram-memory" -> {
                String order = named.getOrDefault("order", "5");
                named.remove("order");
                yield NgramMemoryTable.render(labelled(marker, sources, named, root), order);
            }
            default -> throw new IllegalArgumentException("table '" + marker + "': unknown kind '" + kind
                    + "'; known: " + String.join(", ", KINDS));
        };
    }

    /** One script's table, the n-th table of a report (table=N), or several runs' tables (LABEL=FILE pairs). */
    private static String scriptMarkdown(String marker, List<Path> sources, Map<String, String> named, Path root) {
        if (named.containsKey("table")) {
            String n = named.get("table");
            if (!n.matches("[1-9]\\d{0,2}")) {
                throw new IllegalArgumentException("table '" + marker + "': table= takes the table's number, from 1");
            }
            return ScriptMarkdownTable.render(one(sources, marker), Integer.parseInt(n));
        }
        if (!named.isEmpty()) {
            return ScriptMarkdownTable.render(labelled(marker, sources, named, root));
        }
        return ScriptMarkdownTable.render(one(sources, marker));
    }

    /** A NAME=VALUE option the kind needs, taken out of the options so the rest can be LABEL=FILE pairs. */
    private static String required(Map<String, String> named, String name, String marker) {
        String value = named.remove(name);
        if (value == null) {
            throw new IllegalArgumentException("table '" + marker + "': this kind needs " + name + "=...");
        }
        return value;
    }

    private static String time(String marker, List<Path> sources, Map<String, String> named, Path root) {
        String cpu = named.getOrDefault("cpu", "user");
        if (!cpu.equals("user") && !cpu.equals("user+sys")) {
            throw new IllegalArgumentException("table '" + marker + "': cpu= takes user or user+sys");
        }
        named.remove("cpu");
        return TimeTable.render(labelled(marker, sources, named, root), cpu.equals("user+sys"));
    }

    /** LABEL=FILE pairs, in the comment's order; a table of these kinds takes no bare source. */
    private static Map<String, Path> labelled(String marker, List<Path> sources, Map<String, String> named, Path root) {
        if (named.isEmpty() || !sources.isEmpty()) {
            throw new IllegalArgumentException("table '" + marker + "': this kind takes LABEL=FILE pairs");
        }
        Map<String, Path> runs = new LinkedHashMap<>();
        named.forEach((label, path) -> runs.put(label, root.resolve(path)));
        return runs;
    }

    /** LABEL=FILE or LABEL=FILE:CLASS pairs, in the comment's order. */
    private static List<GemmTable.Source> gemmSources(String marker, List<Path> sources, Map<String, String> named,
                                                      Path root) {
        labelled(marker, sources, named, root);
        List<GemmTable.Source> gemm = new ArrayList<>();
        named.forEach((label, path) -> {
            int colon = path.lastIndexOf(':');
            gemm.add(colon < 0 ? new GemmTable.Source(label, root.resolve(path), null)
                    : new GemmTable.Source(label, root.resolve(path.substring(0, colon)), path.substring(colon + 1)));
        });
        return gemm;
    }

    private static Path one(List<Path> sources, String marker) {
        if (sources.size() != 1) {
            throw new IllegalArgumentException("table '" + marker + "': give exactly one source file");
        }
        return sources.get(0);
    }

    private static List<Path> some(List<Path> sources, String marker) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("table '" + marker + "': give at least one source file");
        }
        return sources;
    }
}
