package io.lmkit.neural.param;

import io.lmkit.core.LmkitException;
import io.lmkit.core.io.ModelFileException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters of a neural model inside a model file: name, shape and float32 values of each. */
public final class ParameterFiles {

    private ParameterFiles() {
    }

    /**
     * Writes every parameter of {@code store} to {@code out} (flushed, not closed).
     *
     * @throws LmkitException when a value is NaN or infinite (a diverged model): nothing of it may
     *                        reach a model file, and the atomic write then leaves the old file
     */
    public static void write(ParameterStore store, OutputStream o) throws IOException {
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(o, 1 << 16));
        out.writeInt(store.all().size());
        for (Parameter p : store.all()) {
            float[] values = p.value().toFloatArray();
            requireFinite(p.name(), values);
            out.writeUTF(p.name());
            out.writeInt(p.value().rows());
            out.writeInt(p.value().cols());
            for (float v : values) {
                out.writeFloat(v);
            }
        }
        out.flush();
    }

    private static void requireFinite(String name, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new LmkitException("parameter '" + name + "' holds " + values[i] + " at index " + i
                        + ": the model diverged, so no model file is written. Train again with gradient clipping"
                        + " (e.g. --set clipNorm=5) or a lower learning rate");
            }
        }
    }

    /**
     * Reads parameters written by {@link #write} into {@code store}, whose configuration must make
     * the same names and shapes.
     *
     * @throws ModelFileException when a name or shape differs
     */
    public static void read(InputStream in, ParameterStore store) throws IOException {
        DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        int n = data.readInt();
        if (n != store.all().size()) {
            throw new ModelFileException("the model file has " + n + " parameters where its config makes "
                    + store.all().size() + "; the file is inconsistent");
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = data.readUTF();
            int rows = data.readInt();
            int cols = data.readInt();
            Parameter p;
            try {
                p = store.get(name);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException("the model file has a parameter '" + name + "' that its config does not"
                        + " make; the file is inconsistent", e);
            }
            if (p.value().rows() != rows || p.value().cols() != cols) {
                throw new ModelFileException("parameter '" + name + "' is " + rows + " x " + cols + " in the model file"
                        + " but " + p.value().rows() + " x " + p.value().cols() + " in its config; the file is"
                        + " inconsistent");
            }
            double[] v = new double[rows * cols];
            for (int j = 0; j < v.length; j++) {
                v[j] = data.readFloat();
            }
            values.put(name, v);
        }
        store.restore(values);
    }
}
