package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.reference.UniformModel;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.inspect.AttentionMaps;
import io.lmkit.neural.inspect.AttentionSource;
import io.lmkit.neural.inspect.GradientFlowSource;
import java.io.IOException;

/**
 * A test double of an attention model: the uniform model's probabilities, with attention weights
 * and gradient norms known by hand. Two layers of two heads: layer 1 head 1 looks only at
 * {@code <s>}, layer 1 head 2 spreads evenly over every position so far, layer 2 head 1 looks at
 * the query position itself, layer 2 head 2 at the position before it ({@code <s>} looks at
 * itself). The gradient norm k positions back is 1 / (k + 1), up to the context. Public so that a
 * plugin jar built by a test ({@link InspectablePlugin}) can create it.
 */
public final class InspectableModel implements LanguageModel, AttentionSource, GradientFlowSource {

    /** Layers of the double. */
    public static final int LAYERS = 2;
    /** Heads per layer. */
    public static final int HEADS = 2;

    private final UniformModel uniform;
    private final int context;

    /** A double over {@code vocabulary} whose window holds {@code context} positions. */
    public InspectableModel(Vocabulary vocabulary, int context) {
        this.uniform = new UniformModel(vocabulary);
        this.context = context;
    }

    @Override
    public AttentionMaps attention(int[] words) {
        if (words.length > context - 1) {
            throw new IllegalArgumentException(words.length + " words do not fit a context of " + context);
        }
        int n = words.length + 1;
        double[][][][] w = new double[LAYERS][HEADS][n][n];
        for (int q = 0; q < n; q++) {
            w[0][0][q][0] = 1;
            for (int k = 0; k <= q; k++) {
                w[0][1][q][k] = 1.0 / (q + 1);
            }
            w[1][0][q][q] = 1;
            w[1][1][q][Math.max(0, q - 1)] = 1;
        }
        return new AttentionMaps(w);
    }

    @Override
    public int context() {
        return context;
    }

    @Override
    public double[] gradientNormsByDistance(Corpus text, int distance, int streams) {
        if (distance >= context) {
            throw new LmkitException("distance " + distance + " is beyond the context of " + context + " positions");
        }
        double[] norms = new double[distance + 1];
        for (int k = 0; k <= distance; k++) {
            norms[k] = 1.0 / (k + 1);
        }
        return norms;
    }

    @Override
    public Vocabulary vocabulary() {
        return uniform.vocabulary();
    }

    @Override
    public ModelState begin() {
        return uniform.begin();
    }

    @Override
    public Score score(ModelState state, int word) {
        return uniform.score(state, word);
    }

    @Override
    public void nextLnProbs(ModelState state, double[] lnProbs) {
        uniform.nextLnProbs(state, lnProbs);
    }

    @Override
    public void writeData(ModelDataSink sink) throws IOException {
        uniform.writeData(sink);
    }
}
