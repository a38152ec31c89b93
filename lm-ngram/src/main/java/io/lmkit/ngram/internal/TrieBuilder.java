package io.lmkit.ngram.internal;

import io.lmkit.core.model.MappedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
     *                       float64 backoffs
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
        double[] probs = new double[m];
        double[] backoffs = new double[m];
        boolean negative = true;
        for (int i = 0; i < m; i++) {
            float p = src.log10Prob(oldOf[i]);
            probs[i] = p;
            negative &= Float.floatToRawIntBits(p) < 0;
            backoffs[i] = src.log10Backoff(oldOf[i]);
        }
        int flags = 0;
        int pBits = negative ? 31 : 32;
        QuantizationBins pBins = null;
        if (probBits > 0) {
            flags |= TrieOrder.QUANTIZED_PROB;
            pBits = probBits;
            pBins = QuantizationBins.of(probs, probBits, Double.NEGATIVE_INFINITY);
        } else if (negative) {
            flags |= TrieOrder.SIGN_IMPLIED;
        }
        int bBits = withBackoff ? 64 : 0;
        QuantizationBins bBins = null;
        if (withBackoff && backoffBits == 32) {
            bBits = 32;
        } else if (withBackoff && backoffBits > 0) {
            flags |= TrieOrder.QUANTIZED_BACKOFF;
            bBits = backoffBits;
            bBins = QuantizationBins.of(backoffs, backoffBits, 0.0);
        }
        int wordBits = BitPacking.bitsFor(Math.max(1, vocabularySize - 1));
        int pointerBits = BitPacking.bitsFor(m);
        BitPacking.Writer records = new BitPacking.Writer();
        for (int i = 0; i < m; i++) {
            records.write(keys[i] & 0xFFFFFFFFL, wordBits);
            float p = (float) probs[i];
            records.write(pBins != null ? pBins.index(p) : Float.floatToRawIntBits(p) & 0xFFFFFFFFL, pBits);
            if (withBackoff) {
                records.write(bBins != null ? bBins.index(backoffs[i]) : bBits == 32
                        ? Float.floatToRawIntBits((float) backoffs[i]) & 0xFFFFFFFFL
                        : Double.doubleToRawLongBits(backoffs[i]), bBits);
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
        double[] pCentres = pBins == null ? new double[0] : pBins.centres();
        double[] bCentres = bBins == null ? new double[0] : bBins.centres();
        long recordBytes = BitPacking.columnBytes(m, wordBits + pBits + bBits);
        long pointerBytes = BitPacking.columnBytes(parents + 1L, pointerBits);
        ByteBuffer h = ByteBuffer.allocate(TrieOrder.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(TrieOrder.MAGIC).putInt(m).putInt(parents).put((byte) wordBits).put((byte) pBits)
                .put((byte) bBits).put((byte) pointerBits).put((byte) flags).put(new byte[3])
                .putInt(pCentres.length).putInt(bCentres.length).putInt(0)
                .putLong(TrieOrder.HEADER_BYTES).putLong(TrieOrder.HEADER_BYTES + recordBytes)
                .putLong(TrieOrder.HEADER_BYTES + recordBytes + pointerBytes)
                .putLong(TrieOrder.HEADER_BYTES + recordBytes + pointerBytes + 8L * pCentres.length);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(h.array());
            records.writeTo(bytes);
            pointers.writeTo(bytes);
            ByteBuffer centres = ByteBuffer.allocate(8 * (pCentres.length + bCentres.length))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (double c : pCentres) {
                centres.putDouble(c);
            }
            for (double c : bCentres) {
                centres.putDouble(c);
            }
            bytes.write(centres.array());
            return TrieOrder.open(MappedData.of(ByteBuffer.wrap(bytes.toByteArray())), withBackoff);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
