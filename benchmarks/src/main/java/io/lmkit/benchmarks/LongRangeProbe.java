package io.lmkit.benchmarks;

import io.lmkit.core.files.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.eval.probe.LongRangeConfig;
import io.lmkit.eval.probe.LongRangeCorpus;
import io.lmkit.eval.probe.LongRangeCurve;
import io.lmkit.eval.probe.LongRangeFamily;
import io.lmkit.eval.probe.LongRangePoint;
import io.lmkit.eval.probe.LongRangeReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The benchmark command of the long-range dependency probe: generates the corpus (d = 1..50),
 * trains modified Kneser-Ney of orders 3 and 5, the fixed-window model, the Elman RNN and the
 * LSTM on it through their plugins, each neural one for a work budget in training tokens, and writes
 * {@code long-range.md}, {@code .csv}, {@code .json} and {@code long-range.png} (accuracy against
 * d per family). Run:
 * {@code java --add-modules jdk.incubator.vector -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar
 * io.lmkit.benchmarks.LongRangeProbe out=benchmarks/results/probes}; other settings:
 * {@code train=400 test=100 seed=1 keys=10 fillers=10 maxDistance=50 hidden=64 threads=1}, and the
 * budgets {@code fixedWindowTokens=70000000 rnnTokens=100000000 lstmTokens=30000000 transformerTokens=6000000}.
 *
 * <p>The Transformer ({@code transformer} plugin of lm-transformer) runs too when its plugin is on
 * the classpath, with its own budget and a window of {@code transformerContext} positions (default 32);
 * the report and the plot mark the distances beyond its context, where it cannot see the key. {@code
 * families=mkn-3,rnn,...} chooses which families run (default: the five above, plus the
 * transformer when present); {@code families=...,transformer} without the plugin fails at once.
 *
 * <p>Why tokens, and where the defaults come from. The probe used to share a wall-clock budget
 * ({@code minutes=6.5}: 1.3 minutes for the fixed-window model, 2.6 for each of the others), so a model
 * learnt as much as the machine let it: the LSTM was at about 60% beyond d = 5 on a loaded machine and at
 * 100% on a quiet one. A budget in training tokens stops every run at the same update on any machine (the
 * loop's {@code maxTokens}), so the accuracies no longer depend on the load; only the wall time does. The
 * defaults give each family about the tokens it trained in its minutes of the recorded quiet run (commit
 * b15abb5, 2026-11-30: fixed-window 78.1 s, the others 156 s, one thread each, the process at 101% of one
 * CPU). As no quiet machine was at hand, each family's rate was measured in training tokens per second
 * of the training thread's CPU time ({@code ThreadMXBean}, one thread, this probe's corpus and settings,
 * validation at epoch ends only, as in the wall-clock run), on 2026-11-30 on the same 2-CPU machine
 * under load: after JIT warm-up (from a tenth of the budget on) fixed-window 909,000 tokens/s (15 M-token
 * run), rnn 670,000 (12 M), lstm 177,000 to 189,000 (6 M and 3 M), transformer 37,400 (1.2 M); the
 * warm-up cost each about 1.3 s more. Tokens = quiet seconds × rate, less the warm-up: fixed-window
 * 76.9 × 909,000 = 69.9 M, rounded to 70 M; rnn 154.6 × 670,000 = 104 M, to 100 M; lstm 154.7 × 177,000
 * to 189,000 = 27.3 M to 29.2 M, to 30 M; transformer 154.8 × 37,400 = 5.8 M, to 6 M. Each key overrides
 * one family's budget.
 */
public final class LongRangeProbe {

