package io.lmkit.transformer.block;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.Workspace;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.param.GradientCheck;
import io.lmkit.neural.param.Parameter;
import io.lmkit.neural.param.ParameterStore;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The backward pass of every Transformer block against central finite differences in float64, the
 * input itself a parameter so that d(loss)/d(input) is checked too: loss = Σ y ⊙ R for a fixed
 * random R, so that d(loss)/dy = R.
 */
class BlocksGradientTest {

    private static final double TOLERANCE = 1e-5;
    private static final int BATCH = 2;
    private static final int TIME = 4;
    private static final int WIDTH = 6;

    private final ComputeBackend backend = new ReferenceBackend();

    /** A block under test: its forward pass to y and its backward pass from dy, adding into dx. */
    private interface Under {
        Tensor forward(Tensor x);

        Tensor backward(Tensor dy);
    }

    private void check(String what, Function<ParameterStore, Under> make) {
        ParameterStore store = new ParameterStore(backend);
        Parameter x = store.uniform("input", BATCH * TIME, WIDTH, 1.0, 3);
        Tensor r = backend.uniform(BATCH * TIME, WIDTH, -1, 1, 4);
        Under block = make.apply(store);
        GradientCheck.Result result = GradientCheck.check(store, () -> {
            store.zeroGradients();
            Tensor y = block.forward(x.value());
            double loss = 0;
            double[] yv = y.toDoubleArray();
            double[] rv = r.toDoubleArray();
            for (int i = 0; i < yv.length; i++) {
                loss += yv[i] * rv[i];
            }
            backend.axpy(1, block.backward(r), x.gradient());
            return loss;
        }, 1e-6, 200, 5);
        assertTrue(result.maxRelativeError() < TOLERANCE, what + ": " + result);
        assertTrue(result.checked() > 40, what + ": checked " + result.checked());
    }

    @Test
    void layerNormWithItsGainAndBias() {
        check("layer norm", store -> {
            LayerNorm norm = new LayerNorm(store, new Workspace(backend), "norm", WIDTH);
            // Away from gain 1 and bias 0, so that their gradients' effect on dx is visible.
            store.get("norm.gain").value().set(backend.uniform(1, WIDTH, 0.5, 1.5, 9).toDoubleArray());
            store.get("norm.bias").value().set(backend.uniform(1, WIDTH, -0.5, 0.5, 10).toDoubleArray());
            LayerNorm.Pass[] pass = new LayerNorm.Pass[1];
            return new Under() {
                public Tensor forward(Tensor x) {
                    pass[0] = norm.forward(x);
                    return pass[0].y();
                }

                public Tensor backward(Tensor dy) {
                    return norm.backward(pass[0], dy);
                }
            };
        });
    }

    @Test
    void causalMultiHeadAttentionWithAndWithoutDropoutOfItsWeights() {
        for (double dropout : new double[] {0, 0.3}) {
            check("attention, dropout " + dropout, store -> {
                CausalSelfAttention a = new CausalSelfAttention(store, new Workspace(backend), "a", WIDTH, 2, 0.6, 11);
                CausalSelfAttention.Pass[] pass = new CausalSelfAttention.Pass[1];
                return new Under() {
                    public Tensor forward(Tensor x) {
                        pass[0] = a.forward(x, TIME, dropout, 17);
                        return pass[0].y();
                    }

                    public Tensor backward(Tensor dy) {
                        return a.backward(pass[0], dy);
                    }
                };
            });
        }
    }

    @Test
    void geluMlp() {
        check("mlp", store -> {
            FeedForward f = new FeedForward(store, new Workspace(backend), "mlp", WIDTH, 10, 0.8, 21);
            FeedForward.Pass[] pass = new FeedForward.Pass[1];
            return new Under() {
                public Tensor forward(Tensor x) {
                    pass[0] = f.forward(x);
                    return pass[0].y();
                }

                public Tensor backward(Tensor dy) {
                    return f.backward(pass[0], dy);
                }
            };
        });
    }

    @Test
    void preLayerNormBlockWithResidualsAndDropout() {
        for (TransformerBlock.Dropouts drop : new TransformerBlock.Dropouts[] {TransformerBlock.Dropouts.NONE,
                new TransformerBlock.Dropouts(0.2, 0.25, 5)}) {
            check("block, " + drop, store -> {
                TransformerBlock b = new TransformerBlock(store, new Workspace(backend), "b", WIDTH, 3, 12, 0.5, 31);
                TransformerBlock.Pass[] pass = new TransformerBlock.Pass[1];
                return new Under() {
                    public Tensor forward(Tensor x) {
                        pass[0] = b.forward(x, TIME, drop);
                        return pass[0].y();
                    }

                    public Tensor backward(Tensor dy) {
                        return b.backward(pass[0], dy);
                    }
                };
            });
        }
    }

    @Test
    void theCausalMaskKeepsEveryPositionBlindToLaterOnes() {
        ParameterStore store = new ParameterStore(backend);
        CausalSelfAttention a = new CausalSelfAttention(store, new Workspace(backend), "a", WIDTH, 2, 0.6, 11);
        double[] x = backend.uniform(TIME, WIDTH, -1, 1, 2).toDoubleArray();
        double[] before = a.forward(backend.of(TIME, WIDTH, x), TIME, 0, 0).y().toDoubleArray();
        x[(TIME - 1) * WIDTH] += 5;                                   // change the last position only
        double[] after = a.forward(backend.of(TIME, WIDTH, x), TIME, 0, 0).y().toDoubleArray();
        for (int i = 0; i < (TIME - 1) * WIDTH; i++) {
            assertTrue(before[i] == after[i], "output " + i + " of an earlier position changed");
        }
        assertTrue(before[(TIME - 1) * WIDTH] != after[(TIME - 1) * WIDTH], "the last position must change");
    }
}
