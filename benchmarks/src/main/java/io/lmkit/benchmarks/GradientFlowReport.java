package io.lmkit.benchmarks;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.LmkitException;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.eval.report.CsvTables;
import io.lmkit.neural.inspect.GradientFlow;
import io.lmkit.neural.inspect.GradientFlowSource;
import io.lmkit.rnn.model.RecurrentProvider;
import io.lmkit.rnn.model.RnnConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The benchmark command behind the gradient-flow figures of BENCHMARKS.md: for the recurrent
 * models that {@link RecurrentBrown} saved in a folder (rnn.zip, lstm.zip, gru.zip), the gradient
 * norm against distance on brown-v1 valid at initial and at trained weights, as a table and a PNG;
 * and each model's pre-clip gradient norm over training, with the clipping threshold. A Transformer
 * run beside them ({@code transformer.zip} in RUNS_DIR, or the file given as a third argument
 * {@code transformer=FILE}) adds its trained curve, the norm of d(L_t)/d(x_(t−k)), to the same
 * table and plot; the recurrent rows stay as they were. Run:
 * {@code java --add-modules jdk.incubator.vector -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar
 * io.lmkit.benchmarks.GradientFlowReport RUNS_DIR OUT_DIR [transformer=FILE]}.
 */
public final class GradientFlowReport {

    private static final int DISTANCE = 50;
    private static final int STREAMS = 20;

    private GradientFlowReport() {
    }

    /** Writes gradient-flow.md, gradient-flow.png and gradient-norms.png into OUT_DIR. */
    public static void main(String[] args) throws Exception {
        args = CleanCheckout.require("GradientFlowReport", args);
        Path runs = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path transformer = transformerRun(runs, args);
        Corpus valid = BrownData.splits().corpus(BrownSplits.Split.VALID);
        PluginRegistry<ModelProvider<?>> models = PluginRegistry.discover(cast(), GradientFlowReport.class
                .getClassLoader(), "model", "");
        XYSeriesCollection flows = new XYSeriesCollection();
        XYSeriesCollection traces = new XYSeriesCollection();
        StringBuilder md = new StringBuilder("| model | weights | k = 1 | k = 5 | k = 10 | k = 20 | k = 50 | mean factor"
                + " per step |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (String name : List.of("rnn", "lstm", "gru")) {
            Path file = runs.resolve(name + ".zip");
            if (!Files.exists(file)) {
                continue;
            }
            ModelFile.Loaded loaded = ModelFile.load(file, models);
            RecurrentProvider provider = (RecurrentProvider) models.get(name);
            RnnConfig config = ConfigBinder.bind(RnnConfig.class, provider.defaultConfig(), loaded.manifest().config(),
                    name);
            LanguageModel initial = provider.untrained(config, loaded.model().vocabulary(), loaded.manifest().seed());
            for (var entry : List.of(java.util.Map.entry("initial", initial),
                    java.util.Map.entry("trained", loaded.model()))) {
                GradientFlow f = GradientFlow.measure(entry.getValue(), name, valid, DISTANCE, STREAMS);
                double[] n = f.normByDistance();
                md.append(String.format(Locale.ROOT, "| %s | %s | %.3g | %.3g | %.3g | %.3g | %.3g | %.4f |%n", name,
                        entry.getKey(), n[1] / n[0], n[5] / n[0], n[10] / n[0], n[20] / n[0], n[50] / n[0],
                        f.meanStepFactor(DISTANCE)));
                XYSeries s = new XYSeries(name + ", " + entry.getKey());
                for (int k = 0; k <= DISTANCE; k++) {
                    if (n[k] > 0) {
                        s.add(k, n[k] / n[0]);
                    }
                }
                flows.addSeries(s);
            }
            Path trace = runs.resolve(name + "-gradient-norms.csv");
            if (Files.exists(trace)) {
                XYSeries s = new XYSeries(name + " (clip at " + config.clipNorm() + ")");
                List<List<String>> rows;
                try (java.io.Reader in = Files.newBufferedReader(trace)) {
                    rows = CsvTables.read(in);
                }
                for (int i = 1; i < rows.size(); i += Math.max(1, rows.size() / 2000)) {
                    s.add(Double.parseDouble(rows.get(i).get(0)), Double.parseDouble(rows.get(i).get(1)));
                }
                traces.addSeries(s);
            }
        }
        if (transformer != null) {
            flows.addSeries(transformer(transformer, models, valid, md));
        }
        AtomicFiles.write(out.resolve("gradient-flow.md"), o -> o.write(md.toString().getBytes(StandardCharsets.UTF_8)));
        JFreeChart flowChart = ChartFactory.createXYLineChart("Gradient norm against distance, relative to k = 0 "
                + "(brown-v1 valid)", "distance k (steps back)", "|dL_t/dh_(t-k)| / |dL_t/dh_t|", flows,
                PlotOrientation.VERTICAL, true, false, false);
        flowChart.getXYPlot().setRangeAxis(new LogAxis("relative gradient norm (log scale)"));
        AtomicFiles.write(out.resolve("gradient-flow.png"), o -> ChartUtils.writeChartAsPNG(o, flowChart, 900, 560));
        JFreeChart traceChart = ChartFactory.createXYLineChart("Pre-clip gradient norm during training",
                "update", "global gradient norm before clipping", traces, PlotOrientation.VERTICAL, true, false, false);
        AtomicFiles.write(out.resolve("gradient-norms.png"), o -> ChartUtils.writeChartAsPNG(o, traceChart, 900, 560));
        System.out.print(md);
    }

