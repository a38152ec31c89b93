package io.lmkit.neural.window;

import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.train.NeuralTrainingConfig;
import io.lmkit.neural.train.SettingChecks;
import io.lmkit.neural.train.TrainingSettingsBuilder;

/**
 * Settings of the fixed-window neural language model (Bengio et al. 2003) and of its training.
 * Every key can be set with {@code --set key=value}; defaults are {@link #defaults()}; {@link #toBuilder()} changes a few by name.
 *
 * @param order          n: the model sees the n−1 previous words; 2 to {@link #MAX_ORDER}
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
 * @param resume         continue from the checkpoint, which must exist (false: start afresh and
 *                       overwrite it)
 * @param maxTokens      work budget of training in tokens (0: none): training stops after the update
 *                       at which the tokens seen reach it, at the same update on any machine
 */
public record FixedWindowConfig(int order, int embedding, int hidden, Activation activation, boolean direct,
                                double dropout, int epochs, int batchSize, OptimizerConfig.Kind optimizer,
                                double learningRate, LearningRateSchedule.Kind schedule, double momentum,
                                double clipNorm, double weightDecay, int patience, double maxMinutes,
                                long validateEvery, String backend, int threads, String checkpoint,
                                double checkpointMinutes, boolean resume,
                                long maxTokens) implements NeuralTrainingConfig {

    /**
     * The largest order. The hidden layer's input is (n−1)·embedding wide and every training
     * example holds n−1 context ids, so the cost grows with n; Bengio et al. (2003) found no gain
     * beyond n = 5 and neural window models are rarely run past 10. Up to 20 leaves room for
     * experiments while a typo such as 100 or 1000 is caught before training.
     */
    public static final int MAX_ORDER = 20;

    /** Validates every value, naming the bad one. */
    public FixedWindowConfig {
        SettingChecks.between("order", order, 2, MAX_ORDER);
        positive("embedding", embedding);
        positive("hidden", hidden);
        positive("epochs", epochs);
        positive("batchSize", batchSize);
        positive("threads", threads);
        if (threads > io.lmkit.neural.backend.BackendProvider.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be at most " + io.lmkit.neural.backend.BackendProvider
                    .MAX_THREADS + " (this machine has " + Runtime.getRuntime().availableProcessors() + " cores), got "
                    + threads);
        }
        positive("patience", patience);
        if (activation != Activation.TANH && activation != Activation.RELU) {
            throw new IllegalArgumentException("activation must be tanh or relu, got " + activation);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        SettingChecks.positive("learningRate", learningRate);
        SettingChecks.nonNegative("clipNorm", clipNorm, "no clipping");
        SettingChecks.nonNegative("weightDecay", weightDecay, "none");
        SettingChecks.nonNegative("maxMinutes", maxMinutes, "no budget");
        SettingChecks.nonNegative("maxTokens", maxTokens, "no budget");
        SettingChecks.nonNegative("validateEvery", validateEvery, "at epoch ends only");
        SettingChecks.nonNegative("checkpointMinutes", checkpointMinutes, "at epoch ends only");
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        java.util.Objects.requireNonNull(schedule, "schedule");
        if (resume && checkpoint.isBlank()) {
            throw new IllegalArgumentException("resume=true needs checkpoint=FILE");
        }
    }

    /** The defaults, as {@code lmkit models} lists them; threads default to this machine's cores. */
    public static FixedWindowConfig defaults() {
        return new Builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config's values, to change a few by name. */
    public Builder toBuilder() {
        Builder b = new Builder().trainingFrom(this);
        b.order = order;
        b.embedding = embedding;
        b.hidden = hidden;
        b.activation = activation;
        b.direct = direct;
        b.dropout = dropout;
        b.batchSize = batchSize;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.threads = threads;
        return b;
    }

    /** Builds a {@link FixedWindowConfig} by setting names, starting from {@link #defaults()}. */
    public static final class Builder extends TrainingSettingsBuilder<Builder> {
        private int order = 5;
        private int embedding = 60;
        private int hidden = 100;
        private Activation activation = Activation.TANH;
        private boolean direct = false;
        private double dropout = 0.0;
        private int batchSize = 128;
        private double momentum = 0.0;
        private double weightDecay = 0.0;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

        private Builder() {
            super(1e-3);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Sets {@code order}. */
        public Builder order(int order) {
            this.order = order;
            return this;
        }

        /** Sets {@code embedding}. */
        public Builder embedding(int embedding) {
            this.embedding = embedding;
            return this;
        }

        /** Sets {@code hidden}. */
        public Builder hidden(int hidden) {
            this.hidden = hidden;
            return this;
        }

        /** Sets {@code activation}. */
        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /** Sets {@code direct}. */
        public Builder direct(boolean direct) {
            this.direct = direct;
            return this;
        }

        /** Sets {@code dropout}. */
        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Sets {@code batchSize}. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Sets {@code momentum}. */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Sets {@code weightDecay}. */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Sets {@code threads}. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** The config, validated by its constructor. */
        public FixedWindowConfig build() {
            return new FixedWindowConfig(order, embedding, hidden, activation, direct, dropout, epochs, batchSize,
                    optimizer, learningRate, schedule, momentum, clipNorm, weightDecay, patience, maxMinutes,
                    validateEvery, backend, threads, checkpoint, checkpointMinutes, resume, maxTokens);
        }
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
