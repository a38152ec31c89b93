package io.lmkit.ngram.internal;

import io.lmkit.core.model.MappedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Builds the {@link TrieOrder}s of a model from its tables in any layout: order by order, the n-grams'
 * keys (context id in the new trie, word) are sorted, and each n-gram's values are looked up in the
 * source by its old context id.
 */
public final class TrieBuilder {

    private final int vocabularySize;
    private final int probBits;
    private final int backoffBits;

    /**
     * A builder.
     *
     * @param vocabularySize the number of word ids
     * @param probBits       bits of a quantised probability (1..16), 0 to keep float32 probabilities
     * @param backoffBits    bits of a quantised backoff (1..16), 32 to round backoffs to float32, 0 to keep
     *                       backoffs exact (as many mantissa bits as they have)
     */
    public TrieBuilder(int vocabularySize, int probBits, int backoffBits) {
        if (probBits < 0 || probBits > 16 || backoffBits < 0 || backoffBits > 16 && backoffBits != 32) {
            throw new IllegalArgumentException("quantisation takes 1 to 16 bits (0 for none), got " + probBits
                    + " for probabilities and " + backoffBits + " for backoffs");
        }
        this.vocabularySize = vocabularySize;
        this.probBits = probBits;
        this.backoffBits = backoffBits;
    }

    /** The trie orders of {@code source} (index k for order k ≥ 2; entries 0 and 1 stay null). */
    public OrderTable[] build(OrderTable[] source) {
        int order = source.length - 1;
        OrderTable[] out = new OrderTable[source.length];
        int[] oldOfParent = null; // new id of order k-1 -> source id; null for words
        for (int k = 2; k <= order; k++) {
            OrderTable src = source[k];
            int[] newOfParent = k == 2 ? null : inverse(oldOfParent, source[k - 1].idLimit());
            long[] keys = new long[src.size()];
            int m = 0;
            for (int id = 0; id < src.idLimit(); id++) {
                if (src.occupied(id)) {
                    int c = src.contextId(id);
                    long ctx = newOfParent == null ? c : newOfParent[c];
                    keys[m++] = ctx << 32 | (src.word(id) & 0xFFFFFFFFL);
                }
            }
            Arrays.sort(keys, 0, m);
            int[] oldOf = new int[m];
            for (int i = 0; i < m; i++) {
                int ctx = (int) (keys[i] >>> 32);
                oldOf[i] = src.find(oldOfParent == null ? ctx : oldOfParent[ctx], (int) keys[i]);
            }
            int parents = k == 2 ? vocabularySize : source[k - 1].size();
            out[k] = order(src, keys, oldOf, m, parents, k < order);
            oldOfParent = oldOf;
        }
        return out;
    }

    private static int[] inverse(int[] oldOf, int limit) {
        int[] newOf = new int[limit];
        Arrays.fill(newOf, -1);
        for (int i = 0; i < oldOf.length; i++) {
            newOf[oldOf[i]] = i;
        }
        return newOf;
    }

    private OrderTable order(OrderTable src, long[] keys, int[] oldOf, int m, int parents, boolean withBackoff) {
        float[] probs = new float[m];
        double[] backoffs = new double[m];
        for (int i = 0; i < m; i++) {
            probs[i] = src.log10Prob(oldOf[i]);
            backoffs[i] = withBackoff ? src.log10Backoff(oldOf[i]) : 0;
        }
        int flags = 0;
        ValueCodec prob;
        QuantizationBins pBins = null;
        if (probBits > 0) {
            flags |= TrieHeader.QUANTIZED_PROB;
            double[] values = new double[m];
            for (int i = 0; i < m; i++) {
                values[i] = probs[i];
            }
            pBins = QuantizationBins.of(values, probBits, Double.NEGATIVE_INFINITY);
            double[] centres = pBins.centres();
            long[] patterns = new long[centres.length];
            for (int c = 0; c < centres.length; c++) {
                patterns[c] = Float.floatToRawIntBits((float) centres[c]) & 0xFFFFFFFFL;
            }
            prob = ValueCodec.bins(patterns, probBits);
        } else {
            long[] raw = new long[m];
            for (int i = 0; i < m; i++) {
                raw[i] = Float.floatToRawIntBits(probs[i]) & 0xFFFFFFFFL;
            }
            prob = ValueCodec.exact(raw, 32);
        }
        ValueCodec backoff = ValueCodec.NONE;
        QuantizationBins bBins = null;
        if (withBackoff && backoffBits > 0 && backoffBits <= 16) {
            flags |= TrieHeader.QUANTIZED_BACKOFF;
            bBins = QuantizationBins.of(backoffs, backoffBits, 0.0);
            double[] centres = bBins.centres();
            long[] patterns = new long[centres.length];
            for (int c = 0; c < centres.length; c++) {
                patterns[c] = Double.doubleToRawLongBits(centres[c]);
            }
            backoff = ValueCodec.bins(patterns, backoffBits);
        } else if (withBackoff) {
            if (backoffBits == 32) {
                flags |= TrieHeader.FLOAT32_BACKOFF;
                for (int i = 0; i < m; i++) {
                    backoffs[i] = (float) backoffs[i];
                }
            }
            long[] raw = new long[m];
            for (int i = 0; i < m; i++) {
                raw[i] = Double.doubleToRawLongBits(backoffs[i]);
            }
            backoff = ValueCodec.exact(raw, 64);
        }
        int wordBits = BitPacking.bitsFor(Math.max(1, vocabularySize - 1));
        int pointerBits = BitPacking.bitsFor(m);
        BitPacking.Writer records = new BitPacking.Writer();
        for (int i = 0; i < m; i++) {
            records.write(keys[i] & 0xFFFFFFFFL, wordBits);
            records.write(pBins != null ? pBins.index(probs[i])
                    : prob.encode(Float.floatToRawIntBits(probs[i]) & 0xFFFFFFFFL), prob.width());
            if (withBackoff) {
                records.write(bBins != null ? bBins.index(backoffs[i])
                        : backoff.encode(Double.doubleToRawLongBits(backoffs[i])), backoff.width());
            }
        }
        BitPacking.Writer pointers = new BitPacking.Writer();
        int i = 0;
        for (int c = 0; c <= parents; c++) {
            while (i < m && (int) (keys[i] >>> 32) < c) {
                i++;
            }
            pointers.write(i, pointerBits);
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(TrieHeader.write(m, parents, wordBits, pointerBits, flags, prob, backoff,
                    withBackoff ? backoff.patterns().length : 0));
            records.writeTo(bytes);
            pointers.writeTo(bytes);
            TrieHeader.writePatterns(bytes, prob, backoff, withBackoff);
            return TrieOrder.open(MappedData.of(ByteBuffer.wrap(bytes.toByteArray())), withBackoff);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
