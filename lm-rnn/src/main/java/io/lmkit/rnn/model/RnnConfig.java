package io.lmkit.rnn.model;

import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.train.NeuralTrainingConfig;
import io.lmkit.neural.train.SettingChecks;
import io.lmkit.neural.train.TrainingSettingsBuilder;

/**
 * Settings of a recurrent language model (the cell is the plugin: {@code rnn}, {@code lstm},
 * {@code gru}) and of its truncated-BPTT training on the corpus as one stream per batch row.
 * Defaults are {@link #defaults()}; {@link #toBuilder()} changes a few by name.
 *
 * @param embedding      width of the word embeddings
 * @param hidden         hidden units per layer
 * @param layers         stacked recurrent layers
 * @param tied           tie the output weights to the input embeddings (needs embedding == hidden)
 * @param activation     the Elman cell's non-linearity: tanh or relu (ignored by lstm and gru)
 * @param dropout        drop probability on the non-recurrent connections (Zaremba et al. 2014)
 * @param forgetBias     the LSTM forget gate's initial bias
 * @param initScale      weights start uniform in ±initScale
 * @param batchSize      parallel streams (batch rows)
 * @param bptt           truncated BPTT length: steps per segment; gradients stop at its start
 * @param epochs         the most epochs
 * @param optimizer      sgd, adagrad, rmsprop, adam or adamw
 * @param learningRate   the initial learning rate
 * @param schedule       constant, step or plateau
 * @param clipNorm       clip the global gradient norm (0: off)
 * @param patience       epochs without improvement before stopping
 * @param maxMinutes     wall-clock budget (0: none)
 * @param validateEvery  also validate every this many updates (0: epoch ends only)
 * @param backend        compute backend; empty for LMKIT_BACKEND or the fastest available
 * @param threads        threads per backend operation
 * @param checkpoint     checkpoint file; empty for none
 * @param checkpointMinutes minutes between checkpoints
 * @param resume         continue from the checkpoint, which must exist (false: start afresh and
 *                       overwrite it)
 * @param sentenceReset  train the way a model is scored (the default): the state of a stream is
 *                       set to zero before each sentence's {@code <s>} input, and no gradient
 *                       crosses that point. Off, the state is carried across sentences (Mikolov's
 *                       and Zaremba's setting, the training for the stream protocol: {@code --protocol
 *                       stream}). Either way validation scores every sentence from a zero state, as
 *                       perplexity evaluation under the sentence protocol does
 * @param maxTokens      work budget of training in tokens (0: none): training stops after the update
 *                       at which the tokens seen reach it, at the same update on any machine
 */
