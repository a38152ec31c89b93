package io.lmkit.neural.inspect;

import io.lmkit.core.corpus.Corpus;

/**
 * A model that can measure how the gradient of one prediction's loss reaches the positions before
 * it (Bengio et al. 1994; Pascanu et al. 2013): for a recurrent model, the norm of d(L_t)/d(h_(t−k)),
 * the hidden state k steps back; for an attention model, the norm of d(L_t)/d(x_(t−k)), the input
 * vector (embedding plus position) k positions back. {@code lmkit gradients} and the comparison's
 * gradient plots read every family through this interface.
 */
public interface GradientFlowSource {

    /**
     * The mean norm of d(L_t)/d(input at t−k) for k = 0…{@code distance}, averaged over {@code streams}
     * places spread over {@code text}, each read from the model's initial state (dropout off).
     *
     * @return index k: the mean norm k positions back
     * @throws io.lmkit.core.LmkitException when the text is too short for the streams, or
     *                                      {@code distance} is beyond what the model can look back
     */
    double[] gradientNormsByDistance(Corpus text, int distance, int streams);
}
