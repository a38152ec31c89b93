package io.lmkit.backend.nd4j.internal;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tensor of an ND4J backend: a float32, row-major ('c' order) {@link INDArray} of shape
 * [rows, cols] in native (or GPU) memory. Close it to free that memory at once instead of waiting
 * for the garbage collector.
 */
public final class Nd4jTensor implements Tensor {

    private final Nd4jBackend backend;
    private final int rows;
    private final int cols;
    private final INDArray array;

    Nd4jTensor(Nd4jBackend backend, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("tensor shape must not be negative: " + rows + " x " + cols);
        }
        this.backend = backend;
        this.rows = rows;
        this.cols = cols;
        this.array = Nd4j.create(DataType.FLOAT, new long[] {rows, cols}, 'c');
    }

    /**
     * The ND4J array behind this tensor, [rows, cols] float32 in 'c' order, for code that mixes
     * lmkit operations with ND4J's own; writing into it changes the tensor.
     */
    public INDArray array() {
        return array;
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
        if (size() == 0) {
            return new double[0];
        }
        // The array is never a view, so its buffer holds exactly its values in row-major order;
        // asDouble() brings a device buffer to the host first.
        return array.data().asDouble();
    }

    @Override
    public float[] toFloatArray() {
        return size() == 0 ? new float[0] : array.data().asFloat();
    }

    @Override
    public void set(double[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException(values.length + " values for a " + rows + " x " + cols
                    + " tensor; pass exactly " + size());
        }
        if (values.length == 0) {
            return;
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        // Through assign rather than the raw buffer, so a GPU backend copies to the device too.
        try (INDArray source = Nd4j.createFromArray(f)) {
            array.assign(source.reshape('c', rows, cols));
        }
    }

    @Override
    public double get(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") is outside a " + rows + " x " + cols
                    + " tensor");
        }
        return array.getDouble(row, col);
    }

    @Override
    public void close() {
        if (array.closeable()) {
            array.close();
        }
    }

    @Override
    public String toString() {
        return "Nd4jTensor[" + rows + " x " + cols + ", " + backend.name() + "]";
    }
}
