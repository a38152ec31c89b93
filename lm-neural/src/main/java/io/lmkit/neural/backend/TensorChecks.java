package io.lmkit.neural.backend;

/** Shape checks shared by the backends, each failing with the shapes it found. */
public final class TensorChecks {

    private TensorChecks() {
    }

    /** Fails unless a and b have the same shape. */
    public static void sameShape(Tensor a, Tensor b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException("shape mismatch: " + a.rows() + " x " + a.cols() + " against "
                    + b.rows() + " x " + b.cols());
        }
    }

    /** Fails unless {@code row} is 1 × cols. */
    public static void rowVector(Tensor row, int cols) {
        if (row.rows() != 1 || row.cols() != cols) {
            throw new IllegalArgumentException("expected a 1 x " + cols + " row vector, got " + row.rows() + " x "
                    + row.cols());
        }
    }

    /** Fails unless op(a) [m × k] · op(b) [kb × n] fits c [cRows × cCols]. */
    public static void gemmShapes(int m, int k, int kb, int n, int cRows, int cCols) {
        if (k != kb || cRows != m || cCols != n) {
            throw new IllegalArgumentException("gemm shapes do not fit: [" + m + " x " + k + "] . [" + kb + " x " + n
                    + "] into [" + cRows + " x " + cCols + "]");
        }
    }

    /** Fails unless the row blocks lie inside both tensors, which have the same width. */
    public static void rows(Tensor src, int srcRow, Tensor dst, int dstRow, int rows) {
        if (src.cols() != dst.cols() || srcRow < 0 || dstRow < 0 || rows < 0 || srcRow + rows > src.rows()
                || dstRow + rows > dst.rows()) {
            throw new IllegalArgumentException(rows + " rows from row " + srcRow + " of a " + src.rows() + " x "
                    + src.cols() + " tensor do not fit row " + dstRow + " of a " + dst.rows() + " x " + dst.cols()
                    + " tensor");
        }
    }

    /** Fails unless every target is a column of a rows × classes matrix. */
    public static void targets(int[] targets, int rows, int classes) {
        if (targets.length != rows) {
            throw new IllegalArgumentException(targets.length + " targets for " + rows + " rows");
        }
        for (int t : targets) {
            if (t < 0 || t >= classes) {
                throw new IllegalArgumentException("target " + t + " is outside the " + classes + " classes");
            }
        }
    }

    /** Fails unless the ids index the table and the rows fit the output at the offset. */
    public static void gather(int[] ids, int tableRows, int width, int outRows, int outCols, int offset) {
        if (ids.length != outRows || offset < 0 || offset + width > outCols) {
            throw new IllegalArgumentException(ids.length + " ids of width " + width + " at column " + offset
                    + " do not fit a " + outRows + " x " + outCols + " tensor");
        }
        for (int id : ids) {
            if (id < 0 || id >= tableRows) {
                throw new IllegalArgumentException("id " + id + " is outside the table of " + tableRows + " rows");
            }
        }
    }

    /**
     * Fails unless {@code t} is [batch·time, heads·width] for some batch and width, naming it
     * {@code what}; returns the batch.
     */
    public static int headRows(String what, Tensor t, int heads, int time) {
        if (heads < 1 || time < 1 || t.rows() % time != 0 || t.cols() % heads != 0) {
            throw new IllegalArgumentException(what + " of " + t.rows() + " x " + t.cols() + " is not [batch·" + time
                    + ", " + heads + "·headWidth]");
        }
        return t.rows() / time;
    }

    /** Fails unless attention scores are [batch·heads·time, time]. */
    public static void headScores(Tensor scores, int batch, int heads, int time) {
        if (scores.rows() != batch * heads * time || scores.cols() != time) {
            throw new IllegalArgumentException("attention scores must be [" + batch + "·" + heads + "·" + time + ", "
                    + time + "], got " + scores.rows() + " x " + scores.cols());
        }
    }

    /** Fails unless causal score rows are [n·time, time]. */
    public static void causalRows(int time, Tensor scores) {
        if (time < 1 || scores.cols() != time || scores.rows() % time != 0) {
            throw new IllegalArgumentException("causal softmax rows must be [n·" + time + ", " + time + "], got "
                    + scores.rows() + " x " + scores.cols());
        }
    }

    /** Fails unless a layer norm's vectors and outputs fit x [rows, cols]. */
    public static void layerNorm(Tensor x, Tensor gain, Tensor bias, Tensor y, Tensor normalized, Tensor invStd) {
        rowVector(gain, x.cols());
        rowVector(bias, x.cols());
        sameShape(x, y);
        sameShape(x, normalized);
        if (invStd.rows() != x.rows() || invStd.cols() != 1) {
            throw new IllegalArgumentException("invStd must be " + x.rows() + " x 1, got " + invStd.rows() + " x "
                    + invStd.cols());
        }
    }
}
