package io.lmkit.neural.backend.internal.simd;

import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.MaskDraws;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.TensorChecks;

/**
 * The float32 pure-Java backend on the Vector API. It checks shapes and ownership here and hands
 * the arrays to {@link SimdGemm} (matrix products), {@link SimdOps} (element-wise operations and
 * optimiser updates) and {@link SimdSoftmax} (row-wise softmax and loss), which split large
 * operations over a fixed pool of {@code threads} daemon threads.
 *
 * <p>Load this class only through {@link SimdProvider#create(int)}: it needs the
 * {@code jdk.incubator.vector} module.
 */
public final class SimdBackend implements ComputeBackend {

    private final SimdPool pool;
    private final SimdGemm.Workspace[] workspaces;
    private final SimdOps ops;
    /** The operand declared constant by {@link #holdConstant}, packed, or null. */
    private volatile SimdGemm.PackedB constant;

    /** A backend whose operations use up to {@code threads} threads (≥ 1). */
    SimdBackend(int threads) {
        this.pool = new SimdPool(threads);
        this.workspaces = new SimdGemm.Workspace[threads];
        for (int i = 0; i < threads; i++) {
            workspaces[i] = new SimdGemm.Workspace();
        }
        this.ops = new SimdOps(pool);
    }

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public Tensor zeros(int rows, int cols) {
        return new SimdTensor(this, rows, cols);
    }

    private SimdTensor t(Tensor x) {
        if (!(x instanceof SimdTensor s) || s.backend() != this) {
            throw new IllegalArgumentException("tensor " + x + " does not belong to this simd backend;"
                    + " create it with this backend's zeros/of/uniform");
        }
        return s;
    }

    private float[] same(Tensor x, SimdTensor shape) {
        SimdTensor s = t(x);
        TensorChecks.sameShape(shape, s);
        return s.data;
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        SimdTensor ta = t(a);
        SimdTensor tb = t(b);
        SimdTensor tc = t(c);
        int m = transposeA ? ta.cols : ta.rows;
        int k = transposeA ? ta.rows : ta.cols;
        int kb = transposeB ? tb.cols : tb.rows;
        int n = transposeB ? tb.rows : tb.cols;
        TensorChecks.gemmShapes(m, k, kb, n, tc.rows, tc.cols);
        if (tc.data == ta.data || tc.data == tb.data) {
            throw new IllegalArgumentException("gemm output " + tc + " must not be one of its inputs; use another tensor");
        }
        SimdGemm.PackedB held = constant;
        SimdGemm.PackedB packed = held != null && held.packs(tb, transposeB, k, n) ? held : null;
        SimdGemm.multiply(pool, workspaces, transposeA, transposeB, (float) alpha, ta, tb, packed, (float) beta, tc,
                m, n, k);
    }

    /** Packs op(b) once; every product reading it until the handle closes streams that copy. */
    @Override
    public ConstantOperand holdConstant(Tensor b, boolean transposeB) {
        SimdGemm.PackedB packed = SimdGemm.PackedB.of(t(b), transposeB);
        constant = packed;
        return () -> {
            if (constant == packed) {
                constant = null;
            }
        };
    }

    @Override
    public void addRowVector(Tensor m, Tensor row) {
        SimdTensor tm = t(m);
        SimdTensor tr = t(row);
        TensorChecks.rowVector(tr, tm.cols);
        ops.addRowVector(tm.data, tm.rows, tm.cols, tr.data);
    }

    @Override
    public void columnSums(Tensor m, double beta, Tensor out) {
        SimdTensor tm = t(m);
        SimdTensor to = t(out);
        TensorChecks.rowVector(to, tm.cols);
        ops.columnSums(tm.data, tm.rows, tm.cols, (float) beta, to.data);
    }

    @Override
    public void activate(Activation f, Tensor x, Tensor y) {
        SimdTensor tx = t(x);
        ops.activate(f, tx.data, same(y, tx));
    }

    @Override
    public void activateBackward(Activation f, Tensor y, Tensor dy, Tensor dx) {
        SimdTensor ty = t(y);
        ops.activateBackward(f, ty.data, same(dy, ty), same(dx, ty));
    }

    @Override
    public void axpy(double a, Tensor x, Tensor y) {
        SimdTensor tx = t(x);
        ops.axpy((float) a, tx.data, same(y, tx));
    }

    @Override
    public void scale(Tensor x, double a) {
        ops.scale(t(x).data, (float) a);
    }

    @Override
    public void multiply(Tensor a, Tensor b, Tensor out) {
        SimdTensor ta = t(a);
        ops.multiply(ta.data, same(b, ta), same(out, ta));
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        SimdTensor ts = t(src);
        float[] d = same(dst, ts);
        System.arraycopy(ts.data, 0, d, 0, d.length);
    }

