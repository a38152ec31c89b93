package io.lmkit.neural.param;

import io.lmkit.core.LmkitException;
import io.lmkit.core.MemoryBudget;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named parameters of a model, in creation order: what the optimiser updates, the gradient
 * checker perturbs, checkpoints save and model files store.
 */
public final class ParameterStore {

    private final ComputeBackend backend;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    /** An empty store whose tensors live on {@code backend}. */
    public ParameterStore(ComputeBackend backend) {
        this.backend = backend;
    }

    /** The backend of every parameter. */
    public ComputeBackend backend() {
        return backend;
    }

    /**
     * Adds a rows × cols parameter drawn from U(−scale, scale) with {@code seed}.
     *
     * @throws IllegalArgumentException when the name is taken
     */
    public Parameter uniform(String name, int rows, int cols, double scale, long seed) {
        checkSize(name, rows, cols);
        return add(name, backend.uniform(rows, cols, -scale, scale, seed));
    }

    /** Adds a rows × cols parameter of zeros (biases). */
    public Parameter zeros(String name, int rows, int cols) {
        checkSize(name, rows, cols);
        return add(name, backend.zeros(rows, cols));
    }

    /** What to make smaller when a parameter or its training state does not fit. */
    static final String SHRINK = "a smaller vocabulary (--min-count, --max-vocab), hidden size or embedding size"
            + " (--set hidden=..., --set embedding=...)";

    /**
     * Refuses a parameter that one array cannot index or that the heap cannot hold (its value and
     * gradient, float64 in the worst case), before the allocation rather than with OutOfMemoryError.
     */
    private static void checkSize(String name, int rows, int cols) {
        long values = (long) rows * cols;
        String what = "parameter '" + name + "' (" + rows + " x " + cols + ")";
        if (values > Integer.MAX_VALUE - 8) {
            throw new MemoryBudget.InsufficientMemoryException(MemoryBudget.times(values, 16),
                    MemoryBudget.availableBytes(), what + " has " + values + " values, more than one array holds (at"
                    + " most " + (Integer.MAX_VALUE - 8) + "); use " + SHRINK);
        }
        MemoryBudget.require(MemoryBudget.times(values, 2 * Double.BYTES), what, SHRINK);
    }

    private Parameter add(String name, Tensor value) {
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' exists already");
        }
        Parameter p = new Parameter(name, value);
        byName.put(name, p);
        return p;
    }

    /** The parameter named {@code name}. */
    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; the store has " + byName.keySet());
        }
        return p;
    }

    /** Every parameter, in creation order. */
    public List<Parameter> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** The number of trainable values. */
    public long count() {
        long n = 0;
        for (Parameter p : byName.values()) {
            n += p.value().size();
        }
        return n;
    }

    /** Sets every gradient to zero. */
    public void zeroGradients() {
        for (Parameter p : byName.values()) {
            backend.scale(p.gradient(), 0);
        }
    }

    /** √(Σ g²) over every gradient: the global norm that clipping compares. */
    public double gradientNorm() {
        double sum = 0;
        for (Parameter p : byName.values()) {
            sum += backend.sumOfSquares(p.gradient());
        }
        return Math.sqrt(sum);
    }

    /** A copy of every value, by name, as float64 (for checkpoints and rollback). */
    public Map<String, double[]> snapshot() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Parameter p : byName.values()) {
            out.put(p.name(), p.value().toDoubleArray());
        }
        return out;
    }

    /**
     * Restores values taken by {@link #snapshot()}.
     *
     * @throws LmkitException when a parameter is missing or has another size
     */
    public void restore(Map<String, double[]> values) {
        for (Parameter p : byName.values()) {
            double[] v = values.get(p.name());
            if (v == null || v.length != p.value().size()) {
                throw new LmkitException("cannot restore parameter '" + p.name() + "' (" + p.value().rows() + " x "
                        + p.value().cols() + "): the saved values are " + (v == null ? "missing" : v.length
                        + " numbers") + "; the checkpoint or model file belongs to another configuration");
            }
            p.value().set(v);
        }
    }
}
