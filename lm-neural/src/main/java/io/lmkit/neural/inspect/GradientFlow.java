package io.lmkit.neural.inspect;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import java.util.Arrays;

/**
 * How gradients flow back through earlier positions in a model, measured, not drawn: the loss of
 * one prediction is backpropagated {@code distance} positions and the norm of its gradient is
 * recorded at every position back (Bengio et al. 1994; Pascanu et al. 2013). An Elman RNN's
 * gradient typically shrinks (or grows) geometrically with the distance; an LSTM's decays far less;
 * an attention model reaches every position of its context in one step. The measuring itself is the
 * model family's ({@link GradientFlowSource}); this record is what every family's measurement means.
 *
 * @param normByDistance index k: the mean norm of d(L_t)/d(input at t−k) over the sampled places
 * @param stepFactor     index k ≥ 1: normByDistance[k] / normByDistance[k−1] (0 where the norm before
 *                       is 0; index 0 is 0), the per-step factor by which the gradient shrinks (below
 *                       1) or explodes (above 1)
 */
public record GradientFlow(double[] normByDistance, double[] stepFactor) {

    /** The model families of lmkit whose models implement {@link GradientFlowSource}, for error messages. */
    public static final String FAMILIES = "rnn, lstm, gru and transformer";

    /** Copies the arrays and checks that they have one entry per distance. */
    public GradientFlow {
        if (normByDistance.length == 0 || normByDistance.length != stepFactor.length) {
            throw new IllegalArgumentException("a gradient flow needs one norm and one factor per distance, got "
                    + normByDistance.length + " norms and " + stepFactor.length + " factors");
        }
        normByDistance = normByDistance.clone();
        stepFactor = stepFactor.clone();
    }

    /** The flow of measured norms, index k: k positions back; the factors follow from them. */
    public static GradientFlow of(double[] normByDistance) {
        double[] factor = new double[normByDistance.length];
        for (int k = 1; k < normByDistance.length; k++) {
            factor[k] = normByDistance[k - 1] == 0 ? 0 : normByDistance[k] / normByDistance[k - 1];
        }
        return new GradientFlow(normByDistance, factor);
    }

    /**
     * Measures {@code source} on {@code text}: {@code streams} places spread over the text, each
     * followed {@code distance} positions back.
     *
     * @throws IllegalArgumentException when distance or streams is below 1
     * @throws LmkitException           when the text is too short or the distance beyond the model's reach
     */
    public static GradientFlow measure(GradientFlowSource source, Corpus text, int distance, int streams) {
        if (distance < 1 || streams < 1) {
            throw new IllegalArgumentException("distance and streams must be at least 1");
        }
        double[] norms = source.gradientNormsByDistance(text, distance, streams);
        if (norms.length != distance + 1) {
            throw new IllegalStateException(source.getClass().getName() + " measured " + norms.length
                    + " distances; " + (distance + 1) + " (k = 0.." + distance + ") were asked for");
        }
        return of(norms);
    }

    /**
     * Measures {@code model} when it is a {@link GradientFlowSource}.
     *
     * @param family the model's family (its plugin name), for the error
     * @throws LmkitException naming {@code family} and the {@link #FAMILIES} that can be measured when
     *                        the model cannot be
     */
    public static GradientFlow measure(LanguageModel model, String family, Corpus text, int distance, int streams) {
        return measure(source(model, family), text, distance, streams);
    }

    /**
     * {@code model} as a {@link GradientFlowSource}.
     *
     * @param family the model's family (its plugin name), for the error
     * @throws LmkitException naming {@code family} and the {@link #FAMILIES} that can be measured
     */
    public static GradientFlowSource source(LanguageModel model, String family) {
        if (model instanceof GradientFlowSource source) {
            return source;
        }
        throw new LmkitException("gradient flow cannot be measured on a " + family + " model; the families that"
                + " measure it are " + FAMILIES);
    }

    @Override
    public double[] normByDistance() {
        return normByDistance.clone();
    }

    @Override
    public double[] stepFactor() {
        return stepFactor.clone();
    }

    /** The furthest distance measured. */
    public int distance() {
        return normByDistance.length - 1;
    }

    /** The geometric mean of the per-step factors over distances 1..k: the typical decay per step. */
    public double meanStepFactor(int k) {
        return Math.pow(normByDistance[k] / normByDistance[0], 1.0 / k);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GradientFlow g && Arrays.equals(normByDistance, g.normByDistance)
                && Arrays.equals(stepFactor, g.stepFactor);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(normByDistance) + Arrays.hashCode(stepFactor);
    }

    @Override
    public String toString() {
        return "GradientFlow" + Arrays.toString(normByDistance);
    }
}
