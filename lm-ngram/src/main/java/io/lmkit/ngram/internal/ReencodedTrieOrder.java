package io.lmkit.ngram.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A trie order with its values stored another way (quantised, rounded to float32, or exact): a view of a source
 * {@link TrieOrder} that answers as the re-encoded table would and writes it to a stream without building it in
 * memory. A trie's n-grams are in trie order already, so only the value fields change: words and pointers are
 * the source's. The entry it writes is byte for byte the one {@link TrieBuilder} builds from the same source,
 * which holds every record in the heap; this holds the bin centres and, while they are computed, one column of
 * values (4 bytes an n-gram for probabilities, 8 for backoffs): what lets {@code lmkit ngram convert} quantise
 * a model of billions of n-grams that is mapped, not loaded.
 */
public final class ReencodedTrieOrder implements OrderTable {

    private final TrieOrder source;
    private final int probBits;
    private final int backoffBits;
    private final boolean withBackoff;
    private final ValueCodec prob;
    private final ValueCodec backoff;
    private final QuantizationBins probBins;
    private final QuantizationBins backoffBins;
    private final double[] probCentres;
    private final double[] backoffCentres;
    private final int wordBits;

    /**
     * The view of {@code source} with {@code probBits} (1..16 quantised, 0 exact) and {@code backoffBits}
     * (1..16 quantised, 32 rounded to float32, 0 exact), as {@link TrieBuilder} takes them. Reads the source's
     * values once per quantised or exact column to choose the codecs.
     *
     * @param vocabularySize the number of word ids (the width of a word field)
     * @throws io.lmkit.core.LmkitException when a quantised column's values do not fit the heap, naming what they
     *                                      need and the fix
     */
    public ReencodedTrieOrder(TrieOrder source, int vocabularySize, int probBits, int backoffBits) {
        if (probBits < 0 || probBits > 16 || backoffBits < 0 || backoffBits > 16 && backoffBits != 32) {
            throw new IllegalArgumentException("quantisation takes 1 to 16 bits (0 for none), got " + probBits
                    + " for probabilities and " + backoffBits + " for backoffs");
        }
        this.source = source;
        this.probBits = probBits;
        this.backoffBits = backoffBits;
        this.withBackoff = source.hasBackoffs();
        this.wordBits = BitPacking.bitsFor(Math.max(1, vocabularySize - 1));
        int n = source.size();
        if (probBits > 0) {
            requireHeap(4L * n, "probabilities");
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = source.log10Prob(i);
            }
            Arrays.sort(values);
            probBins = QuantizationBins.ofSorted(QuantizationBins.Sorted.of(values), probBits,
                    Double.NEGATIVE_INFINITY);
            probCentres = probBins.centres();
            long[] patterns = new long[probCentres.length];
            for (int c = 0; c < probCentres.length; c++) {
                patterns[c] = Float.floatToRawIntBits((float) probCentres[c]) & 0xFFFFFFFFL;
            }
            prob = ValueCodec.bins(patterns, probBits);
        } else {
            probBins = null;
            probCentres = null;
            ValueCodec.Shape shape = new ValueCodec.Shape(32);
            for (int i = 0; i < n; i++) {
                shape.add(Float.floatToRawIntBits(source.log10Prob(i)) & 0xFFFFFFFFL);
            }
            prob = shape.codec();
        }
        if (!withBackoff) {
            backoffBins = null;
            backoffCentres = null;
            backoff = ValueCodec.NONE;
        } else if (backoffBits > 0 && backoffBits <= 16) {
            requireHeap(8L * n, "backoffs");
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = source.log10Backoff(i);
            }
            Arrays.sort(values);
            backoffBins = QuantizationBins.ofSorted(QuantizationBins.Sorted.of(values), backoffBits, 0.0);
            backoffCentres = backoffBins.centres();
            long[] patterns = new long[backoffCentres.length];
            for (int c = 0; c < backoffCentres.length; c++) {
                patterns[c] = Double.doubleToRawLongBits(backoffCentres[c]);
            }
            backoff = ValueCodec.bins(patterns, backoffBits);
        } else {
            backoffBins = null;
            backoffCentres = null;
            ValueCodec.Shape shape = new ValueCodec.Shape(64);
            for (int i = 0; i < n; i++) {
                shape.add(Double.doubleToRawLongBits(storedBackoff(i)));
            }
            backoff = shape.codec();
        }
    }

    private static void requireHeap(long bytes, String what) {
        Runtime r = Runtime.getRuntime();
        long free = r.maxMemory() - (r.totalMemory() - r.freeMemory());
        if (bytes > free) {
            throw new io.lmkit.core.LmkitException("quantising this order's " + what + " sorts them in the heap: "
                    + io.lmkit.core.MemoryBudget.format(bytes) + ", and about " + io.lmkit.core.MemoryBudget.format(free)
                    + " is free; give the JVM more heap (e.g. LMKIT_JAVA_OPTS=-Xmx"
                    + ((r.maxMemory() + bytes - free) * 5 / 4 / (1L << 30) + 1) + "g) or keep this column exact");
        }
    }

    /** The backoff as the re-encoded table stores it exactly: rounded to float32 when asked. */
    private double storedBackoff(int id) {
        double b = source.log10Backoff(id);
        return backoffBits == 32 ? (float) b : b;
    }

    @Override
    public int find(int contextId, int word) {
        return source.find(contextId, word);
    }

    @Override
    public float log10Prob(int id) {
        return probBins == null ? source.log10Prob(id) : (float) probCentres[probBins.index(source.log10Prob(id))];
    }

    @Override
    public double log10Backoff(int id) {
        if (!withBackoff) {
            return 0;
        }
        return backoffBins == null ? storedBackoff(id) : backoffCentres[backoffBins.index(source.log10Backoff(id))];
    }

    @Override
    public int contextId(int id) {
        return source.contextId(id);
    }

    @Override
    public int word(int id) {
        return source.word(id);
    }

    @Override
    public boolean occupied(int id) {
        return source.occupied(id);
    }

    @Override
    public int idLimit() {
        return source.idLimit();
    }

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public boolean hasBackoffs() {
        return withBackoff;
    }

    @Override
    public long bytes() {
        int backoffPatterns = withBackoff ? backoff.patterns().length : 0;
        return TrieHeader.BYTES + BitPacking.columnBytes(size(), wordBits + prob.width() + backoff.width())
                + BitPacking.columnBytes(source.parents() + 1L, BitPacking.bitsFor(size()))
                + 8L * (prob.patterns().length + backoffPatterns);
    }

    @Override
    public String layout() {
        return TrieOrder.LAYOUT;
    }

    /** Bits of a quantised probability, 0 when probabilities are exact. */
    public int quantizedProbBits() {
        return probBits;
    }

    /** Bits of a quantised backoff, 32 when backoffs are rounded to float32, 0 when they are exact. */
    public int quantizedBackoffBits() {
        return withBackoff ? backoffBits : 0;
    }

    @Override
    public void writeMappable(OutputStream out) throws IOException {
        int flags = (probBins != null ? TrieHeader.QUANTIZED_PROB : 0)
                | (backoffBins != null ? TrieHeader.QUANTIZED_BACKOFF : 0)
                | (withBackoff && backoffBits == 32 ? TrieHeader.FLOAT32_BACKOFF : 0);
        int n = size();
        int parents = source.parents();
        int pointerBits = BitPacking.bitsFor(n); // as TrieBuilder sizes them (an old TRI1 table may differ)
        out.write(TrieHeader.write(n, parents, wordBits, pointerBits, flags, prob, backoff,
                withBackoff ? backoff.patterns().length : 0));
        BitPacking.StreamWriter records = new BitPacking.StreamWriter(out);
        for (int i = 0; i < n; i++) {
            records.write(source.word(i) & 0xFFFFFFFFL, wordBits);
            float p = source.log10Prob(i);
            records.write(probBins != null ? probBins.index(p) : prob.encode(Float.floatToRawIntBits(p) & 0xFFFFFFFFL),
                    prob.width());
            if (withBackoff) {
                records.write(backoffBins != null ? backoffBins.index(source.log10Backoff(i))
                        : backoff.encode(Double.doubleToRawLongBits(storedBackoff(i))), backoff.width());
            }
        }
        records.finish();
        BitPacking.StreamWriter pointers = new BitPacking.StreamWriter(out);
        for (int c = 0; c <= parents; c++) {
            pointers.write(source.firstChild(c), pointerBits);
        }
        pointers.finish();
        TrieHeader.writePatterns(out, prob, backoff, withBackoff);
    }

    @Override
    public String toString() {
        return "ReencodedTrieOrder[" + source + ", probabilities " + probBits + " bits, backoffs " + backoffBits
                + " bits]";
    }
}
