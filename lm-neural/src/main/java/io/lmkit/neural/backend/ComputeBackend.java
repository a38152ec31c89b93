package io.lmkit.neural.backend;

import java.util.SplittableRandom;

/**
 * The numeric operations every neural model in lmkit is made of, behind one interface so that the
 * same model code runs on pure-Java SIMD, ND4J on the CPU, ND4J on a GPU, or the float64 reference.
 *
 * <p>Operations write into tensors the caller provides, so a training step allocates nothing: the
 * caller keeps its activations and gradients between steps. Unless a method says otherwise, output
 * tensors must not alias inputs. All tensors must come from this backend. Implementations are used
 * by one thread at a time (they may use several threads inside an operation).
 */
public interface ComputeBackend extends AutoCloseable {

    /** The backend's name, as {@link BackendProvider#name()}. */
    String name();

    // ---- creating tensors ----

    /** A rows × cols tensor of zeros. */
    Tensor zeros(int rows, int cols);

    /** A rows × cols tensor holding {@code values} (row-major). */
    default Tensor of(int rows, int cols, double[] values) {
        Tensor t = zeros(rows, cols);
        t.set(values);
        return t;
    }

    /**
     * A rows × cols tensor of independent draws from U(low, high). The draws come from a
     * {@link SplittableRandom} seeded with {@code seed} in row-major order, so every backend makes
     * the same initial weights from the same seed.
     */
    default Tensor uniform(int rows, int cols, double low, double high, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = low + (high - low) * random.nextDouble();
        }
        return of(rows, cols, values);
    }

    // ---- linear algebra ----

    /**
     * General matrix multiply: c = alpha · op(a) · op(b) + beta · c, where op transposes when asked.
     * With beta = 0 the previous content of c is ignored (even NaN).
     */
    void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c);

    /**
     * Declares op(b) constant until the returned handle is closed, for the {@link #gemm} calls that read
     * {@code b} as their second operand with the same {@code transposeB}: a backend may then prepare it
     * once for all of them instead of once per call (the SIMD backend packs it into the panels its kernel
     * streams), with results equal bit for bit. b must not change while the handle is open. The default
     * prepares nothing.
     *
     * @param b the second operand of the products to come
     * @param transposeB whether those products read b transposed
     * @return the handle; closing it ends the declaration and frees what was prepared
     */
    default ConstantOperand holdConstant(Tensor b, boolean transposeB) {
        return () -> { };
    }

    /** The handle of {@link #holdConstant}: closing it ends the declaration. */
    interface ConstantOperand extends AutoCloseable {
        /** Ends the declaration and frees what the backend prepared for it. */
        @Override
        void close();
    }

    /** Adds the 1 × cols {@code row} to every row of {@code m} (a bias). */
    void addRowVector(Tensor m, Tensor row);

    /** out (1 × cols) = beta · out + the sum of the rows of {@code m} (a bias gradient). */
    void columnSums(Tensor m, double beta, Tensor out);

    // ---- element-wise ----

    /** y = f(x), element by element; y may be x itself. */
    void activate(Activation f, Tensor x, Tensor y);

    /** dx = dy ⊙ f'(x), with f' taken from the forward output y; dx may be dy itself. */
    void activateBackward(Activation f, Tensor y, Tensor dy, Tensor dx);

    /** y += a · x. */
    void axpy(double a, Tensor x, Tensor y);

    /** x *= a. */
    void scale(Tensor x, double a);

    /** out = a ⊙ b, element by element; out may be a or b. */
    void multiply(Tensor a, Tensor b, Tensor out);

    /**
     * Fills {@code mask} with an inverted-dropout mask drawn as {@link MaskDraws} says: each value
     * 1/keep with probability {@code keep}, else 0, the same on every backend for the same seed. The
     * default fills a float64 copy block by block; fast backends fill their blocks in parallel.
     */
    default void dropoutMask(Tensor mask, double keep, long seed) {
        MaskDraws.checkKeep(keep);
        double[] m = new double[mask.rows() * mask.cols()];
        for (int b = 0; b < MaskDraws.blocks(m.length); b++) {
            MaskDraws.fill(m, b, keep, seed);
        }
        mask.set(m);
    }

    /** dst = src. */
    void copy(Tensor src, Tensor dst);

    /** Σ x², in double precision (for gradient norms). */
    double sumOfSquares(Tensor x);

    /** Clips every element into [−limit, limit]. */
    void clip(Tensor x, double limit);

    /** Whether every element is finite (no NaN, no infinity). */
    boolean allFinite(Tensor x);

    // ---- softmax and loss ----

    /**
     * Row-wise log-softmax cross-entropy against target columns, numerically stable (the row
     * maximum is subtracted before exponentiating).
     *
     * @param logits     [rows, classes] unnormalised scores
     * @param targets    the correct class of every row
     * @param gradient   if not null, receives d(loss)/d(logits) = softmax − one-hot (not divided
     *                   by the number of rows); may be {@code logits} itself
     * @param rowLnProbs if not null, receives ln p(target) of every row
     * @return the summed loss, −Σ ln p(target), in nats
     */
    double crossEntropy(Tensor logits, int[] targets, Tensor gradient, double[] rowLnProbs);

    /**
     * {@link #crossEntropy} whose gradient is scaled: gradient = scale · (softmax − one-hot), for a
     * mean loss (scale 1/rows) without a second pass over a large gradient. The default scales after
     * the fact; fast backends fold the scale into their last pass over each row.
     *
     * @param gradient receives the scaled gradient; may be {@code logits} itself
     * @return the summed loss, −Σ ln p(target), in nats (not scaled)
     */
    default double crossEntropy(Tensor logits, int[] targets, Tensor gradient, double scale) {
        double loss = crossEntropy(logits, targets, gradient, null);
        if (scale != 1) {
            scale(gradient, scale);
        }
        return loss;
    }

    /** out = row-wise log-softmax of {@code logits}; out may be logits itself. */
    void logSoftmax(Tensor logits, Tensor out);

    // ---- embeddings ----

    /**
     * Copies row {@code ids[i]} of {@code table} into row i of {@code out}, at columns
     * [offset, offset + table.cols()): the lookup of a window of embeddings, concatenated.
     */
    void gather(Tensor table, int[] ids, Tensor out, int offset);

    /**
     * Adds columns [offset, offset + table.cols()) of row i of {@code gradient} into row
     * {@code ids[i]} of {@code table}: the backward pass of {@link #gather}. Repeated ids accumulate.
     */
    void scatterAdd(Tensor gradient, int offset, int[] ids, Tensor table);

    // ---- column blocks (concatenation) ----

    /**
     * Copies {@code src} [rows, w] into columns [offset, offset + w) of {@code dst} [rows, ≥ w]:
     * concatenation along the feature axis. The default goes through Java arrays; fast backends
     * override it.
     */
    default void copyColumns(Tensor src, Tensor dst, int offset) {
        if (src.rows() != dst.rows() || offset < 0 || offset + src.cols() > dst.cols()) {
            throw new IllegalArgumentException("a " + src.rows() + " x " + src.cols() + " block does not fit a "
                    + dst.rows() + " x " + dst.cols() + " tensor at column " + offset);
        }
        double[] s = src.toDoubleArray();
        double[] d = dst.toDoubleArray();
        for (int i = 0; i < src.rows(); i++) {
            System.arraycopy(s, i * src.cols(), d, i * dst.cols() + offset, src.cols());
        }
        dst.set(d);
    }

    /**
     * Adds columns [offset, offset + dst.cols()) of {@code src} into {@code dst}: the backward pass
     * of {@link #copyColumns}. The default goes through Java arrays; fast backends override it.
     */
    default void addColumns(Tensor src, int offset, Tensor dst) {
        if (src.rows() != dst.rows() || offset < 0 || offset + dst.cols() > src.cols()) {
            throw new IllegalArgumentException("columns [" + offset + ", " + (offset + dst.cols()) + ") of a "
                    + src.rows() + " x " + src.cols() + " tensor do not fit a " + dst.rows() + " x " + dst.cols()
                    + " tensor");
        }
        double[] s = src.toDoubleArray();
        double[] d = dst.toDoubleArray();
        for (int i = 0; i < dst.rows(); i++) {
            for (int j = 0; j < dst.cols(); j++) {
                d[i * dst.cols() + j] += s[i * src.cols() + offset + j];
            }
        }
        dst.set(d);
    }

    // ---- row blocks (time steps of a sequence batch) ----

    /**
     * Copies rows [srcRow, srcRow + rows) of {@code src} into rows [dstRow, dstRow + rows) of
     * {@code dst} (both with the same columns): the time-step slices of a [time·batch, width]
     * tensor. The default goes through Java arrays; fast backends override it.
     */
    default void copyRows(Tensor src, int srcRow, Tensor dst, int dstRow, int rows) {
        TensorChecks.rows(src, srcRow, dst, dstRow, rows);
        double[] s = src.toDoubleArray();
        double[] d = dst.toDoubleArray();
        System.arraycopy(s, srcRow * src.cols(), d, dstRow * dst.cols(), rows * src.cols());
        dst.set(d);
    }

    /** Adds rows [srcRow, srcRow + rows) of {@code src} into rows [dstRow, …) of {@code dst}. */
    default void addRows(Tensor src, int srcRow, Tensor dst, int dstRow, int rows) {
        TensorChecks.rows(src, srcRow, dst, dstRow, rows);
        double[] s = src.toDoubleArray();
        double[] d = dst.toDoubleArray();
        int n = rows * src.cols();
        for (int i = 0; i < n; i++) {
            d[dstRow * dst.cols() + i] += s[srcRow * src.cols() + i];
        }
        dst.set(d);
    }

    // ---- Transformer operations (defaults: float64 loops over copies; fast backends override) ----

    /**
     * Layer normalisation of every row (Ba et al. 2016): y = gain ⊙ x̂ + bias with
     * x̂ = (x − mean) / √(variance + epsilon), the mean and (biased) variance taken over the row.
     *
     * @param x          [rows, cols]
     * @param gain       [1, cols]
     * @param bias       [1, cols]
     * @param y          [rows, cols], the output (may be x)
     * @param normalized [rows, cols], receives x̂ for the backward pass
     * @param invStd     [rows, 1], receives 1/√(variance + epsilon) for the backward pass
     */
    default void layerNorm(Tensor x, Tensor gain, Tensor bias, double epsilon, Tensor y, Tensor normalized,
                           Tensor invStd) {
        TransformerDefaults.layerNorm(x, gain, bias, epsilon, y, normalized, invStd);
    }

    /**
     * The backward pass of {@link #layerNorm}: dGain += Σ_rows dy ⊙ x̂, dBias += Σ_rows dy, and
     * dx = invStd · (g − mean(g) − x̂ · mean(g ⊙ x̂)) with g = dy ⊙ gain, means over the row.
     * dx may be dy.
     */
    default void layerNormBackward(Tensor normalized, Tensor invStd, Tensor gain, Tensor dy, Tensor dx,
                                   Tensor dGain, Tensor dBias) {
        TransformerDefaults.layerNormBackward(normalized, invStd, gain, dy, dx, dGain, dBias);
    }

    /**
     * y = GELU(x) element by element, in the tanh approximation of Hendrycks &amp; Gimpel (2016), as
     * GPT-2 uses it: x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³))). y may be x. GELU is not an
     * {@link Activation}: its derivative needs the input, not the output.
     */
    default void gelu(Tensor x, Tensor y) {
        TransformerDefaults.gelu(x, y);
    }

    /** dx = dy ⊙ GELU'(x), the derivative of {@link #gelu}'s approximation; dx may be dy. */
    default void geluBackward(Tensor x, Tensor dy, Tensor dx) {
        TransformerDefaults.geluBackward(x, dy, dx);
    }

    /**
     * Per-head products A·Bᵀ below the causal diagonal, the attention scores of {@code heads} heads
     * over {@code batch} sequences of {@code time} positions at once: a and b are [batch·time,
     * heads·d] (row n·time + t is sequence n at position t; head h owns columns [h·d, (h+1)·d)), and
     * row (n·heads + h)·time + i of scores [batch·heads·time, time] gets
     * alpha · a[n·time + i, head h] · b[n·time + j, head h] at column j ≤ i and 0 beyond.
     */
    default void headScores(int heads, int time, double alpha, Tensor a, Tensor b, Tensor scores) {
        TransformerDefaults.headScores(heads, time, alpha, a, b, scores);
    }

    /**
     * Per-head products of weights and values: with p laid out as {@link #headScores} writes
     * (and 0 above the diagonal), out[n·time + i, head h] = alpha · Σ_j p[(n·heads + h)·time + i, j] ·
     * x[n·time + j, head h]; with {@code transpose}, the products with pᵀ:
     * out[n·time + j, head h] = alpha · Σ_i p[(n·heads + h)·time + i, j] · x[n·time + i, head h].
     * out is overwritten and must not be x.
     */
    default void headMix(int heads, int time, boolean transpose, double alpha, Tensor p, Tensor x, Tensor out) {
        TransformerDefaults.headMix(heads, time, transpose, alpha, p, x, out);
    }

    /**
     * The causal masked softmax of score rows [n·time, time]: row r, query position i = r mod time,
     * becomes the softmax of its columns 0…i (the row maximum subtracted first), and 0 beyond.
     * probs may be scores.
     */
    default void causalSoftmax(int time, Tensor scores, Tensor probs) {
        TransformerDefaults.causalSoftmax(time, scores, probs);
    }

    /**
     * The backward pass of {@link #causalSoftmax}: dScores = probs ⊙ (dProbs − Σ_j probs_j dProbs_j)
     * on columns 0…i of each row, 0 beyond. dScores may be dProbs.
     */
    default void causalSoftmaxBackward(int time, Tensor probs, Tensor dProbs, Tensor dScores) {
        TransformerDefaults.causalSoftmaxBackward(time, probs, dProbs, dScores);
    }

    // ---- optimiser updates (fused, so a step is one pass over each parameter) ----

    /**
     * SGD with optional momentum: v = momentum · v + g; p −= lr · (nesterov ? g + momentum · v : v).
     * With {@code velocity} null (momentum 0): p −= lr · g.
     */
    void sgdUpdate(Tensor p, Tensor g, Tensor velocity, double lr, double momentum, boolean nesterov);

    /** Adagrad: a += g²; p −= lr · g / (√a + eps). */
    void adagradUpdate(Tensor p, Tensor g, Tensor accumulator, double lr, double eps);

    /** RMSProp: s = decay · s + (1 − decay) · g²; p −= lr · g / (√s + eps). */
    void rmspropUpdate(Tensor p, Tensor g, Tensor meanSquare, double lr, double decay, double eps);

    /**
     * Adam (Kingma &amp; Ba 2015) with decoupled weight decay (AdamW, Loshchilov &amp; Hutter 2019;
     * 0 for plain Adam): m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
     * p −= lr · (m/(1−β1^t) / (√(v/(1−β2^t)) + eps) + weightDecay · p).
     *
     * @param step t, the 1-based number of this update
     */
    void adamUpdate(Tensor p, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps,
                    double weightDecay, long step);

    /** Frees whatever the backend holds (thread pools, native workspaces). */
    @Override
    default void close() {
    }
}
