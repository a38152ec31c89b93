package io.lmkit.neural.optim;

/**
 * The learning rate over training: constant, step decay, halve-on-plateau (Mikolov's rnnlm: once an
 * epoch improves validation perplexity by less than a factor, halve the rate every epoch after), and
 * an optional linear warm-up. Its state is a value ({@link State}) so a checkpoint can keep it.
 *
 * @param kind        constant, step or plateau
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
    public enum Kind { CONSTANT, STEP, PLATEAU }

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

    /** The rate of update number {@code step} (1-based). */
    public double rate(State state, long step) {
        double warm = warmupSteps > 0 && step < warmupSteps ? (double) step / warmupSteps : 1;
        return state.rate() * warm;
    }

    /** The state after epoch {@code epoch} (1-based) ended with this validation perplexity. */
    public State afterEpoch(State state, int epoch, double validPerplexity) {
        double best = Math.min(state.bestValid(), validPerplexity);
        return switch (kind) {
            case CONSTANT -> new State(state.rate(), false, best);
            case STEP -> new State(epoch % stepEpochs == 0 ? state.rate() * factor : state.rate(), false, best);
            case PLATEAU -> {
                boolean improvedEnough = validPerplexity < state.bestValid() * (1 - minImprovement);
                boolean halving = state.halving() || (Double.isFinite(state.bestValid()) && !improvedEnough);
                yield new State(halving ? state.rate() * factor : state.rate(), halving, best);
            }
        };
    }
}
