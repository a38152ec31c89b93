package io.lmkit.neural.optim;

import io.lmkit.core.train.Optimizer;
import io.lmkit.neural.param.Parameter;

/**
 * Which optimiser to use and its hyper-parameters (the learning rate comes from the schedule).
 *
 * @param kind        sgd, adagrad, rmsprop, adam or adamw
 * @param momentum    SGD momentum, 0 for plain SGD
 * @param nesterov    SGD with Nesterov momentum
 * @param beta1       Adam's first-moment decay
 * @param beta2       Adam's second-moment decay (also RMSProp's decay)
 * @param epsilon     the denominator guard of Adagrad, RMSProp and Adam
 * @param weightDecay AdamW's decoupled weight decay (0 for the others)
 */
public record OptimizerConfig(Kind kind, double momentum, boolean nesterov, double beta1, double beta2,
                              double epsilon, double weightDecay) {

    /** The optimisers lmkit has. */
    public enum Kind { SGD, ADAGRAD, RMSPROP, ADAM, ADAMW }

    /** Validates the values. */
    public OptimizerConfig {
        if (momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov needs a momentum above 0");
        }
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must not be negative, got " + weightDecay);
        }
    }

    /** Defaults of {@code kind} (momentum 0, β = 0.9/0.999, ε = 1e-8, no decay). */
    public static OptimizerConfig of(Kind kind) {
        return new OptimizerConfig(kind, 0, false, 0.9, 0.999, 1e-8, kind == Kind.ADAMW ? 0.01 : 0);
    }

    /** A fresh optimiser of this configuration. */
    public Optimizer<Parameter> create() {
        return new BackendOptimizer(this);
    }
}
