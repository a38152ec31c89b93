package io.lmkit.neural.backend;

/**
 * The Transformer operations of {@link ComputeBackend} written once as plain float64 loops over
 * {@link Tensor#toDoubleArray()} copies: the default of every backend that does not override them
 * (the reference backend, whose arithmetic this is, and the ND4J backends), and the statement of
 * what each operation means.
 */
final class TransformerDefaults {

    /** GELU's tanh approximation (Hendrycks &amp; Gimpel 2016, eq. 2): √(2/π). */
    static final double GELU_C = Math.sqrt(2 / Math.PI);
    /** GELU's tanh approximation: the cubic term's coefficient. */
    static final double GELU_A = 0.044715;

    private TransformerDefaults() {
    }

    static void layerNorm(Tensor x, Tensor gain, Tensor bias, double epsilon, Tensor y, Tensor normalized,
                          Tensor invStd) {
        TensorChecks.layerNorm(x, gain, bias, y, normalized, invStd);
        int rows = x.rows();
        int cols = x.cols();
        double[] v = x.toDoubleArray();
        double[] g = gain.toDoubleArray();
        double[] b = bias.toDoubleArray();
        double[] out = new double[v.length];
        double[] xn = new double[v.length];
        double[] inv = new double[rows];
        for (int i = 0; i < rows; i++) {
            double mean = 0;
            for (int j = 0; j < cols; j++) {
                mean += v[i * cols + j];
            }
            mean /= cols;
            double var = 0;
            for (int j = 0; j < cols; j++) {
                double d = v[i * cols + j] - mean;
                var += d * d;
            }
            inv[i] = 1 / Math.sqrt(var / cols + epsilon);
            for (int j = 0; j < cols; j++) {
                xn[i * cols + j] = (v[i * cols + j] - mean) * inv[i];
                out[i * cols + j] = xn[i * cols + j] * g[j] + b[j];
            }
        }
        y.set(out);
        normalized.set(xn);
        invStd.set(inv);
    }

    static void layerNormBackward(Tensor normalized, Tensor invStd, Tensor gain, Tensor dy, Tensor dx,
                                  Tensor dGain, Tensor dBias) {
        int rows = normalized.rows();
        int cols = normalized.cols();
        TensorChecks.sameShape(normalized, dy);
        TensorChecks.sameShape(normalized, dx);
        TensorChecks.rowVector(dGain, cols);
        TensorChecks.rowVector(dBias, cols);
        double[] xn = normalized.toDoubleArray();
        double[] inv = invStd.toDoubleArray();
        double[] g = gain.toDoubleArray();
        double[] d = dy.toDoubleArray();
        double[] dg = dGain.toDoubleArray();
        double[] db = dBias.toDoubleArray();
        double[] out = new double[xn.length];
        for (int i = 0; i < rows; i++) {
            double meanG = 0;
            double meanGx = 0;
            for (int j = 0; j < cols; j++) {
                int k = i * cols + j;
                dg[j] += d[k] * xn[k];
                db[j] += d[k];
                double gd = d[k] * g[j];
                meanG += gd;
                meanGx += gd * xn[k];
            }
            meanG /= cols;
            meanGx /= cols;
            for (int j = 0; j < cols; j++) {
                int k = i * cols + j;
                out[k] = inv[i] * (d[k] * g[j] - meanG - xn[k] * meanGx);
            }
        }
        dx.set(out);
        dGain.set(dg);
        dBias.set(db);
    }

    static void gelu(Tensor x, Tensor y) {
        TensorChecks.sameShape(x, y);
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = gelu(v[i]);
        }
        y.set(v);
    }

    /** GELU(x) ≈ x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³))). */
    static double gelu(double x) {
        return 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_A * x * x * x)));
    }

    /** The derivative of {@link #gelu(double)}. */
    static double geluDerivative(double x) {
        double t = Math.tanh(GELU_C * (x + GELU_A * x * x * x));
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_A * x * x);
    }

    static void geluBackward(Tensor x, Tensor dy, Tensor dx) {
        TensorChecks.sameShape(x, dy);
        TensorChecks.sameShape(x, dx);
        double[] v = x.toDoubleArray();
        double[] d = dy.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            d[i] *= geluDerivative(v[i]);
        }
        dx.set(d);
    }

    static void headScores(int heads, int time, double alpha, Tensor a, Tensor b, Tensor scores) {
        int batch = TensorChecks.headRows("a", a, heads, time);
        TensorChecks.sameShape(a, b);
        TensorChecks.headScores(scores, batch, heads, time);
        int width = a.cols();
        int dh = width / heads;
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        double[] out = new double[scores.size()];
        for (int n = 0; n < batch; n++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < time; i++) {
                    int row = ((n * heads + h) * time + i) * time;
                    for (int j = 0; j <= i; j++) {
                        double sum = 0;
                        for (int d = 0; d < dh; d++) {
                            sum += av[(n * time + i) * width + h * dh + d] * bv[(n * time + j) * width + h * dh + d];
                        }
                        out[row + j] = alpha * sum;
                    }
                }
            }
        }
        scores.set(out);
    }

    static void headMix(int heads, int time, boolean transpose, double alpha, Tensor p, Tensor x, Tensor out) {
        int batch = TensorChecks.headRows("x", x, heads, time);
        TensorChecks.sameShape(x, out);
        TensorChecks.headScores(p, batch, heads, time);
        int width = x.cols();
        int dh = width / heads;
        double[] pv = p.toDoubleArray();
        double[] xv = x.toDoubleArray();
        double[] o = new double[out.size()];
        for (int n = 0; n < batch; n++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < time; i++) {
                    for (int j = 0; j <= i; j++) {
                        double w = alpha * pv[((n * heads + h) * time + i) * time + j];
                        int to = (n * time + (transpose ? j : i)) * width + h * dh;
                        int from = (n * time + (transpose ? i : j)) * width + h * dh;
                        for (int d = 0; d < dh; d++) {
                            o[to + d] += w * xv[from + d];
                        }
                    }
                }
            }
        }
        out.set(o);
    }

    static void causalSoftmax(int time, Tensor scores, Tensor probs) {
        TensorChecks.sameShape(scores, probs);
        TensorChecks.causalRows(time, scores);
        double[] s = scores.toDoubleArray();
        for (int r = 0; r < scores.rows(); r++) {
            int i = r % time;
            int row = r * time;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= i; j++) {
                max = Math.max(max, s[row + j]);
            }
            double sum = 0;
            for (int j = 0; j <= i; j++) {
                s[row + j] = Math.exp(s[row + j] - max);
                sum += s[row + j];
            }
            for (int j = 0; j < time; j++) {
                s[row + j] = j <= i ? s[row + j] / sum : 0;
            }
        }
        probs.set(s);
    }

    static void causalSoftmaxBackward(int time, Tensor probs, Tensor dProbs, Tensor dScores) {
        TensorChecks.sameShape(probs, dProbs);
        TensorChecks.sameShape(probs, dScores);
        TensorChecks.causalRows(time, probs);
        double[] p = probs.toDoubleArray();
        double[] d = dProbs.toDoubleArray();
        for (int r = 0; r < probs.rows(); r++) {
            int i = r % time;
            int row = r * time;
            double dot = 0;
            for (int j = 0; j <= i; j++) {
                dot += p[row + j] * d[row + j];
            }
            for (int j = 0; j < time; j++) {
                d[row + j] = j <= i ? p[row + j] * (d[row + j] - dot) : 0;
            }
        }
        dScores.set(d);
    }
}
