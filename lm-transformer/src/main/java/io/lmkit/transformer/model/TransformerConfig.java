package io.lmkit.transformer.model;

import io.lmkit.neural.backend.BackendProvider;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.train.NeuralTrainingConfig;
import io.lmkit.neural.train.SettingChecks;
import io.lmkit.neural.train.TrainingSettingsBuilder;
import io.lmkit.transformer.block.Positions;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@code transformer} plugin, a decoder-only Transformer (Vaswani et al. 2017;
 * pre-LayerNorm blocks as GPT-2), and of its training. Defaults are {@link #defaults()};
 * {@link #toBuilder()} changes a few by name.
 *
 * @param layers           Transformer blocks
 * @param heads            attention heads per block; {@code model} must be a multiple of it
 * @param model            width of the residual stream (embeddings, attention, block outputs)
 * @param feedForward      hidden width of each block's GELU MLP (4 × model in GPT-2)
 * @param context          positions one attention window holds (the longest context, {@code <s>} included)
 * @param positions        learned or sinusoidal position vectors
 * @param tieWeights       the output layer's weights are the token embeddings (Press &amp; Wolf 2017)
 * @param dropout          drop probability on the embeddings and on each residual branch
 * @param attentionDropout drop probability on the attention weights
 * @param initScale        weights start uniform in ±initScale (biases 0, layer-norm gains 1)
 * @param batchSize        windows (sentences, or parts of long ones) per update
 * @param warmupSteps      updates over which the learning rate rises linearly from 0
 * @param weightDecay      AdamW's decoupled weight decay (with {@code adamw}; an L2 penalty otherwise)
 * @param epochs           the most epochs
 * @param optimizer        sgd, adagrad, rmsprop, adam or adamw
 * @param learningRate     the peak learning rate (after warm-up)
 * @param schedule         constant, step, plateau or cosine (per update over the run's budget)
 * @param clipNorm         clip the global gradient norm (0: off)
 * @param patience         epochs without improvement before stopping
 * @param maxMinutes       wall-clock budget (0: none)
 * @param validateEvery    also validate every this many updates (0: epoch ends, or eight points of a token budget)
 * @param backend          compute backend; empty for LMKIT_BACKEND or the fastest available
 * @param threads          threads per backend operation
 * @param checkpoint       checkpoint file; empty for none
 * @param checkpointMinutes minutes between checkpoints
 * @param resume           continue from the checkpoint, which must exist
 * @param sentenceReset    the sentence protocol (the default): every sentence is read from its own
 *                         {@code <s>}, a longer one than the context in windows that keep the last half
 *                         of the window before as context; off (the stream protocol, {@code --protocol
 *                         stream}) the corpus is one stream cut into windows of {@code context} positions,
 *                         across sentence boundaries
 * @param maxTokens        work budget of training in tokens (0: none)
 */
public record TransformerConfig(int layers, int heads, int model, int feedForward, int context, Positions positions,
                                boolean tieWeights, double dropout, double attentionDropout, double initScale,
                                int batchSize, long warmupSteps, double weightDecay, int epochs,
                                OptimizerConfig.Kind optimizer, double learningRate, LearningRateSchedule.Kind schedule,
                                double clipNorm, int patience, double maxMinutes, long validateEvery, String backend,
                                int threads, String checkpoint, double checkpointMinutes, boolean resume,
                                boolean sentenceReset, long maxTokens) implements NeuralTrainingConfig {

    /** Validates every value, naming the bad one and what would fit. */
    public TransformerConfig {
        for (var e : Map.of("layers", layers, "heads", heads, "model", model, "feedForward", feedForward,
                "batchSize", batchSize, "epochs", epochs, "patience", patience, "threads", threads).entrySet()) {
            if (e.getValue() < 1) {
                throw new IllegalArgumentException(e.getKey() + " must be at least 1, got " + e.getValue());
            }
        }
        if (context < 2) {
            throw new IllegalArgumentException("context must be at least 2 positions (<s> and a word), got " + context);
        }
        if (model % heads != 0) {
            int lower = model / heads * heads;
            throw new IllegalArgumentException("model=" + model + " is not a multiple of heads=" + heads
                    + "; use model=" + (lower > 0 ? lower + " or " : "") + (lower + heads) + ", or heads that divide "
                    + model);
        }
        if (model % 2 != 0 && positions == Positions.SINUSOIDAL) {
            throw new IllegalArgumentException("sinusoidal positions need an even model width, got model=" + model
                    + "; use model=" + (model + 1) + " or positions=learned");
        }
        if (threads > BackendProvider.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be at most " + BackendProvider.MAX_THREADS
                    + " (this machine has " + Runtime.getRuntime().availableProcessors() + " cores), got " + threads);
        }
        for (var e : Map.of("dropout", dropout, "attentionDropout", attentionDropout).entrySet()) {
            if (!(e.getValue() >= 0 && e.getValue() < 1)) {
                throw new IllegalArgumentException(e.getKey() + " must be in [0, 1), got " + e.getValue());
            }
        }
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        SettingChecks.positive("initScale", initScale);
        SettingChecks.positive("learningRate", learningRate);
        SettingChecks.nonNegative("weightDecay", weightDecay, "none");
        SettingChecks.nonNegative("warmupSteps", warmupSteps, "no warm-up");
        SettingChecks.nonNegative("clipNorm", clipNorm, "no clipping");
        SettingChecks.nonNegative("maxMinutes", maxMinutes, "no budget");
        SettingChecks.nonNegative("maxTokens", maxTokens, "no budget");
        SettingChecks.nonNegative("validateEvery", validateEvery, "at epoch ends only");
        SettingChecks.nonNegative("checkpointMinutes", checkpointMinutes, "at epoch ends only");
        if (resume && checkpoint.isBlank()) {
            throw new IllegalArgumentException("resume=true needs checkpoint=FILE");
        }
    }

    /** Width of one attention head: model / heads. */
    public int headWidth() {
        return model / heads;
    }

    /** The defaults, as {@code lmkit models} lists them; threads default to this machine's cores. */
    public static TransformerConfig defaults() {
        return new Builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config's values, to change a few by name. */
    public Builder toBuilder() {
        Builder b = new Builder().trainingFrom(this);
        b.layers = layers;
        b.heads = heads;
        b.model = model;
        b.feedForward = feedForward;
        b.context = context;
        b.positions = positions;
        b.tieWeights = tieWeights;
        b.dropout = dropout;
        b.attentionDropout = attentionDropout;
        b.initScale = initScale;
        b.batchSize = batchSize;
        b.warmupSteps = warmupSteps;
        b.weightDecay = weightDecay;
        b.threads = threads;
        b.sentenceReset = sentenceReset;
        return b;
    }

    /** Builds a {@link TransformerConfig} by setting names, starting from {@link #defaults()}. */
    public static final class Builder extends TrainingSettingsBuilder<Builder> {
        private int layers = 2;
        private int heads = 4;
        private int model = 128;
        private int feedForward = 512;
        private int context = 64;
        private Positions positions = Positions.LEARNED;
        private boolean tieWeights = true;
        private double dropout = 0.1;
        private double attentionDropout = 0.1;
        private double initScale = 0.05;
        private int batchSize = 32;
        private long warmupSteps = 200;
        private double weightDecay = 0.01;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private boolean sentenceReset = true;

        private Builder() {
            super(1e-3);
            optimizer = OptimizerConfig.Kind.ADAMW;
            schedule = LearningRateSchedule.Kind.COSINE;
            clipNorm = 1.0;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Sets {@code layers}. */
        public Builder layers(int layers) {
            this.layers = layers;
            return this;
        }

        /** Sets {@code heads}. */
        public Builder heads(int heads) {
            this.heads = heads;
            return this;
        }

        /** Sets {@code model}. */
        public Builder model(int model) {
            this.model = model;
            return this;
        }

        /** Sets {@code feedForward}. */
        public Builder feedForward(int feedForward) {
            this.feedForward = feedForward;
            return this;
        }

        /** Sets {@code context}. */
        public Builder context(int context) {
            this.context = context;
            return this;
        }

        /** Sets {@code positions}. */
        public Builder positions(Positions positions) {
            this.positions = positions;
            return this;
        }

        /** Sets {@code tieWeights}. */
        public Builder tieWeights(boolean tieWeights) {
            this.tieWeights = tieWeights;
            return this;
        }

        /** Sets {@code dropout}. */
        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Sets {@code attentionDropout}. */
        public Builder attentionDropout(double attentionDropout) {
            this.attentionDropout = attentionDropout;
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

        /** Sets {@code warmupSteps}. */
        public Builder warmupSteps(long warmupSteps) {
            this.warmupSteps = warmupSteps;
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

        /** Sets {@code sentenceReset}. */
        public Builder sentenceReset(boolean sentenceReset) {
            this.sentenceReset = sentenceReset;
            return this;
        }

        /** The config, validated by its constructor. */
        public TransformerConfig build() {
            return new TransformerConfig(layers, heads, model, feedForward, context, positions, tieWeights, dropout,
                    attentionDropout, initScale, batchSize, warmupSteps, weightDecay, epochs, optimizer, learningRate,
                    schedule, clipNorm, patience, maxMinutes, validateEvery, backend, threads, checkpoint,
                    checkpointMinutes, resume, sentenceReset, maxTokens);
        }
    }
}