    @Override
    public void dropoutMask(Tensor mask, double keep, long seed) {
        MaskDraws.checkKeep(keep);
        float[] m = t(mask).data;
        pool.forRange(MaskDraws.blocks(m.length), 1, 4, (from, to) -> {
            for (int b = from; b < to; b++) {
                MaskDraws.fill(m, b, keep, seed);
            }
        });
    }

    @Override
    public double sumOfSquares(Tensor x) {
        return ops.sumOfSquares(t(x).data);
    }

    @Override
    public void clip(Tensor x, double limit) {
        if (!(limit >= 0)) {
            throw new IllegalArgumentException("clip limit must be ≥ 0, got " + limit);
        }
        ops.clip(t(x).data, (float) limit);
    }

    @Override
    public boolean allFinite(Tensor x) {
        return ops.allFinite(t(x).data);
    }

    @Override
    public double crossEntropy(Tensor logits, int[] targets, Tensor gradient, double[] rowLnProbs) {
        SimdTensor tl = t(logits);
        TensorChecks.targets(targets, tl.rows, tl.cols);
        float[] g = gradient == null ? null : same(gradient, tl);
        if (rowLnProbs != null && rowLnProbs.length < tl.rows) {
            throw new IllegalArgumentException("rowLnProbs holds " + rowLnProbs.length + " values for " + tl.rows
                    + " rows; pass an array of at least " + tl.rows);
        }
        return SimdSoftmax.crossEntropy(pool, tl.data, tl.rows, tl.cols, targets, g, rowLnProbs, 1f);
    }

    @Override
    public double crossEntropy(Tensor logits, int[] targets, Tensor gradient, double scale) {
        SimdTensor tl = t(logits);
        TensorChecks.targets(targets, tl.rows, tl.cols);
        return SimdSoftmax.crossEntropy(pool, tl.data, tl.rows, tl.cols, targets, same(gradient, tl), null,
                (float) scale);
    }

    @Override
    public void logSoftmax(Tensor logits, Tensor out) {
        SimdTensor tl = t(logits);
        SimdSoftmax.logSoftmax(pool, tl.data, tl.rows, tl.cols, same(out, tl));
    }

    @Override
    public void copyRows(Tensor src, int srcRow, Tensor dst, int dstRow, int rows) {
        TensorChecks.rows(src, srcRow, dst, dstRow, rows);
        System.arraycopy(t(src).data, srcRow * src.cols(), t(dst).data, dstRow * dst.cols(), rows * src.cols());
    }

    @Override
    public void addRows(Tensor src, int srcRow, Tensor dst, int dstRow, int rows) {
        TensorChecks.rows(src, srcRow, dst, dstRow, rows);
        float[] s = t(src).data;
        float[] d = t(dst).data;
        int n = rows * src.cols();
        int so = srcRow * src.cols();
        int dO = dstRow * dst.cols();
        for (int i = 0; i < n; i++) {
            d[dO + i] += s[so + i];
        }
    }

    @Override
    public void copyColumns(Tensor src, Tensor dst, int offset) {
        SimdTensor ts = t(src);
        SimdTensor td = t(dst);
        if (ts.rows != td.rows || offset < 0 || offset + ts.cols > td.cols) {
            throw new IllegalArgumentException("a " + ts.rows + " x " + ts.cols + " block does not fit a " + td.rows
                    + " x " + td.cols + " tensor at column " + offset);
        }
        for (int i = 0; i < ts.rows; i++) {
            System.arraycopy(ts.data, i * ts.cols, td.data, i * td.cols + offset, ts.cols);
        }
    }

    @Override
    public void addColumns(Tensor src, int offset, Tensor dst) {
        SimdTensor ts = t(src);
        SimdTensor td = t(dst);
        if (ts.rows != td.rows || offset < 0 || offset + td.cols > ts.cols) {
            throw new IllegalArgumentException("columns [" + offset + ", " + (offset + td.cols) + ") of a " + ts.rows
                    + " x " + ts.cols + " tensor do not fit a " + td.rows + " x " + td.cols + " tensor");
        }
        for (int i = 0; i < td.rows; i++) {
            int s = i * ts.cols + offset;
            int d = i * td.cols;
            for (int j = 0; j < td.cols; j++) {
                td.data[d + j] += ts.data[s + j];
            }
        }
    }

