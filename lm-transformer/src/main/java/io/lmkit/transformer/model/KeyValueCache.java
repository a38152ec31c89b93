package io.lmkit.transformer.model;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.transformer.block.CausalSelfAttention;
import io.lmkit.transformer.block.TransformerBlock;
import java.util.Arrays;

/**
 * Reads one more word into a {@link TransformerState}: the new position's query, key and value in
 * every layer, its attention over the cached keys and values, the MLP and the final norm, O(context ·
 * width + width²) per layer instead of a pass over the whole prefix. The linear maps and norms run on
 * the backend over one row; attention over the cache runs in float64 (on the reference backend the
 * same operations in the same order as a batched pass, so the numbers agree to rounding).
 *
 * <p>When the window is full (context positions), it slides by {@link Windows#hop}: the state after
 * the word is rebuilt by one batched pass over the window's last context − hop positions and the
 * word, which is what batched scoring reads at that position too (see {@link Windows}). That pass
 * costs O(context²) once every hop words, O(context) per word on average.
 */
final class KeyValueCache {

    private final TransformerNetwork network;
    private final ComputeBackend backend;
    private final int context;
    private final int width;

    KeyValueCache(TransformerNetwork network) {
        this.network = network;
        this.backend = network.backend();
        this.context = network.config().context();
        this.width = network.config().model();
    }

    /** The state after reading {@code window} from position 0, by one batched pass. */
    TransformerState read(int[] window) {
        int n = window.length;
        int[] targets = new int[n];
        Arrays.fill(targets, -1);
        TransformerNetwork.Pass p = network.forward(new TransformerNetwork.Batch(window, 1, n, targets), 0, 0, 0);
        TransformerBlock[] blocks = network.blocks();
        TransformerState.Storage storage = new TransformerState.Storage(blocks.length, context, width);
        for (int l = 0; l < blocks.length; l++) {
            System.arraycopy(p.blocks.get(l).attention().k().toDoubleArray(), 0, storage.keys[l], 0, n * width);
            System.arraycopy(p.blocks.get(l).attention().v().toDoubleArray(), 0, storage.values[l], 0, n * width);
        }
        storage.used = n;
        double[] last = Arrays.copyOfRange(p.last.y().toDoubleArray(), (n - 1) * width, n * width);
        return new TransformerState(window.clone(), storage, last);
    }

    /** The state after {@code word} follows {@code s}. */
    TransformerState append(TransformerState s, int word) {
        int n = s.length();
        int[] window;
        if (n == context) {
            int keep = context - Windows.hop(context);
            window = Arrays.copyOfRange(s.window, n - keep, n + 1);
            window[keep] = word;
            return read(window);
        }
        window = Arrays.copyOf(s.window, n + 1);
        window[n] = word;
        TransformerState.Storage storage = s.storage;
        if (storage.used != n) {
            storage = branch(s);
        }
        storage.used = n + 1;
        Tensor x = network.input(word, n);
        TransformerBlock[] blocks = network.blocks();
        for (int l = 0; l < blocks.length; l++) {
            x = step(blocks[l], x, storage.keys[l], storage.values[l], n);
        }
        double[] top = network.finalNorm().forward(x).y().toDoubleArray();
        return new TransformerState(window, storage, top);
    }

    /** A copy of the n rows of s's storage, for a second word after the same state. */
    private TransformerState.Storage branch(TransformerState s) {
        int n = s.length();
        TransformerState.Storage copy = new TransformerState.Storage(s.storage.keys.length, context, width);
        for (int l = 0; l < copy.keys.length; l++) {
            System.arraycopy(s.storage.keys[l], 0, copy.keys[l], 0, n * width);
            System.arraycopy(s.storage.values[l], 0, copy.values[l], 0, n * width);
        }
        return copy;
    }

    /** One block at position n, its key and value written into row n of the caches. */
    private Tensor step(TransformerBlock block, Tensor x, double[] keys, double[] values, int n) {
        CausalSelfAttention a = block.attention();
        Tensor in = block.norm1().forward(x).y();
        Tensor q = backend.zeros(1, width);
        Tensor k = backend.zeros(1, width);
        Tensor v = backend.zeros(1, width);
        a.query().forward(in, q, false);
        a.key().forward(in, k, false);
        a.value().forward(in, v, false);
        System.arraycopy(k.toDoubleArray(), 0, keys, n * width, width);
        System.arraycopy(v.toDoubleArray(), 0, values, n * width, width);
        double[] mixed = attend(q.toDoubleArray(), keys, values, n, a.heads(), a.scoreScale());
        Tensor y = backend.zeros(1, width);
        a.output().forward(backend.of(1, width, mixed), y, false);
        Tensor h = backend.zeros(1, width);
        backend.copy(y, h);
        backend.axpy(1, x, h);
        Tensor m = block.mlp().forward(block.norm2().forward(h).y()).y();
        Tensor out = backend.zeros(1, width);
        backend.copy(m, out);
        backend.axpy(1, h, out);
        return out;
    }

    /** Every head's softmax(q·kᵀ·scale)·v over positions 0 … n, side by side. */
    private double[] attend(double[] q, double[] keys, double[] values, int n, int heads, double scale) {
        int dh = width / heads;
        double[] out = new double[width];
        double[] w = new double[n + 1];
        for (int h = 0; h < heads; h++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= n; j++) {
                double sum = 0;
                for (int d = 0; d < dh; d++) {
                    sum += q[h * dh + d] * keys[j * width + h * dh + d];
                }
                w[j] = scale * sum;
                max = Math.max(max, w[j]);
            }
            double total = 0;
            for (int j = 0; j <= n; j++) {
                w[j] = Math.exp(w[j] - max);
                total += w[j];
            }
            for (int j = 0; j <= n; j++) {
                double p = w[j] / total;
                for (int d = 0; d < dh; d++) {
                    out[h * dh + d] += p * values[j * width + h * dh + d];
                }
            }
        }
        return out;
    }
}
