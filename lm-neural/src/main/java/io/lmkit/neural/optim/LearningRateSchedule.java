package io.lmkit.neural.optim;

/**
 * The learning rate over training: constant, step decay, halve-on-plateau (Mikolov's rnnlm: once an
 * epoch improves validation perplexity by less than a factor, halve the rate every epoch after),
 * cosine decay over the run (Loshchilov &amp; Hutter 2017, without restarts, as GPT-2 and minGPT
 * train), and an optional linear warm-up. Its state is a value ({@link State}) so a checkpoint can keep it.
 *
 * @param kind        constant, step, plateau or cosine
 * @param initial     the rate after warm-up
 * @param factor      step: the rate is multiplied by it every {@code stepEpochs}; plateau: by it once
 *                    halving has started (0.5 halves)
 * @param stepEpochs  step: epochs between decays
 * @param minImprovement plateau: the relative validation improvement below which halving starts
 *                    (rnnlm uses 0.003)
 * @param warmupSteps linear warm-up from 0 over this many updates (0 for none)
 */
public record LearningRateSchedule(Kind kind, double initial, double factor, int stepEpochs, double minImprovement,
                                   long warmupSteps) {

    /** The shapes of schedule. */
    public enum Kind {
        /** The same rate throughout. */
        CONSTANT,
        /** Multiplied by {@code factor} every {@code stepEpochs} epochs. */
        STEP,
        /** Multiplied by {@code factor} every epoch once validation stops improving enough. */
        PLATEAU,
        /**
         * Per update, from the initial rate down to {@link #COSINE_FLOOR} of it along half a cosine
         * over the run's progress (the share of its token budget, else of its epochs, that is done).
         */
        COSINE
    }

    /** The share of the initial rate the cosine schedule ends at. */
    public static final double COSINE_FLOOR = 0.1;

    /**
     * What the schedule remembers.
     *
     * @param rate      the current rate before warm-up scaling
     * @param halving   plateau: whether halving has started
     * @param bestValid the best validation perplexity so far (infinity before the first)
     */
    public record State(double rate, boolean halving, double bestValid) {
    }

    /** Validates the values. */
    public LearningRateSchedule {
        if (!(initial > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + initial);
        }
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("decay factor must be in (0, 1], got " + factor);
        }
        if (stepEpochs < 1) {
            throw new IllegalArgumentException("step epochs must be at least 1, got " + stepEpochs);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must not be negative, got " + warmupSteps);
        }
    }

    /** The state before training. */
    public State start() {
        return new State(initial, false, Double.POSITIVE_INFINITY);
    }

    /** The rate of update number {@code step} (1-based) at the start of a run (progress 0). */
    public double rate(State state, long step) {
        return rate(state, step, 0);
    }

    /**
     * The rate of update number {@code step} (1-based) when {@code progress} (in [0, 1]) of the run is
     * done: the warm-up ramps it linearly over the first {@code warmupSteps} updates, and the cosine
     * schedule scales it by COSINE_FLOOR + (1 − COSINE_FLOOR) · (1 + cos(π · progress)) / 2.
     */
    public double rate(State state, long step, double progress) {
        double warm = warmupSteps > 0 && step < warmupSteps ? (double) step / warmupSteps : 1;
        double p = Math.min(1, Math.max(0, progress));
        double decay = kind == Kind.COSINE ? COSINE_FLOOR + (1 - COSINE_FLOOR) * 0.5 * (1 + Math.cos(Math.PI * p)) : 1;
        return state.rate() * warm * decay;
    }

    /** The state after epoch {@code epoch} (1-based) ended with this validation perplexity. */
    public State afterEpoch(State state, int epoch, double validPerplexity) {
        double best = Math.min(state.bestValid(), validPerplexity);
        return switch (kind) {
            case CONSTANT, COSINE -> new State(state.rate(), false, best);
            case STEP -> new State(epoch % stepEpochs == 0 ? state.rate() * factor : state.rate(), false, best);
            case PLATEAU -> {
                boolean improvedEnough = validPerplexity < state.bestValid() * (1 - minImprovement);
                boolean halving = state.halving() || (Double.isFinite(state.bestValid()) && !improvedEnough);
                yield new State(halving ? state.rate() * factor : state.rate(), halving, best);
            }
        };
    }
}
