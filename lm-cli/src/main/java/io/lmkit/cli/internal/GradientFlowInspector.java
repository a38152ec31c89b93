package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.eval.compare.ComparisonPlots;
import io.lmkit.eval.compare.ModelInspector;
import io.lmkit.eval.report.ReportSection;
import io.lmkit.neural.inspect.GradientFlow;
import io.lmkit.neural.inspect.GradientFlowSource;
import io.lmkit.rnn.model.RecurrentModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The vanishing-gradient part of a comparison report: for every model that is a
 * {@link GradientFlowSource} (the recurrent families and the Transformer), how the gradient of one
 * prediction's loss shrinks as it flows back through the positions ({@link GradientFlow} over the
 * test split), as a table and as series for the one "gradient norm against distance" plot that
 * draws every such model's curve.
 */
final class GradientFlowInspector implements ModelInspector {

    /** How far back the gradient is followed: beyond an n-gram's or window's reach. */
    static final int DISTANCE = 50;
    /** Places in the test split the gradient is measured from, averaged. */
    static final int STREAMS = 16;

    private final List<ComparisonPlots.GradientSeries> series = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();
    private boolean attentionModels;

    @Override
    public Inspection inspect(String label, LanguageModel model, Corpus test) {
        if (!(model instanceof GradientFlowSource source)) {
            return Inspection.NONE;
        }
        attentionModels |= !(model instanceof RecurrentModel);
        GradientFlow flow;
        try {
            flow = GradientFlow.measure(source, test, DISTANCE, STREAMS);
        } catch (LmkitException e) {
            // A test split too short for 16 x 51 steps: the report says so rather than failing the comparison.
            rows.add(String.format(Locale.ROOT, "| %s | not measured: %s | | | |", label, e.getMessage()));
            return Inspection.NONE;
        }
        double[] norms = flow.normByDistance();
        // The plot's axis names the recurrent quantity, dL_t/dh_(t-k); another family's curve says what it measures.
        series.add(new ComparisonPlots.GradientSeries(model instanceof RecurrentModel ? label
                : label + " (dL_t/d" + input(model) + ")", norms));
        rows.add(String.format(Locale.ROOT, "| %s | %.3e | %.3e | %.3e | %.4f |", label, norms[0], norms[10],
                norms[DISTANCE], flow.meanStepFactor(DISTANCE)));
        return Inspection.NONE;
    }

    /**
     * What {@code model}'s gradient is taken with respect to, k positions back: the hidden state
     * {@code h_(t-k)} of a recurrent model, the input vector {@code x_(t-k)} (embedding plus position)
     * of any other.
     */
    static String input(LanguageModel model) {
        return model instanceof RecurrentModel ? "h_(t-k)" : "x_(t-k)";
    }

    @Override
    public List<ReportSection> summary() {
        if (rows.isEmpty()) {
            return List.of();
        }
        String md = "The norm of d(L_t)/d(h_(t-k)), the gradient of one prediction's loss with respect to the hidden"
                + " state k steps earlier, averaged over " + STREAMS + " places in the test split (from a zero"
                + " state, with the trained weights). "
                + (attentionModels ? "For an attention model, the norm of d(L_t)/d(x_(t-k)), with respect to the"
                + " input vector (embedding plus position) k positions earlier, which attention reaches in one"
                + " step. " : "")
                + "A factor per step below 1 means the gradient vanishes"
                + " geometrically: what lies k steps back barely changes the update.\n\n"
                + "| model | k = 0 | k = 10 | k = " + DISTANCE + " | mean factor per step |\n|---|---:|---:|---:|---:|\n"
                + String.join("\n", rows) + "\n";
        return List.of(new ReportSection("Gradient flow through time", md));
    }

    /** The measured series, one per measured model, for the gradient plot. */
    List<ComparisonPlots.GradientSeries> series() {
        return List.copyOf(series);
    }
}
