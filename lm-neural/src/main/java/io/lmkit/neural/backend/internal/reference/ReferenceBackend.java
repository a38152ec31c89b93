package io.lmkit.neural.backend.internal.reference;

import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.TensorChecks;

/**
 * The float64 reference backend: every operation as a plain loop, written for clarity, not speed.
 * It is what gradient checks run on (finite differences need double precision) and a readable
 * statement of what each operation means.
 */
public final class ReferenceBackend implements ComputeBackend {

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Tensor zeros(int rows, int cols) {
        return new ReferenceTensor(this, rows, cols);
    }

    private ReferenceTensor t(Tensor x) {
        if (!(x instanceof ReferenceTensor r) || r.backend() != this) {
            throw new IllegalArgumentException("tensor " + x + " does not belong to this reference backend");
        }
        return r;
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        ReferenceTensor ta = t(a);
        ReferenceTensor tb = t(b);
        ReferenceTensor tc = t(c);
        int m = transposeA ? ta.cols : ta.rows;
        int k = transposeA ? ta.rows : ta.cols;
        int kb = transposeB ? tb.cols : tb.rows;
        int n = transposeB ? tb.rows : tb.cols;
        TensorChecks.gemmShapes(m, k, kb, n, tc.rows, tc.cols);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double av = transposeA ? ta.data[p * ta.cols + i] : ta.data[i * ta.cols + p];
                    double bv = transposeB ? tb.data[j * tb.cols + p] : tb.data[p * tb.cols + j];
                    sum += av * bv;
                }
                int idx = i * n + j;
                tc.data[idx] = alpha * sum + (beta == 0 ? 0 : beta * tc.data[idx]);
            }
        }
    }

    @Override
    public void addRowVector(Tensor m, Tensor row) {
        ReferenceTensor tm = t(m);
        ReferenceTensor tr = t(row);
        TensorChecks.rowVector(tr, tm.cols);
        for (int i = 0; i < tm.rows; i++) {
            for (int j = 0; j < tm.cols; j++) {
                tm.data[i * tm.cols + j] += tr.data[j];
            }
        }
    }

    @Override
    public void columnSums(Tensor m, double beta, Tensor out) {
        ReferenceTensor tm = t(m);
        ReferenceTensor to = t(out);
        TensorChecks.rowVector(to, tm.cols);
        for (int j = 0; j < tm.cols; j++) {
            double sum = 0;
            for (int i = 0; i < tm.rows; i++) {
                sum += tm.data[i * tm.cols + j];
            }
            to.data[j] = (beta == 0 ? 0 : beta * to.data[j]) + sum;
        }
    }

    @Override
    public void activate(Activation f, Tensor x, Tensor y) {
        ReferenceTensor tx = t(x);
        ReferenceTensor ty = t(y);
        TensorChecks.sameShape(tx, ty);
        for (int i = 0; i < tx.data.length; i++) {
            ty.data[i] = f.apply(tx.data[i]);
        }
    }

    @Override
    public void activateBackward(Activation f, Tensor y, Tensor dy, Tensor dx) {
        ReferenceTensor ty = t(y);
        ReferenceTensor tdy = t(dy);
        ReferenceTensor tdx = t(dx);
        TensorChecks.sameShape(ty, tdy);
        TensorChecks.sameShape(ty, tdx);
        for (int i = 0; i < ty.data.length; i++) {
            tdx.data[i] = tdy.data[i] * f.derivativeFromOutput(ty.data[i]);
        }
    }

    @Override
    public void axpy(double a, Tensor x, Tensor y) {
        ReferenceTensor tx = t(x);
        ReferenceTensor ty = t(y);
        TensorChecks.sameShape(tx, ty);
        for (int i = 0; i < tx.data.length; i++) {
            ty.data[i] += a * tx.data[i];
        }
    }

    @Override
    public void scale(Tensor x, double a) {
        ReferenceTensor tx = t(x);
        for (int i = 0; i < tx.data.length; i++) {
            tx.data[i] *= a;
        }
    }

    @Override
    public void multiply(Tensor a, Tensor b, Tensor out) {
        ReferenceTensor ta = t(a);
        ReferenceTensor tb = t(b);
        ReferenceTensor to = t(out);
        TensorChecks.sameShape(ta, tb);
        TensorChecks.sameShape(ta, to);
        for (int i = 0; i < ta.data.length; i++) {
            to.data[i] = ta.data[i] * tb.data[i];
        }
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        ReferenceTensor ts = t(src);
        ReferenceTensor td = t(dst);
        TensorChecks.sameShape(ts, td);
        System.arraycopy(ts.data, 0, td.data, 0, ts.data.length);
    }

    @Override
    public double sumOfSquares(Tensor x) {
        double sum = 0;
        for (double v : t(x).data) {
            sum += v * v;
        }
        return sum;
    }

    @Override
    public void clip(Tensor x, double limit) {
        double[] d = t(x).data;
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(-limit, Math.min(limit, d[i]));
        }
    }

    @Override
    public boolean allFinite(Tensor x) {
        for (double v : t(x).data) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public double crossEntropy(Tensor logits, int[] targets, Tensor gradient, double[] rowLnProbs) {
        ReferenceTensor tl = t(logits);
        ReferenceTensor tg = gradient == null ? null : t(gradient);
        TensorChecks.targets(targets, tl.rows, tl.cols);
        if (tg != null) {
            TensorChecks.sameShape(tl, tg);
        }
        double loss = 0;
        int n = tl.cols;
        for (int i = 0; i < tl.rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, tl.data[i * n + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(tl.data[i * n + j] - max);
            }
            double logZ = max + Math.log(sum);
            double lnP = tl.data[i * n + targets[i]] - logZ;
            loss -= lnP;
            if (rowLnProbs != null) {
                rowLnProbs[i] = lnP;
            }
            if (tg != null) {
                for (int j = 0; j < n; j++) {
                    tg.data[i * n + j] = Math.exp(tl.data[i * n + j] - logZ) - (j == targets[i] ? 1 : 0);
                }
            }
        }
        return loss;
    }

    @Override
    public void logSoftmax(Tensor logits, Tensor out) {
        ReferenceTensor tl = t(logits);
        ReferenceTensor to = t(out);
        TensorChecks.sameShape(tl, to);
        int n = tl.cols;
        for (int i = 0; i < tl.rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, tl.data[i * n + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(tl.data[i * n + j] - max);
            }
            double logZ = max + Math.log(sum);
            for (int j = 0; j < n; j++) {
                to.data[i * n + j] = tl.data[i * n + j] - logZ;
            }
        }
    }

    @Override
    public void copyRows(Tensor src, int srcRow, Tensor dst, int dstRow, int rows) {
        TensorChecks.rows(src, srcRow, dst, dstRow, rows);
        System.arraycopy(t(src).data, srcRow * src.cols(), t(dst).data, dstRow * dst.cols(), rows * src.cols());
    }

    @Override
    public void addRows(Tensor src, int srcRow, Tensor dst, int dstRow, int rows) {
        TensorChecks.rows(src, srcRow, dst, dstRow, rows);
        double[] s = t(src).data;
        double[] d = t(dst).data;
        int n = rows * src.cols();
        for (int i = 0; i < n; i++) {
            d[dstRow * dst.cols() + i] += s[srcRow * src.cols() + i];
        }
    }

    @Override
    public void gather(Tensor table, int[] ids, Tensor out, int offset) {
        ReferenceTensor tt = t(table);
        ReferenceTensor to = t(out);
        TensorChecks.gather(ids, tt.rows, tt.cols, to.rows, to.cols, offset);
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(tt.data, ids[i] * tt.cols, to.data, i * to.cols + offset, tt.cols);
        }
    }

    @Override
    public void scatterAdd(Tensor gradient, int offset, int[] ids, Tensor table) {
        ReferenceTensor tg = t(gradient);
        ReferenceTensor tt = t(table);
        TensorChecks.gather(ids, tt.rows, tt.cols, tg.rows, tg.cols, offset);
        for (int i = 0; i < ids.length; i++) {
            for (int j = 0; j < tt.cols; j++) {
                tt.data[ids[i] * tt.cols + j] += tg.data[i * tg.cols + offset + j];
            }
        }
    }

    @Override
    public void sgdUpdate(Tensor p, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov) {
        double[] pd = t(p).data;
        double[] gd = t(g).data;
        double[] vd = velocity == null ? null : t(velocity).data;
        for (int i = 0; i < pd.length; i++) {
            if (vd == null) {
                pd[i] -= lr * gd[i];
            } else {
                vd[i] = momentum * vd[i] + gd[i];
                pd[i] -= lr * (nesterov ? gd[i] + momentum * vd[i] : vd[i]);
            }
        }
    }

    @Override
    public void adagradUpdate(Tensor p, Tensor g, Tensor accumulator, double lr, double eps) {
        double[] pd = t(p).data;
        double[] gd = t(g).data;
        double[] ad = t(accumulator).data;
        for (int i = 0; i < pd.length; i++) {
            ad[i] += gd[i] * gd[i];
            pd[i] -= lr * gd[i] / (Math.sqrt(ad[i]) + eps);
        }
    }

    @Override
    public void rmspropUpdate(Tensor p, Tensor g, Tensor meanSquare, double lr, double decay, double eps) {
        double[] pd = t(p).data;
        double[] gd = t(g).data;
        double[] sd = t(meanSquare).data;
        for (int i = 0; i < pd.length; i++) {
            sd[i] = decay * sd[i] + (1 - decay) * gd[i] * gd[i];
            pd[i] -= lr * gd[i] / (Math.sqrt(sd[i]) + eps);
        }
    }

    @Override
    public void adamUpdate(Tensor p, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps,
                           double weightDecay, long step) {
        double[] pd = t(p).data;
        double[] gd = t(g).data;
        double[] md = t(m).data;
        double[] vd = t(v).data;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < pd.length; i++) {
            md[i] = beta1 * md[i] + (1 - beta1) * gd[i];
            vd[i] = beta2 * vd[i] + (1 - beta2) * gd[i] * gd[i];
            pd[i] -= lr * ((md[i] / c1) / (Math.sqrt(vd[i] / c2) + eps) + weightDecay * pd[i]);
        }
    }
}