    /** The Transformer model to add: {@code transformer=FILE}, else RUNS_DIR/transformer.zip when there is one. */
    private static Path transformerRun(Path runs, String[] args) {
        if (args.length > 2) {
            if (args.length > 3 || !args[2].startsWith("transformer=")) {
                throw new IllegalArgumentException("GradientFlowReport takes RUNS_DIR OUT_DIR [transformer=FILE], got "
                        + String.join(" ", args));
            }
            Path file = Path.of(args[2].substring("transformer=".length()));
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("transformer=" + file + ": no such model file");
            }
            return file;
        }
        Path file = runs.resolve("transformer.zip");
        return Files.exists(file) ? file : null;
    }

    /**
     * The Transformer's row (trained weights; no initial-weights row, which needs the recurrent
     * providers' {@code untrained}) and its series; a distance beyond its context is a row saying so.
     */
    private static XYSeries transformer(Path file, PluginRegistry<ModelProvider<?>> models, Corpus valid,
                                        StringBuilder md) {
        ModelFile.Loaded loaded = ModelFile.load(file, models);
        GradientFlowSource source = GradientFlow.source(loaded.model(), loaded.manifest().model());
        String name = loaded.manifest().model();
        XYSeries s = new XYSeries(name + ", trained");
        try {
            GradientFlow f = GradientFlow.measure(source, valid, DISTANCE, STREAMS);
            double[] n = f.normByDistance();
            md.append(String.format(Locale.ROOT, "| %s | %s | %.3g | %.3g | %.3g | %.3g | %.3g | %.4f |%n", name,
                    "trained", n[1] / n[0], n[5] / n[0], n[10] / n[0], n[20] / n[0], n[50] / n[0],
                    f.meanStepFactor(DISTANCE)));
            for (int k = 0; k <= DISTANCE; k++) {
                if (n[k] > 0) {
                    s.add(k, n[k] / n[0]);
                }
            }
        } catch (LmkitException e) {
            md.append("| ").append(name).append(" | trained | not measured: ").append(e.getMessage())
                    .append(" | | | | | |\n");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Class<ModelProvider<?>> cast() {
        return (Class<ModelProvider<?>>) (Class<?>) ModelProvider.class;
    }
}
