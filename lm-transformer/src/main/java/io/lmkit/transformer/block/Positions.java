package io.lmkit.transformer.block;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;

/** How a Transformer tells positions apart: a vector per position added to the token embedding. */
public enum Positions {
    /** A trained vector per position (GPT-2). */
    LEARNED,
    /** Fixed sines and cosines of geometrically spaced wavelengths (Vaswani et al. 2017, section 3.5). */
    SINUSOIDAL;

    /**
     * The position table [context, width]: a parameter named {@code positions} in {@code store} when
     * learned, else a constant tensor (null parameter).
     */
    public Table table(ParameterStore store, int context, int width, double scale, long seed) {
        if (this == LEARNED) {
            Parameter p = store.uniform("positions", context, width, scale, seed);
            return new Table(p.value(), p);
        }
        ComputeBackend backend = store.backend();
        double[] v = new double[context * width];
        for (int t = 0; t < context; t++) {
            for (int i = 0; i < width / 2; i++) {
                double angle = t / Math.pow(10000, 2.0 * i / width);
                v[t * width + 2 * i] = Math.sin(angle);
                v[t * width + 2 * i + 1] = Math.cos(angle);
            }
        }
        return new Table(backend.of(context, width, v), null);
    }

    /**
     * The position vectors and, when they are learned, their parameter.
     *
     * @param values    [context, width]
     * @param parameter the trained parameter, or null for fixed positions
     */
    public record Table(Tensor values, Parameter parameter) {

        /** Adds position t's vector to row n·time + t of x [batch·time, width], for every sequence n. */
        public void addTo(Tensor x, int time) {
            ComputeBackend backend = values.backend();
            for (int n = 0; n < x.rows() / time; n++) {
                backend.addRows(values, 0, x, n * time, time);
            }
        }

        /** The backward pass of {@link #addTo}: sums the rows of each position into the gradient, if learned. */
        public void backward(Tensor dx, int time) {
            if (parameter == null) {
                return;
            }
            ComputeBackend backend = values.backend();
            for (int n = 0; n < dx.rows() / time; n++) {
                backend.addRows(dx, n * time, parameter.gradient(), 0, time);
            }
        }
    }
}