    /** The transformer's label and plugin name. */
    static final String TRANSFORMER = "transformer";
    /** Every family the probe knows, in report order; the transformer last. */
    static final List<String> LABELS = List.of("mkn-3", "mkn-5", "fixed-window", "rnn", "lstm", TRANSFORMER);
    /** The training setting that carries a neural family's work budget. */
    static final String MAX_TOKENS = "maxTokens";
    /** The command-line key of each neural family's work budget, by label. */
    static final Map<String, String> TOKEN_KEYS = Map.of("fixed-window", "fixedWindowTokens", "rnn", "rnnTokens",
            "lstm", "lstmTokens", TRANSFORMER, "transformerTokens");
    /**
     * Each neural family's default work budget in training tokens: the tokens it trained in its seconds of the
     * recorded wall-clock run on a quiet machine, measured as described in the class comment.
     */
    static final Map<String, Long> DEFAULT_TOKENS = Map.of("fixed-window", 70_000_000L, "rnn", 100_000_000L,
            "lstm", 30_000_000L, TRANSFORMER, 6_000_000L);
    /** Epochs and patience no default budget comes near, so that only the budget stops training. */
    static final int UNREACHED = 1000;

    private LongRangeProbe() {
    }

    /** Runs the sweep and writes the results. */
    public static void main(String[] args) {
        args = CleanCheckout.require("LongRangeProbe", args);
        Map<String, String> a = arguments(args);
        Path out = Path.of(a.getOrDefault("out", "benchmarks/results/probes"));
        int hidden = Integer.parseInt(a.getOrDefault("hidden", "64"));
        String threads = a.getOrDefault("threads", "1");
        PluginRegistry<ModelProvider<?>> registry = PluginRegistry.discover(cast(),
                LongRangeProbe.class.getClassLoader(), "model", "Is its module on the benchmarks classpath?");
        List<LongRangeFamily> families = families(a, hidden, threads, registry.contains(TRANSFORMER));
        LongRangeConfig config = new LongRangeConfig(Integer.parseInt(a.getOrDefault("keys", "10")),
                Integer.parseInt(a.getOrDefault("fillers", "10")), 1,
                Integer.parseInt(a.getOrDefault("maxDistance", "50")), Integer.parseInt(a.getOrDefault("train", "400")),
                Integer.parseInt(a.getOrDefault("test", "100")), Long.parseLong(a.getOrDefault("seed", "1")));
        LongRangeCorpus data = LongRangeCorpus.generate(config);
        ProbeResults.createDirectories(out);
        System.out.printf(Locale.ROOT, "corpus: %,d training sentences, %,d tokens; work budgets of the neural models"
                + " (training tokens): %s%n", data.train().sentenceCount(), data.train().tokenCount(), budgets(families));
        long start = System.nanoTime();
        LongRangeReport report = new io.lmkit.eval.probe.LongRangeProbe().trainAndMeasure(registry, families, data, 1,
                System.out::println);
        double wall = (System.nanoTime() - start) / 60e9;
        String command = "java --add-modules jdk.incubator.vector -Djava.awt.headless=true -cp"
                + " benchmarks/target/benchmarks.jar io.lmkit.benchmarks.LongRangeProbe " + String.join(" ", args);
        String md = "# Long-range dependency probe\n\n" + ProbeResults.provenance(command)
                + String.format(Locale.ROOT, "Wall time of training and measuring: %.1f min (the models' budgets are"
                + " in training tokens, so only this time depends on the machine).%n%n", wall)
                + report.toMarkdown() + "\n![accuracy against d](long-range.png)\n";
        ProbeResults.write(out, "long-range.md", md);
        ProbeResults.write(out, "long-range.csv", report.toCsv());
        ProbeResults.write(out, "long-range.json", report.toJson());
        AtomicFiles.write(out.resolve("long-range.png"), o -> ChartUtils.writeChartAsPNG(o, chart(report), 900, 560));
        System.out.print(report.toMarkdown());
    }

