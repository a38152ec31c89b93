package io.lmkit.neural.train;

import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;

/**
 * The part of a neural model's config builder that sets the shared training settings (those of
 * {@link NeuralTrainingConfig}), so that every neural config's builder names them the same way and
 * only its model's own settings (sizes, dropout, batch size, threads) are its own.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class TrainingSettingsBuilder<B extends TrainingSettingsBuilder<B>> {

    /** {@link NeuralTrainingConfig#epochs()}. */
    protected int epochs = 20;
    /** {@link NeuralTrainingConfig#optimizer()}. */
    protected OptimizerConfig.Kind optimizer = OptimizerConfig.Kind.ADAM;
    /** {@link NeuralTrainingConfig#learningRate()}; the model's builder sets its own default. */
    protected double learningRate;
    /** {@link NeuralTrainingConfig#schedule()}. */
    protected LearningRateSchedule.Kind schedule = LearningRateSchedule.Kind.PLATEAU;
    /** {@link NeuralTrainingConfig#clipNorm()}. */
    protected double clipNorm = 5.0;
    /** {@link NeuralTrainingConfig#patience()}. */
    protected int patience = 2;
    /** {@link NeuralTrainingConfig#maxMinutes()}. */
    protected double maxMinutes = 0.0;
    /** {@link NeuralTrainingConfig#validateEvery()}. */
    protected long validateEvery = 0;
    /** {@link NeuralTrainingConfig#backend()}. */
    protected String backend = "";
    /** {@link NeuralTrainingConfig#checkpoint()}. */
    protected String checkpoint = "";
    /** {@link NeuralTrainingConfig#checkpointMinutes()}. */
    protected double checkpointMinutes = 5.0;
    /** {@link NeuralTrainingConfig#resume()}. */
    protected boolean resume = false;
    /** {@link NeuralTrainingConfig#maxTokens()}. */
    protected long maxTokens = 0;

    /** A builder whose model trains with {@code learningRate} unless told otherwise. */
    protected TrainingSettingsBuilder(double learningRate) {
        this.learningRate = learningRate;
    }

    /** This builder, as its concrete type. */
    protected abstract B self();

    /** Takes every shared training setting from {@code config} (a builder made from an existing config). */
    public B trainingFrom(NeuralTrainingConfig config) {
        epochs = config.epochs();
        optimizer = config.optimizer();
        learningRate = config.learningRate();
        schedule = config.schedule();
        clipNorm = config.clipNorm();
        patience = config.patience();
        maxMinutes = config.maxMinutes();
        validateEvery = config.validateEvery();
        backend = config.backend();
        checkpoint = config.checkpoint();
        checkpointMinutes = config.checkpointMinutes();
        resume = config.resume();
        maxTokens = config.maxTokens();
        return self();
    }

    /** Sets {@code epochs}. */
    public B epochs(int epochs) {
        this.epochs = epochs;
        return self();
    }

    /** Sets {@code optimizer}. */
    public B optimizer(OptimizerConfig.Kind optimizer) {
        this.optimizer = optimizer;
        return self();
    }

    /** Sets {@code learningRate}. */
    public B learningRate(double learningRate) {
        this.learningRate = learningRate;
        return self();
    }

    /** Sets {@code schedule}. */
    public B schedule(LearningRateSchedule.Kind schedule) {
        this.schedule = schedule;
        return self();
    }

    /** Sets {@code clipNorm}. */
    public B clipNorm(double clipNorm) {
        this.clipNorm = clipNorm;
        return self();
    }

    /** Sets {@code patience}. */
    public B patience(int patience) {
        this.patience = patience;
        return self();
    }

    /** Sets {@code maxMinutes}. */
    public B maxMinutes(double maxMinutes) {
        this.maxMinutes = maxMinutes;
        return self();
    }

    /** Sets {@code validateEvery}. */
    public B validateEvery(long validateEvery) {
        this.validateEvery = validateEvery;
        return self();
    }

    /** Sets {@code backend}. */
    public B backend(String backend) {
        this.backend = backend;
        return self();
    }

    /** Sets {@code checkpoint}. */
    public B checkpoint(String checkpoint) {
        this.checkpoint = checkpoint;
        return self();
    }

    /** Sets {@code checkpointMinutes}. */
    public B checkpointMinutes(double checkpointMinutes) {
        this.checkpointMinutes = checkpointMinutes;
        return self();
    }

    /** Sets {@code resume}. */
    public B resume(boolean resume) {
        this.resume = resume;
        return self();
    }

    /** Sets {@code maxTokens}. */
    public B maxTokens(long maxTokens) {
        this.maxTokens = maxTokens;
        return self();
    }
}