public record RnnConfig(int embedding, int hidden, int layers, boolean tied, Activation activation, double dropout,
                        double forgetBias, double initScale, int batchSize, int bptt, int epochs,
                        OptimizerConfig.Kind optimizer, double learningRate, LearningRateSchedule.Kind schedule,
                        double clipNorm, int patience, double maxMinutes, long validateEvery, String backend,
                        int threads, String checkpoint, double checkpointMinutes, boolean resume,
                        boolean sentenceReset, long maxTokens) implements NeuralTrainingConfig {

    /** Validates every value, naming the bad one. */
    public RnnConfig {
        for (var e : java.util.Map.of("embedding", embedding, "hidden", hidden, "layers", layers, "batchSize",
                batchSize, "bptt", bptt, "epochs", epochs, "patience", patience, "threads", threads).entrySet()) {
            if (e.getValue() < 1) {
                throw new IllegalArgumentException(e.getKey() + " must be at least 1, got " + e.getValue());
            }
        }
        if (threads > io.lmkit.neural.backend.BackendProvider.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be at most " + io.lmkit.neural.backend.BackendProvider
                    .MAX_THREADS + " (this machine has " + Runtime.getRuntime().availableProcessors() + " cores), got "
                    + threads);
        }
        if (tied && embedding != hidden) {
            throw new IllegalArgumentException("tied embeddings need embedding == hidden, got embedding=" + embedding
                    + " and hidden=" + hidden);
        }
        if (activation != Activation.TANH && activation != Activation.RELU) {
            throw new IllegalArgumentException("activation must be tanh or relu, got " + activation);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        SettingChecks.positive("initScale", initScale);
        SettingChecks.positive("learningRate", learningRate);
        SettingChecks.finite("forgetBias", forgetBias);
        SettingChecks.nonNegative("clipNorm", clipNorm, "no clipping");
        SettingChecks.nonNegative("maxMinutes", maxMinutes, "no budget");
        SettingChecks.nonNegative("maxTokens", maxTokens, "no budget");
        SettingChecks.nonNegative("validateEvery", validateEvery, "at epoch ends only");
        SettingChecks.nonNegative("checkpointMinutes", checkpointMinutes, "at epoch ends only");
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        java.util.Objects.requireNonNull(schedule, "schedule");
        if (resume && checkpoint.isBlank()) {
            throw new IllegalArgumentException("resume=true needs checkpoint=FILE");
        }
    }

    /** AdamW's decoupled weight decay for recurrent models ({@code weightDecay} is not one of their settings). */
    public static final double ADAMW_WEIGHT_DECAY = 0.01;

    /** AdamW's decoupled decay of {@link #ADAMW_WEIGHT_DECAY} with {@code adamw}, else none. */
    @Override
    public double weightDecay() {
        return optimizer == OptimizerConfig.Kind.ADAMW ? ADAMW_WEIGHT_DECAY : 0;
    }

    /** The defaults, as {@code lmkit models} lists them; threads default to this machine's cores. */
    public static RnnConfig defaults() {
        return new Builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config's values, to change a few by name. */
    public Builder toBuilder() {
        Builder b = new Builder().trainingFrom(this);
        b.embedding = embedding;
        b.hidden = hidden;
        b.layers = layers;
        b.tied = tied;
        b.activation = activation;
        b.dropout = dropout;
        b.forgetBias = forgetBias;
        b.initScale = initScale;
        b.batchSize = batchSize;
        b.bptt = bptt;
        b.threads = threads;
        b.sentenceReset = sentenceReset;
        return b;
    }

    /** Builds a {@link RnnConfig} by setting names, starting from {@link #defaults()}. */
    public static final class Builder extends TrainingSettingsBuilder<Builder> {
        private int embedding = 200;
        private int hidden = 200;
        private int layers = 1;
        private boolean tied = false;
        private Activation activation = Activation.TANH;
        private double dropout = 0.0;
        private double forgetBias = 1.0;
        private double initScale = 0.1;
        private int batchSize = 20;
        private int bptt = 35;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private boolean sentenceReset = true;

        private Builder() {
            super(2e-3);
        }

        @Override
        protected Builder self() {
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

        /** Sets {@code layers}. */
        public Builder layers(int layers) {
            this.layers = layers;
            return this;
        }

        /** Sets {@code tied}. */
        public Builder tied(boolean tied) {
            this.tied = tied;
            return this;
        }

        /** Sets {@code activation}. */
        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /** Sets {@code dropout}. */
        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Sets {@code forgetBias}. */
        public Builder forgetBias(double forgetBias) {
            this.forgetBias = forgetBias;
            return this;
        }

        /** Sets {@code initScale}. */
        public Builder initScale(double initScale) {
            this.initScale = initScale;
            return this;
        }

        /** Sets {@code batchSize}. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Sets {@code bptt}. */
        public Builder bptt(int bptt) {
            this.bptt = bptt;
            return this;
        }

        /** Sets {@code threads}. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Sets {@code sentenceReset}. */
        public Builder sentenceReset(boolean sentenceReset) {
            this.sentenceReset = sentenceReset;
            return this;
        }

        /** The config, validated by its constructor. */
        public RnnConfig build() {
            return new RnnConfig(embedding, hidden, layers, tied, activation, dropout, forgetBias, initScale,
                    batchSize, bptt, epochs, optimizer, learningRate, schedule, clipNorm, patience, maxMinutes,
                    validateEvery, backend, threads, checkpoint, checkpointMinutes, resume, sentenceReset, maxTokens);
        }
    }
}
