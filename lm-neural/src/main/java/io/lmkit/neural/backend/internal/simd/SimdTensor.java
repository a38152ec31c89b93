package io.lmkit.neural.backend.internal.simd;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;

/** A tensor of the simd backend: float32 values in a row-major Java array. */
public final class SimdTensor implements Tensor {

    final int rows;
    final int cols;
    final float[] data;
    private final ComputeBackend backend;

    SimdTensor(ComputeBackend backend, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("tensor shape must not be negative: " + rows + " x " + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a " + rows + " x " + cols
                    + " tensor does not fit one Java array; split it into smaller tensors");
        }
        this.backend = backend;
        this.rows = rows;
        this.cols = cols;
        this.data = new float[rows * cols];
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public ComputeBackend backend() {
        return backend;
    }

    @Override
    public double[] toDoubleArray() {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i];
        }
        return d;
    }

    @Override
    public float[] toFloatArray() {
        return data.clone();
    }

    @Override
    public java.util.Optional<float[]> float32Values() {
        return java.util.Optional.of(data);
    }

    @Override
    public void set(double[] values) {
        if (values.length != data.length) {
            throw new IllegalArgumentException(values.length + " values for a " + rows + " x " + cols + " tensor");
        }
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) values[i];
        }
    }

    /** Replaces every value from a row-major array of {@link #size()} float32 values, without rounding. */
    public void set(float[] values) {
        if (values.length != data.length) {
            throw new IllegalArgumentException(values.length + " values for a " + rows + " x " + cols + " tensor");
        }
        System.arraycopy(values, 0, data, 0, data.length);
    }

    @Override
    public double get(int row, int col) {
        return data[row * cols + col];
    }

    @Override
    public String toString() {
        return "SimdTensor[" + rows + " x " + cols + "]";
    }
}
