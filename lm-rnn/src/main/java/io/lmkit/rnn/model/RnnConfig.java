package io.lmkit.rnn.model;

import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.train.SettingChecks;

/**
 * Settings of a recurrent language model (the cell is the plugin: {@code rnn}, {@code lstm},
 * {@code gru}) and of its truncated-BPTT training on the corpus as one stream per batch row.
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
 *                       and Zaremba's setting). Either way validation scores every sentence from a
 *                       zero state, as perplexity evaluation does
 * @param maxTokens      work budget of training in tokens (0: none): training stops after the update
 *                       at which the tokens seen reach it, at the same update on any machine
 */
public record RnnConfig(int embedding, int hidden, int layers, boolean tied, Activation activation, double dropout,
                        double forgetBias, double initScale, int batchSize, int bptt, int epochs, String optimizer,
                        double learningRate, String schedule, double clipNorm, int patience, double maxMinutes,
                        long validateEvery, String backend, int threads, String checkpoint, double checkpointMinutes,
                        boolean resume, boolean sentenceReset, long maxTokens) {

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
        // Named choices are checked here, before training, so a typo is a usage error and not a failed run.
        OptimizerConfig.kind(optimizer);
        LearningRateSchedule.kind(schedule);
        if (resume && checkpoint.isBlank()) {
            throw new IllegalArgumentException("resume=true needs checkpoint=FILE");
        }
    }

    /** The settings without a token budget. */
    public RnnConfig(int embedding, int hidden, int layers, boolean tied, Activation activation, double dropout,
                     double forgetBias, double initScale, int batchSize, int bptt, int epochs, String optimizer,
                     double learningRate, String schedule, double clipNorm, int patience, double maxMinutes,
                     long validateEvery, String backend, int threads, String checkpoint, double checkpointMinutes,
                     boolean resume, boolean sentenceReset) {
        this(embedding, hidden, layers, tied, activation, dropout, forgetBias, initScale, batchSize, bptt, epochs,
                optimizer, learningRate, schedule, clipNorm, patience, maxMinutes, validateEvery, backend, threads,
                checkpoint, checkpointMinutes, resume, sentenceReset, 0);
    }

    /** The settings with the state carried across sentences ({@code sentenceReset=false}). */
    public RnnConfig(int embedding, int hidden, int layers, boolean tied, Activation activation, double dropout,
                     double forgetBias, double initScale, int batchSize, int bptt, int epochs, String optimizer,
                     double learningRate, String schedule, double clipNorm, int patience, double maxMinutes,
                     long validateEvery, String backend, int threads, String checkpoint, double checkpointMinutes,
                     boolean resume) {
        this(embedding, hidden, layers, tied, activation, dropout, forgetBias, initScale, batchSize, bptt, epochs,
                optimizer, learningRate, schedule, clipNorm, patience, maxMinutes, validateEvery, backend, threads,
                checkpoint, checkpointMinutes, resume, false);
    }
}