    @Override
    public void gather(Tensor table, int[] ids, Tensor out, int offset) {
        SimdTensor tt = t(table);
        SimdTensor to = t(out);
        TensorChecks.gather(ids, tt.rows, tt.cols, to.rows, to.cols, offset);
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(tt.data, ids[i] * tt.cols, to.data, i * to.cols + offset, tt.cols);
        }
    }

    @Override
    public void scatterAdd(Tensor gradient, int offset, int[] ids, Tensor table) {
        SimdTensor tg = t(gradient);
        SimdTensor tt = t(table);
        TensorChecks.gather(ids, tt.rows, tt.cols, tg.rows, tg.cols, offset);
        // Sequential: repeated ids write the same table row.
        for (int i = 0; i < ids.length; i++) {
            ops.addInto(tg.data, i * tg.cols + offset, tt.data, ids[i] * tt.cols, tt.cols);
        }
    }

    @Override
    public void sgdUpdate(Tensor p, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov) {
        SimdTensor tp = t(p);
        float[] v = velocity == null ? null : same(velocity, tp);
        ops.sgd(tp.data, same(g, tp), v, (float) lr, (float) momentum, nesterov);
    }

    @Override
    public void adagradUpdate(Tensor p, Tensor g, Tensor accumulator, double lr, double eps) {
        SimdTensor tp = t(p);
        ops.adagrad(tp.data, same(g, tp), same(accumulator, tp), (float) lr, (float) eps);
    }

    @Override
    public void rmspropUpdate(Tensor p, Tensor g, Tensor meanSquare, double lr, double decay, double eps) {
        SimdTensor tp = t(p);
        ops.rmsprop(tp.data, same(g, tp), same(meanSquare, tp), (float) lr, (float) decay, (float) eps);
    }

    @Override
    public void adamUpdate(Tensor p, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps,
                           double weightDecay, long step) {
        if (step < 1) {
            throw new IllegalArgumentException("adam step must be ≥ 1 (it counts updates from 1), got " + step);
        }
        SimdTensor tp = t(p);
        float c1 = (float) (1 - Math.pow(beta1, step));
        float c2 = (float) (1 - Math.pow(beta2, step));
        ops.adam(tp.data, same(g, tp), same(m, tp), same(v, tp), new SimdOps.Adam((float) lr, (float) beta1,
                (float) beta2, (float) eps, (float) weightDecay, 1 / c1, 1 / c2));
    }

    @Override
    public void layerNorm(Tensor x, Tensor gain, Tensor bias, double epsilon, Tensor y, Tensor normalized,
                          Tensor invStd) {
        TensorChecks.layerNorm(x, gain, bias, y, normalized, invStd);
        SimdTensor tx = t(x);
        SimdNorm.layerNorm(pool, tx.data, tx.rows, tx.cols, t(gain).data, t(bias).data, (float) epsilon, t(y).data,
                t(normalized).data, t(invStd).data);
    }

    @Override
    public void layerNormBackward(Tensor normalized, Tensor invStd, Tensor gain, Tensor dy, Tensor dx, Tensor dGain,
                                  Tensor dBias) {
        SimdTensor tn = t(normalized);
        TensorChecks.layerNorm(tn, gain, dBias, dy, dx, invStd);
        TensorChecks.rowVector(dGain, tn.cols);
        SimdNorm.layerNormBackward(pool, tn.data, t(invStd).data, t(gain).data, t(dy).data, t(dx).data, tn.rows,
                tn.cols, t(dGain).data, t(dBias).data);
    }

    @Override
    public void gelu(Tensor x, Tensor y) {
        SimdTensor tx = t(x);
        SimdNorm.gelu(pool, tx.data, same(y, tx));
    }

    @Override
    public void geluBackward(Tensor x, Tensor dy, Tensor dx) {
        SimdTensor tx = t(x);
        SimdNorm.geluBackward(pool, tx.data, same(dy, tx), same(dx, tx));
    }

    @Override
    public void headScores(int heads, int time, double alpha, Tensor a, Tensor b, Tensor scores) {
        int batch = TensorChecks.headRows("a", a, heads, time);
        SimdTensor ta = t(a);
        float[] tb = same(b, ta);
        TensorChecks.headScores(scores, batch, heads, time);
        SimdAttention.headScores(pool, batch, heads, time, ta.cols, (float) alpha, ta.data, tb, t(scores).data);
    }

    @Override
    public void headMix(int heads, int time, boolean transpose, double alpha, Tensor p, Tensor x, Tensor out) {
        int batch = TensorChecks.headRows("x", x, heads, time);
        SimdTensor tx = t(x);
        float[] o = same(out, tx);
        if (o == tx.data) {
            throw new IllegalArgumentException("headMix output must not be its input x; use another tensor");
        }
        TensorChecks.headScores(p, batch, heads, time);
        SimdAttention.headMix(pool, batch, heads, time, tx.cols, transpose, (float) alpha, t(p).data, tx.data, o);
    }

    @Override
    public void causalSoftmax(int time, Tensor scores, Tensor probs) {
        SimdTensor ts = t(scores);
        TensorChecks.causalRows(time, ts);
        SimdAttention.causalSoftmax(pool, ts.rows, time, ts.data, same(probs, ts));
    }

    @Override
    public void causalSoftmaxBackward(int time, Tensor probs, Tensor dProbs, Tensor dScores) {
        SimdTensor tp = t(probs);
        TensorChecks.causalRows(time, tp);
        SimdAttention.causalSoftmaxBackward(pool, tp.rows, time, tp.data, same(dProbs, tp), same(dScores, tp));
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        pool.close();
    }
}
