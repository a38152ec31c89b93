package io.lmkit.neural.train;

import io.lmkit.neural.param.ParameterStore;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the shared training loop needs from a neural model: its parameters, the batches of an
 * epoch, a forward and backward pass over one batch, and validation perplexity.
 *
 * @param <B> a batch: whatever the model needs to find its examples (e.g. example indices)
 */
public interface TrainableModel<B> {

    /** The trainable parameters. */
    ParameterStore parameters();

    /** The batches of epoch {@code epoch} (1-based), in an order drawn from {@code random}. */
    List<B> batches(int epoch, SplittableRandom random);

    /** The number of predicted tokens in a batch. */
    long tokens(B batch);

    /**
     * Runs forward and backward over one batch, adding d(loss)/d(θ) into the parameters' gradients
     * (already zeroed), where loss is the batch's summed cross-entropy in nats divided by its
     * tokens.
     *
     * @param dropoutSeed the seed of this step's dropout masks, so a step is reproducible
     * @return the batch's loss in nats per token
     */
    double trainStep(B batch, long dropoutSeed);

    /** Perplexity on the validation data with the current parameters (dropout off). */
    double validationPerplexity();

    /** The number of output classes, whose log is the loss of a uniform guess. */
    int classes();

    /**
     * What the model carries from one batch to the next besides its parameters (a recurrent
     * model's hidden state across truncated-BPTT segments), so that a checkpoint can keep it and
     * resuming continues exactly. Empty for models that carry nothing.
     */
    default java.util.Map<String, double[]> carriedState() {
        return java.util.Map.of();
    }

    /** Restores what {@link #carriedState()} returned. */
    default void restoreCarriedState(java.util.Map<String, double[]> state) {
    }
}