    /** "fixed-window 70,000,000, rnn 100,000,000, …": each neural family's work budget, for the progress line. */
    private static String budgets(List<LongRangeFamily> families) {
        List<String> out = new ArrayList<>();
        for (LongRangeFamily f : families) {
            String tokens = f.settings().get(MAX_TOKENS);
            if (tokens != null) {
                out.add(String.format(Locale.ROOT, "%s %,d", f.label(), Long.parseLong(tokens)));
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /**
     * The families to run: {@code families=a,b,...} (labels among {@link #LABELS}, in that order), by
     * default today's five (so recorded runs stay reproducible) plus the transformer when its plugin
     * is on the classpath. Asking for the transformer without its plugin fails before anything trains.
     */
    static List<LongRangeFamily> families(Map<String, String> a, int hidden, String threads,
                                          boolean transformerPlugin) {
        List<String> chosen = new ArrayList<>(LABELS.subList(0, LABELS.size() - 1));
        if (transformerPlugin) {
            chosen.add(TRANSFORMER);
        }
        if (a.containsKey("families")) {
            chosen = List.of(a.get("families").split(","));
            for (String f : chosen) {
                if (!LABELS.contains(f)) {
                    throw new IllegalArgumentException("families=" + a.get("families") + ": '" + f + "' is not one of "
                            + LABELS);
                }
            }
            if (chosen.contains(TRANSFORMER) && !transformerPlugin) {
                throw new IllegalArgumentException("families=" + a.get("families") + " asks for the transformer, but"
                        + " no model plugin 'transformer' is on the classpath; add lm-transformer to the benchmarks"
                        + " module's dependencies and rebuild, or leave transformer out of families=");
            }
        }
        int context = Integer.parseInt(a.getOrDefault("transformerContext", "32"));
        List<LongRangeFamily> families = new ArrayList<>();
        for (String f : LABELS) {
            if (!chosen.contains(f)) {
                continue;
            }
            families.add(switch (f) {
                case "mkn-3" -> new LongRangeFamily("mkn-3", "modified-kneser-ney", ordered("order", "3"));
                case "mkn-5" -> new LongRangeFamily("mkn-5", "modified-kneser-ney", ordered("order", "5"));
                case "fixed-window" -> neural("fixed-window", "fixed-window", tokens(a, f), threads,
                        ordered("order", "5", "embedding", "16", "hidden", Integer.toString(hidden), "learningRate",
                                "3e-3"));
                case "rnn" -> neural("rnn", "rnn", tokens(a, f), threads, recurrent(hidden));
                case "lstm" -> neural("lstm", "lstm", tokens(a, f), threads, recurrent(hidden));
                default -> transformer(tokens(a, f), threads, context);
            });
        }
        return families;
    }

    /**
     * The transformer family: small enough for the probe's vocabulary of keys, values and fillers
     * (2 layers of 4 heads, model width 64), its window {@code transformerContext} positions (32 by
     * default: below the sweep's 50, so the report shows both sides of it, the key in sight up to
     * d = 31, with {@code <s>} filling the window's 32nd position, and beyond the context from d = 32).
     */
    private static LongRangeFamily transformer(long tokens, String threads, int context) {
        LongRangeFamily f = neural(TRANSFORMER, TRANSFORMER, tokens, threads, ordered("context",
                Integer.toString(context), "layers", "2", "heads", "4", "model", "64", "feedForward", "256",
                "learningRate", "1e-3"));
        return new LongRangeFamily(f.label(), f.plugin(), f.settings(), OptionalInt.of(context));
    }

    private static Map<String, String> recurrent(int hidden) {
        return ordered("embedding", "16", "hidden", Integer.toString(hidden), "bptt", "60", "batchSize", "20",
                "learningRate", "5e-3");
    }

    /** Settings in the order given, so the report lists them the same way every run. */
    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    /**
     * The work budget of neural family {@code label}: its key in {@link #TOKEN_KEYS} when given (a
     * positive whole number of training tokens), else its entry of {@link #DEFAULT_TOKENS}.
     */
    static long tokens(Map<String, String> a, String label) {
        String key = TOKEN_KEYS.get(label);
        if (!a.containsKey(key)) {
            return DEFAULT_TOKENS.get(label);
        }
        try {
            long tokens = Long.parseLong(a.get(key).replace("_", ""));
            if (tokens > 0) {
                return tokens;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below, which names the key and what it takes
        }
        throw new IllegalArgumentException(key + "=" + a.get(key) + " is not a positive whole number of training"
                + " tokens; give e.g. " + key + "=" + DEFAULT_TOKENS.get(label) + " (the default)");
    }

    /**
     * A neural family with its work budget, a constant rate, and epochs and patience far beyond the budget,
     * so nothing but the budget stops it: the largest default, 100 M tokens, is about 180 epochs of the 550,000-token
     * corpus, and the patience counts epochs without a better validation loss, which the fillers make the usual
     * case.
     */
    private static LongRangeFamily neural(String label, String plugin, long tokens, String threads,
                                          Map<String, String> settings) {
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.put(MAX_TOKENS, Long.toString(tokens));
        // A constant rate: validation perplexity here is dominated by the fillers, which no model can
        // predict, so the default plateau schedule halves the rate after nearly every epoch; measured,
        // the rnn reached a rate of 1e-18 after 56 epochs without learning even d = 1.
        s.put("schedule", "constant");
        s.put("epochs", Integer.toString(UNREACHED));
        s.put("patience", Integer.toString(UNREACHED));
        s.put("threads", threads);
        return new LongRangeFamily(label, plugin, s);
    }

    /** Accuracy against d, one line per family, and the chance level. */
    static JFreeChart chart(LongRangeReport report) {
        XYSeriesCollection series = new XYSeriesCollection();
        for (LongRangeCurve c : report.curves()) {
            XYSeries s = new XYSeries(c.label());
            for (LongRangePoint p : c.points()) {
                s.add(p.distance(), p.accuracy());
            }
            series.addSeries(s);
        }
        XYSeries chance = new XYSeries("chance (1/" + report.config().keys() + ")");
        chance.add(report.config().minDistance(), report.chanceAccuracy());
        chance.add(report.config().maxDistance(), report.chanceAccuracy());
        series.addSeries(chance);
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Long-range probe: predicting the value d words after its key",
                "distance d from key to value", "accuracy (value ranked first)", series, PlotOrientation.VERTICAL,
                true, false, false);
        chart.getXYPlot().getRangeAxis().setRange(0, 1.02);
        for (LongRangeCurve c : report.curves()) {
            c.context().ifPresent(n -> chart.getXYPlot().addDomainMarker(contextMarker(c.label(), n)));
        }
        return chart;
    }

    /**
     * A dashed line at d = context − ½, between the last distance whose key is in the window (d = context − 1:
     * {@code <s>}, the key and its d − 1 fillers fill it) and the first beyond it (see
     * {@link io.lmkit.eval.probe.LongRangeCurve#beyondContext}), labelled so the reader knows chance is
     * expected to its right.
     */
    static ValueMarker contextMarker(String label, int context) {
        ValueMarker m = new ValueMarker(context - 0.5, Color.DARK_GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        m.setLabel(label + " context (" + context + "): beyond it, chance");
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return m;
    }

    /**
     * The command line as key=value settings; an unknown key fails with the known ones, and the wall-clock
     * keys of earlier versions ({@code minutes=}, {@code transformerMinutes=}) fail with the work-budget keys
     * that replaced them.
     */
    static Map<String, String> arguments(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> known = new ArrayList<>(List.of("out", "train", "test", "seed", "keys", "fillers",
                "maxDistance", "hidden", "threads", "families", "transformerContext"));
        LABELS.stream().filter(TOKEN_KEYS::containsKey).map(TOKEN_KEYS::get).forEach(known::add);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = eq <= 0 ? "" : arg.substring(0, eq);
            if (key.equals("minutes") || key.equals("transformerMinutes")) {
                throw new IllegalArgumentException("argument '" + arg + "': the long-range probe no longer trains on"
                        + " a wall-clock budget (its accuracies depended on how busy the machine was); give work"
                        + " budgets in training tokens instead: " + String.join(", ", defaultTokenArguments()));
            }
            if (!known.contains(key)) {
                throw new IllegalArgumentException("argument '" + arg + "' is not one of " + known + " as key=value");
            }
            out.put(key, arg.substring(eq + 1));
        }
        return out;
    }

    /** "fixedWindowTokens=25000000", …: the token keys with their defaults, for messages. */
    private static List<String> defaultTokenArguments() {
        return LABELS.stream().filter(TOKEN_KEYS::containsKey).map(f -> TOKEN_KEYS.get(f) + "=" + DEFAULT_TOKENS.get(f))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Class<ModelProvider<?>> cast() {
        return (Class<ModelProvider<?>>) (Class<?>) ModelProvider.class;
    }
}
