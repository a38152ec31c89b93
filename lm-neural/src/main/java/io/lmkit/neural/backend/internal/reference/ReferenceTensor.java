package io.lmkit.neural.backend.internal.reference;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;

/** A tensor of the reference backend: float64 values in a Java array. */
final class ReferenceTensor implements Tensor {

    final int rows;
    final int cols;
    final double[] data;
    private final ReferenceBackend backend;

    ReferenceTensor(ReferenceBackend backend, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("tensor shape must not be negative: " + rows + " x " + cols);
        }
        this.backend = backend;
        this.rows = rows;
        this.cols = cols;
        this.data = new double[rows * cols];
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
        return data.clone();
    }

    @Override
    public void set(double[] values) {
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
        return "ReferenceTensor[" + rows + " x " + cols + "]";
    }
}
