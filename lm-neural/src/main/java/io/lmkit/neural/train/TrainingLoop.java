package io.lmkit.neural.train;

import io.lmkit.core.LmkitException;
import io.lmkit.core.MemoryBudget;
import io.lmkit.core.train.Optimizer;
import io.lmkit.core.train.OptimizerState;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.train.TrainingStoppedException;
import io.lmkit.neural.optim.GradientClipping;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * The one training loop every neural model shares: shuffled minibatches, gradient clipping, the
 * optimiser step, validation, early stopping, a learning-rate schedule, a wall-clock budget, a
 * work budget in training tokens, atomic checkpoints with exact resume, and a guard that rolls
 * back a NaN or exploding loss.
 *
 * <p>Reproducible: batch order comes from the seed and the epoch, dropout from the seed and the
 * update number, so the same seed gives the same model, and resuming from a checkpoint gives the
 * same model as never stopping. A token budget ({@code maxTokens}) stops at the same update on
 * every machine, so it keeps that. The clock decides only when training stops ({@code maxMinutes}, so
 * a budgeted run is reproducible only up to how many updates fit in it) and when a timed checkpoint
 * is written, and a timed checkpoint only records: it neither moves the rollback target nor rolls
 * back itself, so where it falls never changes the numbers. The one exception is a run resumed from
 * a timed checkpoint that then rolls back before the next in-memory snapshot: it returns to the
 * resumed state, where the uninterrupted run returns to its last snapshot (at most
 * {@link #SNAPSHOT_EVERY} updates or an epoch end earlier).
 */
public final class TrainingLoop<B> {

    /** Rollbacks in a row after which training gives up. */
    static final int MAX_CONSECUTIVE_ROLLBACKS = 4;
    /** Updates between in-memory snapshots that a rollback returns to. */
    static final int SNAPSHOT_EVERY = 200;

    private final TrainableModel<B> model;
    private final TrainingOptions options;
    private final TrainingListener listener;
    private final ParameterStore store;
    private final Optimizer<Parameter> optimizer;

    private LearningRateSchedule.State schedule;
    private int epoch = 1;
    private int nextBatch;
    private long step;
    private long tokens;
    private double elapsedBefore;
    private long startNanos;
    private Map<String, double[]> best;
    /** {@link #epochsWithoutImprovement} after a validation that found a better model, until its epoch ends. */
    static final int IMPROVED_THIS_EPOCH = -1;
    private double bestValid = Double.POSITIVE_INFINITY;
    /**
     * Epochs ended without a better validation perplexity; {@link #IMPROVED_THIS_EPOCH} from a validation inside
     * an epoch that found a better model until that epoch ends (kept in checkpoints, so a resumed run counts alike).
     */
    private int epochsWithoutImprovement;
    private final List<TrainingResult.CurvePoint> curve = new ArrayList<>();
    private int rollbacks;
    private Map<String, double[]> lastGood;
    private OptimizerState lastGoodOptimizer;
    private long lastCheckpointNanos;
    private long validatedAtStep = -1;
    private boolean validatedImproved;
    private int consecutiveRollbacks;
    private long windowTokens;
    private long windowStart;

    /** How long the last validation pass took: a wall-clock budget keeps that much for the final one. */
    private double lastValidationSeconds;

    private TrainingLoop(TrainableModel<B> model, TrainingOptions options, TrainingListener listener) {
        this.model = model;
        this.options = options;
        this.listener = listener;
        this.store = model.parameters();
        // Training keeps float64 copies beside the parameters: up to two optimiser moments, the last good
        // snapshot for rollback, the best so far and the one being checkpointed.
        MemoryBudget.require(MemoryBudget.times(store.count(), 5 * Double.BYTES), "the training state of "
                + store.count() + " parameters", "a smaller vocabulary (--min-count, --max-vocab), hidden size or"
                + " embedding size");
        this.optimizer = options.optimizer().create();
        this.optimizer.init(store.all());
        this.schedule = options.schedule().start();
    }

    /** Trains {@code model}; afterwards it holds the parameters of the best validation perplexity. */
    public static <B> TrainingResult run(TrainableModel<B> model, TrainingOptions options, TrainingListener listener) {
        TrainingLoop<B> loop = new TrainingLoop<>(model, options, listener);
        loop.resumeIfAsked();
        return loop.train();
    }

    private void resumeIfAsked() {
        if (!options.resume()) {
            return;
        }
        Path path = options.checkpoint().orElseThrow();
        if (!Files.isRegularFile(path)) {
            // Starting afresh here would silently throw away what the user meant to continue.
            throw new LmkitException("resume=true: checkpoint " + path + " does not exist; give the checkpoint an"
                    + " earlier run wrote, or start afresh with resume=false (the default)");
        }
        Checkpoint c = Checkpoint.read(path);
        RunSettings run = runSettings();
        if (!c.run().isEmpty() && !run.matches(c.run())) {
            throw new LmkitException("checkpoint " + path + " was written with " + run.differencesIn(c.run())
                    + ". Resume with the settings and data of the run that wrote it, or start afresh without --resume"
                    + " (resume=false); other settings would not give the uninterrupted model");
        }
        store.restore(c.parameters());
        model.restoreCarriedState(c.carried());
        optimizer.restore(c.optimizer());
        schedule = c.schedule();
        epoch = c.epoch();
        nextBatch = c.nextBatch();
        step = c.step();
        tokens = c.tokens();
        elapsedBefore = c.elapsedSeconds();
        best = c.best().isEmpty() ? null : c.best();
        bestValid = c.bestValid();
        epochsWithoutImprovement = c.epochsWithoutImprovement();
        curve.addAll(c.curve());
        rollbacks = c.rollbacks();
    }

    /**
     * Whether a wall-clock budget of {@code maxMinutes} (0: none) is spent. The validation that ends
     * a budgeted run is counted in the budget, its length taken from the last one, so that training
     * and its final validation together take the budget rather than overrunning it by one pass.
     */
    static boolean wallClockBudgetSpent(double elapsedSeconds, double lastValidationSeconds, double maxMinutes) {
        return maxMinutes > 0 && elapsedSeconds + lastValidationSeconds > maxMinutes * 60;
    }

    private double elapsedSeconds() {
        return elapsedBefore + (System.nanoTime() - startNanos) / 1e9;
    }

    /** Trains epoch after epoch until the epochs, a budget or the patience run out. */
    private TrainingResult train() {
        startNanos = System.nanoTime();
        lastCheckpointNanos = startNanos;
        windowStart = startNanos;
        snapshotGood();
        String stopped = "completed " + options.epochs() + " epochs";
        for (; epoch <= options.epochs(); epoch++, nextBatch = 0) {
            Optional<String> budgetUsed = trainEpoch();
            if (budgetUsed.isPresent()) {
                stopped = budgetUsed.get();
                break;
            }
            if (endEpoch()) {
                stopped = "validation perplexity did not improve for " + options.patience() + " epoch(s)";
                epoch++;
                break;
            }
        }
        if (best != null) {
            store.restore(best);
        }
        return new TrainingResult(Math.min(epoch - 1, options.epochs()), step, tokens, bestValid, curve, rollbacks,
                stopped);
    }

    /**
     * The updates of epoch {@link #epoch} from batch {@link #nextBatch} on (a resumed run starts
     * mid-epoch); why training stops when a budget runs out during it.
     */
    private Optional<String> trainEpoch() {
        List<B> batches = model.batches(epoch, new SplittableRandom(mix(options.seed(), epoch)));
        listener.onEvent(new TrainingEvent.PhaseStarted("epoch " + epoch, batches.size(), "batches"));
        if (nextBatch > 0) {
            // A run resumed mid-epoch: the epoch's batches before the checkpoint are done.
            listener.onEvent(new TrainingEvent.Progress("epoch " + epoch, nextBatch, Double.NaN));
        }
        for (; nextBatch < batches.size(); nextBatch++) {
            OptionalLong batchTokens = update(batches.get(nextBatch), batches.size());
            if (batchTokens.isPresent()) {
                Optional<String> budgetUsed = afterUpdate(batchTokens.getAsLong());
                if (budgetUsed.isPresent()) {
                    return budgetUsed;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * One update on {@code batch}: gradients, weight decay, clipping and the optimiser step. Its
     * training tokens, or empty when the loss or gradient was broken and the update was rolled back.
     */
    private OptionalLong update(B batch, int batchesInEpoch) {
        store.zeroGradients();
        double loss = model.trainStep(batch, mix(options.seed() ^ 0x5DEECE66DL, step + 1));
        addWeightDecay();
        double norm = GradientClipping.byGlobalNorm(store, options.clipNorm());
        GradientClipping.byValue(store, options.clipValue());
        String problem = !Double.isFinite(loss) ? "the loss is " + loss
                : !Double.isFinite(norm) ? "the gradient norm is " + norm
                : loss > 3 * Math.log(model.classes())
                ? String.format("the loss exploded to %.2f nats per token", loss) : null;
        if (problem != null) {
            consecutiveRollbacks++;
            rollBack(problem, consecutiveRollbacks);
            return OptionalLong.empty();
        }
        consecutiveRollbacks = 0;
        step++;
        double lr = options.schedule().rate(schedule, step, progress(batchesInEpoch));
        optimizer.step(store.all(), lr);
        long batchTokens = model.tokens(batch);
        tokens += batchTokens;
        windowTokens += batchTokens;
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        listener.onEvent(new TrainingEvent.Step(step, epoch, tokens, seconds > 0 ? windowTokens / seconds : 0,
                loss, norm, lr, nextBatch + 1));
        if (seconds > 5) {
            windowTokens = 0;
            windowStart = System.nanoTime();
        }
        return OptionalLong.of(batchTokens);
    }

    /**
     * The share of the run done before this update, for a schedule over the run: of the token budget if
     * there is one, else of the epochs. Counted from what a checkpoint restores, so a resumed run
     * follows the same schedule.
     */
    private double progress(int batchesInEpoch) {
        if (options.maxTokens() > 0) {
            return (double) tokens / options.maxTokens();
        }
        return (epoch - 1 + (double) nextBatch / Math.max(1, batchesInEpoch)) / options.epochs();
    }

    /**
     * What follows an update of {@code batchTokens}: snapshots, periodic validation, timed
     * checkpoints, a stop request (Ctrl-C) and the budgets; why training stops when a budget is used.
     */
    private Optional<String> afterUpdate(long batchTokens) {
        if (step % SNAPSHOT_EVERY == 0) {
            snapshotGood();
        }
        if (options.validateEvery() > 0 && step % options.validateEvery() == 0 || crossed(
                options.validateEveryTokens(), batchTokens)) {
            validate();
        }
        if (checkpointDue()) {
            writeTimedCheckpoint();
        }
        if (listener.stopRequested()) {
            // Ctrl-C: save where we are so that --resume continues exactly from here.
            options.checkpoint().ifPresent(c -> writeCheckpoint(epoch, nextBatch + 1));
            throw new TrainingStoppedException(epoch, step, options.checkpoint());
        }
        if (wallClockBudgetSpent(elapsedSeconds(), lastValidationSeconds, options.maxMinutes())) {
            validate();
            return Optional.of("the wall-clock budget of " + options.maxMinutes() + " minutes ran out");
        }
        if (options.maxTokens() > 0 && tokens >= options.maxTokens()) {
            validate();
            return Optional.of("the work budget of " + options.maxTokens() + " training tokens was used");
        }
        return Optional.empty();
    }

    /**
     * The end of an epoch: validation, the schedule's epoch step and a checkpoint. Whether the
     * patience ran out (so many epochs without a better validation perplexity).
     */
    private boolean endEpoch() {
        validate();
        // An epoch improved when any of its validations did: with periodic validation inside epochs (work budgets
        // validate every budget / CURVE_POINTS tokens) the best pass is often one before the epoch's end, and
        // counting only the end's pass stopped an improving model (the LSTM of the benchmark of record after 1.7 M
        // of its 3.2 M tokens, its epochs ending at 152.3 and 129.9).
        boolean improved = epochsWithoutImprovement == IMPROVED_THIS_EPOCH;
        epochsWithoutImprovement = improved ? 0 : epochsWithoutImprovement + 1;
        schedule = options.schedule().afterEpoch(schedule, epoch, curve.get(curve.size() - 1).validPerplexity());
        listener.onEvent(new TrainingEvent.PhaseFinished("epoch " + epoch, Duration.ofNanos(
                System.nanoTime() - startNanos)));
        if (options.checkpoint().isPresent()) {
            writeCheckpoint(epoch + 1, 0);
        }
        return epochsWithoutImprovement >= options.patience();
    }

    private void addWeightDecay() {
        if (options.weightDecay() > 0 && options.optimizer().kind() != OptimizerConfig.Kind.ADAMW) {
            for (Parameter p : store.all()) {
                store.backend().axpy(options.weightDecay(), p.value(), p.gradient());
            }
        }
    }

    /** Whether the last update, of {@code batchTokens}, took the tokens seen past a multiple of {@code every}. */
    private boolean crossed(long every, long batchTokens) {
        return every > 0 && tokens / every > (tokens - batchTokens) / every;
    }

    /**
     * Validates; records the point; keeps the parameters when they are the best so far. A second
     * call after the same update (a periodic validation that falls on an epoch end or on the budget's
     * end) measures nothing new, so it adds no point and says what the first call said.
     */
    private boolean validate() {
        if (step == validatedAtStep) {
            return validatedImproved;
        }
        validatedAtStep = step;
        validatedImproved = measureValidation();
        return validatedImproved;
    }

    private boolean measureValidation() {
        long validationStart = System.nanoTime();
        double ppl = model.validationPerplexity();
        lastValidationSeconds = (System.nanoTime() - validationStart) / 1e9;
        double seconds = elapsedSeconds();
        curve.add(new TrainingResult.CurvePoint(seconds, tokens, ppl));
        listener.onEvent(new TrainingEvent.Validated(tokens, Duration.ofMillis((long) (seconds * 1000)), ppl));
        if (Double.isFinite(ppl) && ppl < bestValid) {
            bestValid = ppl;
            best = store.snapshot();
            epochsWithoutImprovement = IMPROVED_THIS_EPOCH;
            return true;
        }
        return false;
    }

    private void snapshotGood() {
        lastGood = store.snapshot();
        lastGoodOptimizer = optimizer.state();
    }

    private void rollBack(String problem, int consecutive) {
        double rate = schedule.rate() * 0.5;
        if (consecutive > MAX_CONSECUTIVE_ROLLBACKS) {
            throw new LmkitException("training diverged: " + problem + " at update " + (step + 1) + ", "
                    + MAX_CONSECUTIVE_ROLLBACKS + " times in a row even after halving the learning rate each time"
                    + " (now " + rate + "). Enable gradient clipping (e.g. --set clipNorm=5) or start with a lower"
                    + " learning rate. No model was written");
        }
        rollbacks++;
        store.restore(lastGood);
        optimizer.restore(lastGoodOptimizer);
        schedule = new LearningRateSchedule.State(rate, schedule.halving(), schedule.bestValid());
        listener.onEvent(new TrainingEvent.RolledBack(step + 1, problem, rate));
    }

    private boolean checkpointDue() {
        return options.checkpoint().isPresent() && options.checkpointMinutes() > 0
                && System.nanoTime() - lastCheckpointNanos > options.checkpointMinutes() * 60e9;
    }

    /**
     * A checkpoint the clock asked for. When it falls depends on the machine's speed, so it must not
     * touch the training state: unlike {@link #writeCheckpoint} it keeps the rollback target, and
     * with broken parameters it writes nothing (the previous file stays) and leaves the rollback to
     * the next batch's loss check, exactly as in a run without it.
     */
    private void writeTimedCheckpoint() {
        lastCheckpointNanos = System.nanoTime();
        if (parametersFinite()) {
            checkpoint(epoch, nextBatch + 1).write(options.checkpoint().orElseThrow());
        }
    }

    /**
     * A checkpoint at an epoch end or on a stop request, points fixed by the update count, so it may
     * also become the rollback target, as it is for a run resumed from it.
     */
    private void writeCheckpoint(int atEpoch, int atBatch) {
        if (!parametersFinite()) {
            // The loss check sees an update's result only at the next batch; a checkpoint (which also becomes
            // the rollback target) must never hold what a bad last update broke.
            rollBack("the parameters hold NaN or infinity after update " + step, 1);
        }
        checkpoint(atEpoch, atBatch).write(options.checkpoint().orElseThrow());
        lastCheckpointNanos = System.nanoTime();
        // A checkpoint is a known-good state: a later rollback returns here, as a resumed run would.
        snapshotGood();
    }

    /** The training state to resume at batch {@code atBatch} of epoch {@code atEpoch}. */
    private Checkpoint checkpoint(int atEpoch, int atBatch) {
        return new Checkpoint(atEpoch, atBatch, step, tokens, elapsedSeconds(), store.snapshot(),
                atBatch == 0 ? Map.of() : model.carriedState(), best == null ? Map.of() : best, bestValid, epochsWithoutImprovement, optimizer.state(), schedule, curve,
                rollbacks, runSettings().text());
    }

    /**
     * What a resumed run must share with the run that wrote its checkpoint: everything that changes
     * the numbers, except the budgets and the number of epochs (a run may be continued for longer).
     */
    private RunSettings runSettings() {
        int batchesPerEpoch = model.batches(1, new SplittableRandom(mix(options.seed(), 1))).size();
        return RunSettings.of(options, model.classes(), batchesPerEpoch);
    }

    /** Whether every parameter value is finite (Σ v² overflows to infinity only for values beyond 1e154). */
    private boolean parametersFinite() {
        for (Parameter p : store.all()) {
            if (!Double.isFinite(store.backend().sumOfSquares(p.value()))) {
                return false;
            }
        }
        return true;
    }

    /** A well-mixed 64-bit seed from two numbers (SplitMix64's finaliser). */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
