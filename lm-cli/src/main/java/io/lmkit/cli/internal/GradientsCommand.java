package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.eval.report.ChartStyle;
import io.lmkit.eval.report.CsvTables;
import io.lmkit.neural.inspect.GradientFlow;
import io.lmkit.neural.inspect.GradientFlowSource;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lmkit gradients}: how gradients vanish or explode with distance in any model that is a
 * {@link GradientFlowSource} (rnn, lstm, gru, transformer), measured on a text: a table (Markdown
 * and CSV) and a PNG plot in the comparison report's {@link ChartStyle}.
 */
@Command(name = "gradients", mixinStandardHelpOptions = true,
        description = {"Measure the norm of dL_t/dh_(t-k) (rnn, lstm, gru: the hidden state k steps",
            "back) or dL_t/dx_(t-k) (transformer: the input k positions back) for",
            "k = 0..distance, and write gradients.md, gradients.csv and gradients.png",
            "into --out."})
final class GradientsCommand implements Runnable {

    @Option(names = "--model", required = true, paramLabel = "MODEL.zip", description = "A model file (rnn, lstm, gru or transformer).")
    private Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Text to measure on.")
    private Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the table and the plot.")
    private Path out;

    @Option(names = "--distance", defaultValue = "50", description = "How many steps back.")
    private int distance;

    @Option(names = "--streams", defaultValue = "20", description = "Places in the text averaged over.")
    private int streams;

    @Spec
    private CommandSpec spec;

    private final PluginRegistry<ModelProvider<?>> models;
    private final PluginRegistry<TokenizerProvider> tokenizers;

    @Inject
    GradientsCommand(PluginRegistry<ModelProvider<?>> models, PluginRegistry<TokenizerProvider> tokenizers) {
        this.models = models;
        this.tokenizers = tokenizers;
    }

    @Override
    public void run() {
        if (distance < 1 || streams < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--distance and --streams must be at least 1");
        }
        new OutputPaths().input("--model", model).input("--data", data)
                .outputFolder("--out", out, List.of("gradients.md", "gradients.csv", "gradients.png"))
                .refuseConflicts(spec.commandLine());
        ModelFile.Loaded loaded = ModelFile.load(model, models);
        if (!(loaded.model() instanceof GradientFlowSource source)) {
            throw new LmkitException("gradients needs a model that measures gradient flow (" + GradientFlow.FAMILIES
                    + "); " + model + " is a " + loaded.manifest().model() + " model");
        }
        Corpus text = Corpus.read(data, new PlainTextSentences(tokenizers.get(loaded.manifest().tokenizer()).create()),
                loaded.model().vocabulary());
        requireLongEnough(text);
        GradientFlow flow = GradientFlow.measure(source, text, distance, streams);
        String name = loaded.manifest().model();
        String input = GradientFlowInspector.input(loaded.model());
        StringBuilder md = new StringBuilder("| distance k | mean ‖dL_t/d" + input + "‖ | factor per step |\n"
                + "|---:|---:|---:|\n");
        List<List<String>> csvRows = new ArrayList<>();
        for (int k = 0; k < flow.normByDistance().length; k++) {
            md.append(String.format(Locale.ROOT, "| %d | %.4e | %s |%n", k, flow.normByDistance()[k],
                    k == 0 ? "" : String.format(Locale.ROOT, "%.4f", flow.stepFactor()[k])));
            csvRows.add(List.of(Integer.toString(k), String.format(Locale.ROOT, "%.6e", flow.normByDistance()[k]),
                    String.format(Locale.ROOT, "%.6f", flow.stepFactor()[k])));
        }
        String csv = CsvTables.write(List.of("distance", "norm", "factor"), csvRows, CsvTables.Quoting.AS_NEEDED);
        AtomicFiles.write(out.resolve("gradients.md"), o -> o.write(md.toString().getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(out.resolve("gradients.csv"), o -> o.write(csv.getBytes(StandardCharsets.UTF_8)));
        XYSeries series = new XYSeries(name);
        for (int k = 0; k < flow.normByDistance().length; k++) {
            if (flow.normByDistance()[k] > 0) {
                series.add(k, flow.normByDistance()[k]);
            }
        }
        JFreeChart chart = chart(name, input, series);
        AtomicFiles.write(out.resolve("gradients.png"), o -> ChartUtils.writeChartAsPNG(o, chart, 800, 500));
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s: gradient norm %.3e at distance 0, %.3e at distance %d; mean factor per step %.4f%n",
                name, flow.normByDistance()[0], flow.normByDistance()[distance], distance, flow.meanStepFactor(distance));
        w.printf("wrote %s, %s and %s%n", out.resolve("gradients.md"), out.resolve("gradients.csv"),
                out.resolve("gradients.png"));
    }

    /**
     * The plot, in the comparison report's style (a log axis when the norms span powers of ten).
     *
     * @param input what the gradient is taken with respect to, {@code h_(t-k)} or {@code x_(t-k)}
     */
    static JFreeChart chart(String model, String input, XYSeries norms) {
        return ChartStyle.lineChart("Gradient norm against distance (" + model + ")", "distance k (steps back)",
                "mean norm of dL_t/d" + input, new XYSeriesCollection(norms), ChartStyle.Domain.INTEGERS);
    }

    /** Every one of the --streams places needs --distance + 1 tokens of text: say which options fix a short one. */
    private void requireLongEnough(Corpus text) {
        long needed = (long) streams * (distance + 1);
        if (text.tokenCount() >= needed) {
            return;
        }
        long longestDistance = text.tokenCount() / streams - 1;
        throw new LmkitException("--data " + data + " is too short: " + streams + " streams (--streams) of "
                + (distance + 1) + " steps (--distance " + distance + ", plus 1) need at least " + needed
                + " tokens, it has " + text.tokenCount() + "; give a longer --data, or lower --streams or --distance"
                + (longestDistance >= 1 ? " (with --streams " + streams + ", --distance " + longestDistance + " fits)"
                : ""));
    }
}
