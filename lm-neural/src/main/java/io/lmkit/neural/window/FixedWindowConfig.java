package io.lmkit.neural.window;

import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;

/**
 * Settings of the fixed-window neural language model (Bengio et al. 2003) and of its training.
 * Every key can be set with {@code --set key=value}; defaults are {@link FixedWindowProvider#defaultConfig()}.
 *
 * @param order          n: the model sees the n−1 previous words
 * @param embedding      m: the width of a word embedding
 * @param hidden         h: hidden units
 * @param activation     the hidden non-linearity: tanh or relu
 * @param direct         Bengio's direct connections from the embeddings to the output (W)
 * @param dropout        drop probability of the hidden units during training (0: none)
 * @param epochs         the most epochs
 * @param batchSize      examples per update
 * @param optimizer      sgd, adagrad, rmsprop, adam or adamw
 * @param learningRate   the initial learning rate
 * @param schedule       constant, step or plateau (halve when validation stops improving)
 * @param momentum       SGD momentum
 * @param clipNorm       clip the global gradient norm to this (0: off)
 * @param weightDecay    L2 penalty (decoupled for adamw)
 * @param patience       epochs without improvement before stopping
 * @param maxMinutes     wall-clock budget of training (0: none)
 * @param validateEvery  also validate every this many updates (0: at epoch ends only)
 * @param backend        compute backend name; empty for {@code LMKIT_BACKEND} or the fastest available
 * @param threads        threads per backend operation
 * @param checkpoint     checkpoint file; empty for none
 * @param checkpointMinutes minutes between checkpoints
 * @param resume         continue from the checkpoint when it exists
 * @param maxTokens      work budget of training in tokens (0: none): training stops after the update
 *                       at which the tokens seen reach it, at the same update on any machine
 */
public record FixedWindowConfig(int order, int embedding, int hidden, Activation activation, boolean direct,
                                double dropout, int epochs, int batchSize, String optimizer, double learningRate,
                                String schedule, double momentum, double clipNorm, double weightDecay, int patience,
                                double maxMinutes, long validateEvery, String backend, int threads, String checkpoint,
                                double checkpointMinutes, boolean resume, long maxTokens) {

    /** Validates every value, naming the bad one. */
    public FixedWindowConfig {
        positive("order", order - 1);
        positive("embedding", embedding);
        positive("hidden", hidden);
        positive("epochs", epochs);
        positive("batchSize", batchSize);
        positive("threads", threads);
        positive("patience", patience);
        if (activation != Activation.TANH && activation != Activation.RELU) {
            throw new IllegalArgumentException("activation must be tanh or relu, got " + activation);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
        }
        if (clipNorm < 0 || weightDecay < 0 || maxMinutes < 0 || maxTokens < 0 || validateEvery < 0
                || checkpointMinutes < 0 || momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("clipNorm, weightDecay, maxMinutes, maxTokens, validateEvery and"
                    + " checkpointMinutes must not be negative, and momentum must be in [0, 1)");
        }
        // Named choices are checked here, before training, so a typo is a usage error and not a failed run.
        OptimizerConfig.kind(optimizer);
        LearningRateSchedule.kind(schedule);
        if (resume && checkpoint.isBlank()) {
            throw new IllegalArgumentException("resume=true needs checkpoint=FILE");
        }
    }

    /** The settings without a token budget. */
    public FixedWindowConfig(int order, int embedding, int hidden, Activation activation, boolean direct,
                             double dropout, int epochs, int batchSize, String optimizer, double learningRate,
                             String schedule, double momentum, double clipNorm, double weightDecay, int patience,
                             double maxMinutes, long validateEvery, String backend, int threads, String checkpoint,
                             double checkpointMinutes, boolean resume) {
        this(order, embedding, hidden, activation, direct, dropout, epochs, batchSize, optimizer, learningRate,
                schedule, momentum, clipNorm, weightDecay, patience, maxMinutes, validateEvery, backend, threads,
                checkpoint, checkpointMinutes, resume, 0);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least " + (name.equals("order") ? 2 : 1)
                    + ", got " + (name.equals("order") ? value + 1 : value));
        }
    }
}
