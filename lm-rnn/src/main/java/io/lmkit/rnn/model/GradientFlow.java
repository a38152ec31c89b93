package io.lmkit.rnn.model;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;

/**
 * How gradients flow back through time in a recurrent model, measured, not drawn: the loss of one
 * prediction is backpropagated through {@code distance} steps and the norm of d(loss)/d(h) is
 * recorded at every step back (Bengio et al. 1994; Pascanu et al. 2013). An Elman RNN's gradient
 * typically shrinks (or grows) geometrically with the distance; an LSTM's decays far less.
 *
 * @param normByDistance index k: the mean norm of d(L_t)/d(h_(t−k)) over the sampled streams
 * @param stepFactor     index k ≥ 1: normByDistance[k] / normByDistance[k−1], the per-step factor
 *                       by which the gradient shrinks (below 1) or explodes (above 1)
 */
public record GradientFlow(double[] normByDistance, double[] stepFactor) {

    /**
     * Measures {@code model} (a recurrent model) on {@code text}: {@code streams} places spread
     * over the text, each a segment of distance + 1 steps from a zero state.
     *
     * @throws LmkitException when the model is not recurrent or the text too short
     */
    public static GradientFlow measure(LanguageModel model, Corpus text, int distance, int streams) {
        if (!(model instanceof RecurrentModel rm)) {
            throw new LmkitException("gradient flow is measured on recurrent models (rnn, lstm, gru); this model is a "
                    + model.getClass().getSimpleName());
        }
        if (distance < 1 || streams < 1) {
            throw new IllegalArgumentException("distance and streams must be at least 1");
        }
        RnnTraining.Streams s = new RnnTraining.Streams(text, streams);
        if (s.length < distance + 1) {
            throw new LmkitException("the text is too short: " + streams + " streams of " + (distance + 1)
                    + " steps need at least " + (long) streams * (distance + 1) + " tokens, it has "
                    + text.tokenCount());
        }
        RecurrentNetwork net = rm.network();
        int steps = distance + 1;
        RecurrentNetwork.Segment seg = net.forward(s.slice(s.inputs, 0, steps), steps, s.batch,
                net.zeroStates(s.batch), 0, 0);
        double[] norms = net.gradientNormsByDistance(seg, s.slice(s.targets, 0, steps));
        double[] factor = new double[norms.length];
        for (int k = 1; k < norms.length; k++) {
            factor[k] = norms[k - 1] == 0 ? 0 : norms[k] / norms[k - 1];
        }
        return new GradientFlow(norms, factor);
    }

    /** The geometric mean of the per-step factors over distances 1..k: the typical decay per step. */
    public double meanStepFactor(int k) {
        return Math.pow(normByDistance[k] / normByDistance[0], 1.0 / k);
    }
}
