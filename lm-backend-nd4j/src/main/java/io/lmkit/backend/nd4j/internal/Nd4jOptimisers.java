package io.lmkit.backend.nd4j.internal;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaGradUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The optimiser updates of {@link Nd4jBackend}, each a few ND4J ops. Adagrad, RMSProp and Adam use
 * libnd4j's fused updater ops, which update the state in place and write the step into a scratch
 * array in one pass; the formulas are the ones {@link io.lmkit.neural.backend.ComputeBackend}
 * states (checked by the backend contract suite).
 */
final class Nd4jOptimisers {

    private Nd4jOptimisers() {
    }

    private static void sameShape(INDArray a, INDArray b, String what) {
        if (!a.equalShapes(b)) {
            throw new IllegalArgumentException(what + " has shape " + java.util.Arrays.toString(b.shape())
                    + " but the parameter has " + java.util.Arrays.toString(a.shape()));
        }
    }

    /** v = μv + g; p −= lr · (nesterov ? g + μv : v); without v: p −= lr · g. */
    static void sgd(Nd4jBackend backend, INDArray p, INDArray g, INDArray v, double lr, double momentum,
                    boolean nesterov) {
        sameShape(p, g, "gradient");
        var level1 = Nd4j.getBlasWrapper().level1();
        if (v == null) {
            level1.axpy(p.length(), -lr, g, p);
            return;
        }
        sameShape(p, v, "velocity");
        v.muli(momentum);
        level1.axpy(v.length(), 1.0, g, v);
        if (nesterov) {
            level1.axpy(p.length(), -lr, g, p);
            level1.axpy(p.length(), -lr * momentum, v, p);
        } else {
            level1.axpy(p.length(), -lr, v, p);
        }
    }

    /** a += g²; p −= lr · g / (√a + eps). */
    static void adagrad(Nd4jBackend backend, INDArray p, INDArray g, INDArray acc, double lr, double eps) {
        sameShape(p, g, "gradient");
        sameShape(p, acc, "accumulator");
        INDArray step = backend.scratchLike(p);
        Nd4j.exec(new AdaGradUpdater(g, acc, step, acc, lr, eps));
        p.subi(step);
    }

    /** s = decay · s + (1 − decay) · g²; p −= lr · g / (√s + eps). */
    static void rmsprop(Nd4jBackend backend, INDArray p, INDArray g, INDArray s, double lr, double decay,
                        double eps) {
        sameShape(p, g, "gradient");
        sameShape(p, s, "mean square");
        INDArray step = backend.scratchLike(p);
        Nd4j.exec(new RmsPropUpdater(g, s, step, s, lr, decay, eps));
        p.subi(step);
    }

    /**
     * AdamW: m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; p −= lr · (m̂ / (√v̂ + eps) + wd · p).
     *
     * <p>libnd4j's adam_updater computes lr·√(1−β2^t)/(1−β1^t) · m / (√v + ε') with t = iteration + 1.
     * That equals lr · m̂ / (√v̂ + ε'/√(1−β2^t)), so passing ε' = eps·√(1−β2^t) gives exactly the
     * Kingma &amp; Ba form lmkit specifies.
     */
    static void adam(Nd4jBackend backend, INDArray p, INDArray g, INDArray m, INDArray v, double lr, double beta1,
                     double beta2, double eps, double weightDecay, long step) {
        sameShape(p, g, "gradient");
        sameShape(p, m, "first moment");
        sameShape(p, v, "second moment");
        if (step < 1 || step > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Adam's step must be in [1, " + Integer.MAX_VALUE + "], got " + step);
        }
        double epsPrime = eps * Math.sqrt(1 - Math.pow(beta2, step));
        INDArray update = backend.scratchLike(p);
        Nd4j.exec(new AdamUpdater(g, v, m, update, v, m, lr, beta1, beta2, epsPrime, (int) (step - 1)));
        if (weightDecay != 0) {
            p.muli(1 - lr * weightDecay);                      // decoupled decay uses p before the step
        }
        p.subi(update);
    }
}
