package io.lmkit.backend.nd4j.internal;

import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.TensorChecks;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The ND4J compute backend (nd4j-cpu, nd4j-cuda): every operation as one or a few ND4J ops on
 * float32 'c'-order arrays, written straight into the caller's tensors.
 *
 * <p>Each ND4J call costs about 8–30 µs of overhead whatever its size, so operations are fused
 * where ND4J allows (GEMM carries alpha and beta, column sums are a GEMM with a ones vector, the
 * optimisers use a handful of in-place ops) and temporaries come from a per-shape scratch cache
 * rather than fresh allocations. The backend is used by one thread at a time; its thread count
 * is process-wide (see {@link Nd4jRuntime#configureThreads}).
 */
public final class Nd4jBackend implements ComputeBackend {

    private final String name;
    private final Map<Long, INDArray> scratch = new HashMap<>();
    private final Map<Integer, INDArray> ones = new HashMap<>();

    /**
     * A backend on whatever ND4J runtime is on the class path, with {@code threads} threads.
     *
     * @param name         the provider's name, for messages
     * @param threads      threads per operation, ≥ 1
     * @param expectedType the simple class name of the ND4J backend that must be the one running
     *                     (CpuBackend, JCublasBackend); ND4J picks one per JVM by priority
     */
    Nd4jBackend(String name, int threads, String expectedType) {
        this.name = name;
        Nd4jRuntime.configureThreads(threads);
        String running = Nd4j.getBackend().getClass().getSimpleName();
        if (!running.equals(expectedType)) {
            throw new IllegalStateException("backend '" + name + "' needs ND4J's " + expectedType + " but ND4J"
                    + " started " + running + " (both runtimes are on the classpath and ND4J runs one per JVM):"
                    + " remove the other runtime, or set BACKEND_PRIORITY_CPU / BACKEND_PRIORITY_GPU");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tensor zeros(int rows, int cols) {
        return new Nd4jTensor(this, rows, cols);
    }

    private INDArray a(Tensor x) {
        if (!(x instanceof Nd4jTensor t) || t.backend() != this) {
            throw new IllegalArgumentException("tensor " + x + " does not belong to the " + name
                    + " backend; create it with this backend's zeros/of/uniform");
        }
        return t.array();
    }

    /** A [rows, cols] float32 temporary, reused for every call with that shape. */
    private INDArray scratch(long rows, long cols) {
        return scratch(0, rows, cols);
    }

    /** Temporary number {@code slot} (0 or 1) of that shape, for an op that needs two at once. */
    private INDArray scratch(int slot, long rows, long cols) {
        long key = (rows << 32 | cols) * 2 + slot;
        return scratch.computeIfAbsent(key, k -> Nd4j.create(DataType.FLOAT, new long[] {rows, cols}, 'c'));
    }

    // ---- linear algebra ----

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        int m = transposeA ? a.cols() : a.rows();
        int k = transposeA ? a.rows() : a.cols();
        int kb = transposeB ? b.cols() : b.rows();
        int n = transposeB ? b.rows() : b.cols();
        TensorChecks.gemmShapes(m, k, kb, n, c.rows(), c.cols());
        // BLAS sgemm does not read C when beta is 0, so NaN in c is ignored as the contract says.
        Nd4j.gemm(a(a), a(b), a(c), transposeA, transposeB, alpha, beta);
    }

    @Override
    public void addRowVector(Tensor m, Tensor row) {
        TensorChecks.rowVector(row, m.cols());
        a(m).addiRowVector(a(row));
    }

    @Override
    public void columnSums(Tensor m, double beta, Tensor out) {
        TensorChecks.rowVector(out, m.cols());
        // ones[1, rows] · m is the column sums, and GEMM folds in beta · out: one BLAS call.
        INDArray one = ones.computeIfAbsent(m.rows(), r -> Nd4j.ones(DataType.FLOAT, 1, r));
        Nd4j.gemm(one, a(m), a(out), false, false, 1.0, beta);
    }

    // ---- element-wise ----

    @Override
    public void activate(Activation f, Tensor x, Tensor y) {
        TensorChecks.sameShape(x, y);
        INDArray in = a(x);
        INDArray out = a(y);
        switch (f) {
            case TANH -> Nd4j.exec(new Tanh(in, out));
            case SIGMOID -> Nd4j.exec(new Sigmoid(in, out));
            case RELU -> Nd4j.exec(new RectifiedLinear(in, out, 0.0));
            case IDENTITY -> {
                if (in != out) {
                    out.assign(in);
                }
            }
        }
    }

    @Override
    public void activateBackward(Activation f, Tensor y, Tensor dy, Tensor dx) {
        TensorChecks.sameShape(y, dy);
        TensorChecks.sameShape(y, dx);
        INDArray out = a(y);
        INDArray grad = a(dy);
        INDArray result = a(dx);
        switch (f) {
            // y > 0 exactly where x > 0, so ReLU's backward op can take the output for the input.
            case RELU -> Nd4j.exec(new RectifiedLinearDerivative(out, grad, result));
            case TANH -> {
                INDArray d = scratch(y.rows(), y.cols());
                Nd4j.exec(new MulOp(out, out, d));
                d.rsubi(1.0);                                  // 1 − y²
                Nd4j.exec(new MulOp(grad, d, result));
            }
            case SIGMOID -> {
                INDArray d = scratch(y.rows(), y.cols());
                out.rsub(1.0, d);                              // 1 − y
                Nd4j.exec(new MulOp(out, d, d));               // y(1 − y)
                Nd4j.exec(new MulOp(grad, d, result));
            }
            case IDENTITY -> {
                if (grad != result) {
                    result.assign(grad);
                }
            }
        }
    }

    @Override
    public void axpy(double alpha, Tensor x, Tensor y) {
        TensorChecks.sameShape(x, y);
        Nd4j.getBlasWrapper().level1().axpy(x.size(), alpha, a(x), a(y));
    }

    @Override
    public void scale(Tensor x, double alpha) {
        a(x).muli(alpha);
    }

    @Override
    public void multiply(Tensor x, Tensor y, Tensor out) {
        TensorChecks.sameShape(x, y);
        TensorChecks.sameShape(x, out);
        Nd4j.exec(new MulOp(a(x), a(y), a(out)));
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        TensorChecks.sameShape(src, dst);
        a(dst).assign(a(src));
    }

    @Override
    public double sumOfSquares(Tensor x) {
        if (x.size() == 0) {
            return 0;
        }
        double norm = a(x).norm2Number().doubleValue();
        return norm * norm;
    }

    @Override
    public void clip(Tensor x, double limit) {
        if (!(limit >= 0)) {
            throw new IllegalArgumentException("clip limit must be a number ≥ 0, got " + limit);
        }
        INDArray in = a(x);
        ClipByValue op = new ClipByValue(in, -limit, limit);
        op.addOutputArgument(in);                              // in place
        Nd4j.exec(op);
    }

    @Override
    public boolean allFinite(Tensor x) {
        return x.size() == 0 || BooleanIndexing.and(a(x), Conditions.isFinite());
    }

    // ---- softmax and loss ----

    @Override
    public double crossEntropy(Tensor logits, int[] targets, Tensor gradient, double[] rowLnProbs) {
        TensorChecks.targets(targets, logits.rows(), logits.cols());
        if (gradient != null) {
            TensorChecks.sameShape(logits, gradient);
        }
        if (rowLnProbs != null && rowLnProbs.length < targets.length) {
            throw new IllegalArgumentException("rowLnProbs holds " + rowLnProbs.length + " values for "
                    + targets.length + " rows; pass an array of at least " + targets.length);
        }
        INDArray x = a(logits);
        if (x.length() == 0) {
            return 0;
        }
        // shifted = x − max (into the gradient when there is one: it may alias the logits, and
        // each element is read before it is written); e = exp(shifted) ≤ 1, so nothing overflows.
        INDArray shifted = gradient == null ? scratch(1, logits.rows(), logits.cols()) : a(gradient);
        INDArray e = scratch(0, logits.rows(), logits.cols());
        try (INDArray max = x.max(1)) {                        // [rows]
            Broadcast.sub(x, max, shifted, 0);
        }
        Nd4j.exec(new Exp(shifted, e));
        try (INDArray sums = e.sum(1)) {                       // [rows], each ≥ 1
            double[] z = sums.toDoubleVector();
            double loss = 0;
            for (int i = 0; i < targets.length; i++) {
                double lnP = shifted.getDouble(i, targets[i]) - Math.log(z[i]);
                loss -= lnP;
                if (rowLnProbs != null) {
                    rowLnProbs[i] = lnP;
                }
            }
            if (gradient != null) {
                // softmax = e / Σe: a division instead of the second exp a log-softmax would need.
                Broadcast.div(e, sums, shifted, 0);
                for (int i = 0; i < targets.length; i++) {
                    shifted.putScalar(i, targets[i], shifted.getDouble(i, targets[i]) - 1);
                }
            }
            return loss;
        }
    }

    @Override
    public void logSoftmax(Tensor logits, Tensor out) {
        TensorChecks.sameShape(logits, out);
        logSoftmax(a(logits), a(out));
    }

    /**
     * out = x − max − ln Σ exp(x − max), row by row. Written out rather than ND4J's LogSoftMax op,
     * which takes the log of a softmax that has underflowed to 0 and returns −∞ for a row like
     * [900, 0] where the answer is −900.
     */
    private void logSoftmax(INDArray x, INDArray out) {
        if (x.length() == 0) {
            return;
        }
        try (INDArray max = x.max(1)) {                        // [rows]
            Broadcast.sub(x, max, out, 0);                     // x − max ≤ 0, so exp cannot overflow
        }
        INDArray e = scratch(out.rows(), out.columns());
        Nd4j.exec(new Exp(out, e));
        try (INDArray logSum = e.sum(1)) {                     // [rows], each ≥ 1
            Transforms.log(logSum, false);
            Broadcast.sub(out, logSum, out, 0);
        }
    }

    // ---- embeddings ----

    @Override
    public void gather(Tensor table, int[] ids, Tensor out, int offset) {
        TensorChecks.gather(ids, table.rows(), table.cols(), out.rows(), out.cols(), offset);
        if (ids.length == 0) {
            return;
        }
        INDArray dst = a(out);
        if (offset != 0 || table.cols() != out.cols()) {
            dst = dst.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + table.cols()));
        }
        // One native call for the whole batch (a loop of putRow costs one call per row).
        Nd4j.pullRows(a(table), dst, 1, ids);
    }

    @Override
    public void scatterAdd(Tensor gradient, int offset, int[] ids, Tensor table) {
        TensorChecks.gather(ids, table.rows(), table.cols(), gradient.rows(), gradient.cols(), offset);
        if (ids.length == 0) {
            return;
        }
        INDArray updates = a(gradient);
        if (offset != 0 || table.cols() != gradient.cols()) {
            updates = updates.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + table.cols()));
        }
        try (INDArray indices = Nd4j.createFromArray(ids)) {
            // libnd4j's scatter_add accumulates repeated ids (it locks per index).
            INDArray ref = a(table);
            ScatterAdd op = new ScatterAdd(ref, indices, updates);
            op.addOutputArgument(ref);                         // in place
            Nd4j.exec(op);
        }
    }

    // ---- optimiser updates ----

    @Override
    public void sgdUpdate(Tensor p, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov) {
        Nd4jOptimisers.sgd(this, a(p), a(g), velocity == null ? null : a(velocity), lr, momentum, nesterov);
    }

    @Override
    public void adagradUpdate(Tensor p, Tensor g, Tensor accumulator, double lr, double eps) {
        Nd4jOptimisers.adagrad(this, a(p), a(g), a(accumulator), lr, eps);
    }

    @Override
    public void rmspropUpdate(Tensor p, Tensor g, Tensor meanSquare, double lr, double decay, double eps) {
        Nd4jOptimisers.rmsprop(this, a(p), a(g), a(meanSquare), lr, decay, eps);
    }

    @Override
    public void adamUpdate(Tensor p, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps,
                           double weightDecay, long step) {
        Nd4jOptimisers.adam(this, a(p), a(g), a(m), a(v), lr, beta1, beta2, eps, weightDecay, step);
    }

    /** A temporary shaped like {@code like}, for the optimisers' update terms. */
    INDArray scratchLike(INDArray like) {
        return scratch(like.rows(), like.columns());
    }

    /** Frees the scratch and ones arrays; tensors made by this backend stay valid until closed. */
    @Override
    public void close() {
        scratch.values().forEach(INDArray::close);
        scratch.clear();
        ones.values().forEach(INDArray::close);
        ones.clear();
    }
}
