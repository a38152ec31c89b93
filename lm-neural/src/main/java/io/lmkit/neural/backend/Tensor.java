package io.lmkit.neural.backend;

/**
 * A dense matrix of numbers owned by one {@link ComputeBackend}: rows × columns, row-major.
 * Every tensor in lmkit is two-dimensional ({@code [batch, features]}, {@code [vocabulary,
 * embedding]}); a vector is a 1 × n matrix.
 *
 * <p>Its storage belongs to the backend (a Java array, native memory, GPU memory) and its precision
 * too (float32 for the fast backends, float64 for the reference backend). Tensors are mutable and
 * not thread-safe; close a tensor that holds native memory when it is no longer needed.
 */
public interface Tensor extends AutoCloseable {

    /** The number of rows. */
    int rows();

    /** The number of columns. */
    int cols();

    /** The number of elements, rows × columns. */
    default int size() {
        return rows() * cols();
    }

    /** The backend that owns this tensor; only it may operate on the tensor. */
    ComputeBackend backend();

    /** A row-major copy of the values as float64 (exact for every backend). */
    double[] toDoubleArray();

    /** A row-major copy of the values as float32. */
    default float[] toFloatArray() {
        double[] d = toDoubleArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /**
     * The values, row-major, when the tensor keeps them as float32 in a Java array: that array itself,
     * not a copy, so that a reader of many values (the float64 log-softmax over the logits) copies
     * nothing. Read it only, and only while the tensor is alive. Empty for any other storage.
     */
    default java.util.Optional<float[]> float32Values() {
        return java.util.Optional.empty();
    }

    /** Replaces every value from a row-major array of {@link #size()} values. */
    void set(double[] values);

    /** The value at (row, col); slow on device backends, meant for tests and diagnostics. */
    double get(int row, int col);

    /** Frees native memory, if any; the tensor must not be used afterwards. */
    @Override
    default void close() {
    }
}
