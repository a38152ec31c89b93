package io.lmkit.transformer.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.param.GradientCheck;
import io.lmkit.transformer.block.Positions;
import org.junit.jupiter.api.Test;

/**
 * The whole network's backward pass against central finite differences in float64: token embedding
 * and positions, two blocks, the final norm and the softmax, tied or not, learned or sinusoidal
 * positions, with dropout on the embeddings, the residual branches and the attention weights, over
 * a batch of two windows with padding and unscored (carried) positions.
 */
class NetworkGradientTest {

    private static final int VOCABULARY = 7;
    private static final int BOS = 1;
    private final TransformerNetwork.Batch batch = new TransformerNetwork.Batch(
            new int[] {1, 4, 2, 6, 0, 1, 3, 3, 5, 0}, 2, 5, new int[] {4, 2, 6, 0, 2, -1, -1, 5, 0, -1});

    private void check(TransformerConfig config, String what) {
        TransformerNetwork net = new TransformerNetwork(new ReferenceBackend(), VOCABULARY, BOS, config, 3);
        GradientCheck.Result r = GradientCheck.check(net.parameters(), () -> {
            net.parameters().zeroGradients();
            return net.backward(net.forward(batch, config.dropout(), config.attentionDropout(), 9));
        }, 1e-6, 40, 5);
        assertTrue(r.maxRelativeError() < 1e-5, what + ": " + r);
        assertTrue(r.checked() > 300, what + ": checked " + r.checked());
    }

    private static TransformerConfig.Builder small() {
        return TransformerConfig.builder().layers(2).heads(2).model(6).feedForward(10).context(5).initScale(0.5)
                .backend("reference").threads(1);
    }

    @Test
    void tiedWithLearnedPositionsAndEveryDropout() {
        check(small().tieWeights(true).positions(Positions.LEARNED).dropout(0.2).attentionDropout(0.3).build(),
                "tied, learned, dropout");
    }

    @Test
    void untiedWithSinusoidalPositionsWithoutDropout() {
        check(small().tieWeights(false).positions(Positions.SINUSOIDAL).dropout(0).attentionDropout(0).build(),
                "untied, sinusoidal");
    }
}
