package io.lmkit.benchmarks;

import io.lmkit.core.files.AtomicFiles;
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
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The benchmark command of the long-range dependency probe: generates the corpus (d = 1..50),
 * trains modified Kneser-Ney of orders 3 and 5, the fixed-window model, the Elman RNN and the
 * LSTM on it through their plugins, the neural ones sharing a wall-clock budget, and writes
 * {@code long-range.md}, {@code .csv}, {@code .json} and {@code long-range.png} (accuracy against
 * d per family). Run:
 * {@code java --add-modules jdk.incubator.vector -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar
 * io.lmkit.benchmarks.LongRangeProbe minutes=6.5 out=benchmarks/results/probes}; other settings:
 * {@code train=400 test=100 seed=1 keys=10 fillers=10 maxDistance=50 hidden=64 threads=1}.
 */
public final class LongRangeProbe {

    private LongRangeProbe() {
    }

    /** Runs the sweep and writes the results. */
    public static void main(String[] args) {
        args = CleanCheckout.require("LongRangeProbe", args);
        Map<String, String> a = arguments(args);
        double minutes = Double.parseDouble(a.getOrDefault("minutes", "6.5"));
        Path out = Path.of(a.getOrDefault("out", "benchmarks/results/probes"));
        int hidden = Integer.parseInt(a.getOrDefault("hidden", "64"));
        String threads = a.getOrDefault("threads", "1");
        LongRangeConfig config = new LongRangeConfig(Integer.parseInt(a.getOrDefault("keys", "10")),
                Integer.parseInt(a.getOrDefault("fillers", "10")), 1,
                Integer.parseInt(a.getOrDefault("maxDistance", "50")), Integer.parseInt(a.getOrDefault("train", "400")),
                Integer.parseInt(a.getOrDefault("test", "100")), Long.parseLong(a.getOrDefault("seed", "1")));
        LongRangeCorpus data = LongRangeCorpus.generate(config);
        ProbeResults.createDirectories(out);
        System.out.printf(Locale.ROOT, "corpus: %,d training sentences, %,d tokens; budget %.1f min for the neural"
                + " models%n", data.train().sentenceCount(), data.train().tokenCount(), minutes);
        // The neural models share the budget: the window model learns its short window quickly, the
        // recurrent ones need longer to learn to carry a key across fifty steps.
        List<LongRangeFamily> families = List.of(
                new LongRangeFamily("mkn-3", "modified-kneser-ney", ordered("order", "3")),
                new LongRangeFamily("mkn-5", "modified-kneser-ney", ordered("order", "5")),
                neural("fixed-window", "fixed-window", minutes * 0.2, threads, ordered("order", "5", "embedding", "16",
                        "hidden", Integer.toString(hidden), "learningRate", "3e-3")),
                neural("rnn", "rnn", minutes * 0.4, threads, recurrent(hidden)),
                neural("lstm", "lstm", minutes * 0.4, threads, recurrent(hidden)));
        PluginRegistry<ModelProvider<?>> registry = PluginRegistry.discover(cast(),
                LongRangeProbe.class.getClassLoader(), "model", "Is its module on the benchmarks classpath?");
        long start = System.nanoTime();
        LongRangeReport report = new io.lmkit.eval.probe.LongRangeProbe().trainAndMeasure(registry, families, data, 1,
                System.out::println);
        double wall = (System.nanoTime() - start) / 60e9;
        String command = "java --add-modules jdk.incubator.vector -Djava.awt.headless=true -cp"
                + " benchmarks/target/benchmarks.jar io.lmkit.benchmarks.LongRangeProbe " + String.join(" ", args);
        String md = "# Long-range dependency probe\n\n" + ProbeResults.provenance(command)
                + String.format(Locale.ROOT, "Wall time of training and measuring: %.1f min.%n%n", wall)
                + report.toMarkdown() + "\n![accuracy against d](long-range.png)\n";
        ProbeResults.write(out, "long-range.md", md);
        ProbeResults.write(out, "long-range.csv", report.toCsv());
        ProbeResults.write(out, "long-range.json", report.toJson());
        AtomicFiles.write(out.resolve("long-range.png"), o -> ChartUtils.writeChartAsPNG(o, chart(report), 900, 560));
        System.out.print(report.toMarkdown());
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

    /** A neural family with its share of the budget, a constant rate, no early stop before the budget ends. */
    private static LongRangeFamily neural(String label, String plugin, double minutes, String threads,
                                          Map<String, String> settings) {
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.put("maxMinutes", String.format(Locale.ROOT, "%.2f", minutes));
        // A constant rate: validation perplexity here is dominated by the fillers, which no model can
        // predict, so the default plateau schedule halves the rate after nearly every epoch; measured,
        // the rnn reached a rate of 1e-18 after 56 epochs without learning even d = 1.
        s.put("schedule", "constant");
        s.put("epochs", "1000");
        s.put("patience", "1000");
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
        return chart;
    }

    private static Map<String, String> arguments(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> known = new ArrayList<>(List.of("minutes", "out", "train", "test", "seed", "keys", "fillers",
                "maxDistance", "hidden", "threads"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0 || !known.contains(arg.substring(0, eq))) {
                throw new IllegalArgumentException("argument '" + arg + "' is not one of " + known + " as key=value");
            }
            out.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Class<ModelProvider<?>> cast() {
        return (Class<ModelProvider<?>>) (Class<?>) ModelProvider.class;
    }
}
