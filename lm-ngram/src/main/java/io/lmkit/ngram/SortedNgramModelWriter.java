package io.lmkit.ngram;

import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.ngram.internal.TrieOrder;
import io.lmkit.ngram.internal.TrieOrderWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.PrimitiveIterator;

/**
 * Writes the data entries of an n-gram model in the trie layout ({@link NgramLayout#TRIE}, unquantised) from
 * n-grams that arrive sorted, one order after another, without holding them: for models estimated elsewhere
 * (lm-spark streams each order's partitions to the driver in order). The file loads as an {@link NgramModel}
 * and its tables are byte for byte those of {@code model.withLayout(NgramLayout.TRIE)} for the same n-grams.
 *
 * <p>Trie order is lexicographic order of the n-grams' word ids, first word first: the rank of an n-gram in it
 * is its id in the trie, and the children of each context of order k−1 are one range of order k.
 */
public final class SortedNgramModelWriter {

    /** One n-gram of order k ≥ 2 as the trie stores it: its last word, log10 probability and log10 backoff. */
    public record Ngram(int word, float log10Prob, double log10Backoff) {
    }

    /**
     * One order's values gathered as its n-grams were made, in any order, so that writing it reads its n-grams
     * once, not twice (the packing depends on every value): each n-gram's probability, and the backoff of each
     * that has one (the others' is 0).
     */
    public static final class OrderValues {
        private final TrieOrderWriter.Columns columns;
        private final boolean withBackoff;
        private long probs;
        private long backoffs;

        /** No values yet, of an order below the highest ({@code withBackoff}) or the highest. */
        public OrderValues(boolean withBackoff) {
            this.columns = new TrieOrderWriter.Columns(withBackoff);
            this.withBackoff = withBackoff;
        }

        /** Adds an n-gram's log10 probability. */
        public void prob(float log10Prob) {
            columns.addProb(log10Prob);
            probs++;
        }

        /** Adds the log10 backoff of an n-gram that has one. */
        public void backoff(double log10Backoff) {
            columns.addBackoff(log10Backoff);
            backoffs++;
        }

        /** The columns of an order of {@code size} n-grams: its n-grams without a backoff have 0. */
        TrieOrderWriter.Columns columns(int k, long size) {
            if (probs != size || backoffs > size) {
                throw new IllegalStateException("order " + k + " gathered " + probs + " probabilities and " + backoffs
                        + " backoffs for " + size + " n-grams");
            }
            if (withBackoff && backoffs < size) {
                columns.addBackoff(0.0);
            }
            return columns;
        }
    }

    /** The n-grams of every order ≥ 2, each readable in trie order (each order may be read more than once). */
    public interface SortedOrders {

        /**
         * Order {@code k}'s values, gathered as they were made, or null (the default) to gather them from a first
         * read of {@link #ngrams(int)}.
         */
        default OrderValues values(int k) {
            return null;
        }

        /** How many n-grams order {@code k} has. */
        long size(int k);

        /**
         * The n-grams of order {@code k} in trie order (read twice, the packing depending on every value, unless
         * {@link #values(int)} gives them).
         */
        Iterator<Ngram> ngrams(int k);

        /**
         * For each context of order k−1 in trie order (each word id for k = 2), how many n-grams of order
         * {@code k} extend it.
         */
        PrimitiveIterator.OfLong followerCounts(int k);
    }

    private SortedNgramModelWriter() {
    }

    /**
     * Writes the model's data entries into {@code sink} (for {@code io.lmkit.core.io.ModelFile.save}): a normalised
     * model ({@link ScoreKind#PROBABILITY}) or stupid-backoff scores, suffix-closed as estimators make them.
     *
     * @param kind                what the numbers are
     * @param missingContextLog10 what scoring adds for a context level never seen (0; log10 α for stupid backoff)
     * @param unigramLog10Prob    every word's log10 probability ({@code -Infinity} for {@code <s>})
     * @param unigramLog10Backoff every word's log10 backoff
     */
    public static void writeData(ModelDataSink sink, int order, ScoreKind kind, float missingContextLog10,
                                 double[] unigramLog10Prob, double[] unigramLog10Backoff, SortedOrders orders)
            throws IOException {
        writeData(sink, order, kind, missingContextLog10, unigramLog10Prob, unigramLog10Backoff, orders, 1);
    }

    /**
     * As {@link #writeData(ModelDataSink, int, ScoreKind, float, double[], double[], SortedOrders)}, with the
     * orders' tables written on up to {@code threads} threads at once, the largest first: for a sink that takes
     * entries opened concurrently (a folder of files does, a zip stream does not), and orders that can be read
     * concurrently. Each order is written as on one thread, so the entries are the same bytes.
     */
    public static void writeData(ModelDataSink sink, int order, ScoreKind kind, float missingContextLog10,
                                 double[] unigramLog10Prob, double[] unigramLog10Backoff, SortedOrders orders,
                                 int threads) throws IOException {
        NgramOrder.check(order);
        int vocabularySize = unigramLog10Prob.length;
        long[] sizes = new long[order + 1];
        for (int k = 2; k <= order; k++) {
            sizes[k] = orders.size(k);
        }
        String layout = order < 2 ? NgramLayout.PROBING.name() : TrieOrder.LAYOUT;
        NgramModelFiles.writeHeader(sink, order, kind, missingContextLog10, true, false, vocabularySize, layout,
                sizes);
        NgramModelFiles.writeUnigrams(sink, unigramLog10Prob, unigramLog10Backoff);
        if (threads <= 1 || order <= 2) {
            for (int k = 2; k <= order; k++) {
                writeTable(sink, k, order, vocabularySize, sizes, orders);
            }
            return;
        }
        java.util.List<Integer> bySize = new java.util.ArrayList<>();
        for (int k = 2; k <= order; k++) {
            bySize.add(k);
        }
        bySize.sort((a, b) -> Long.compare(sizes[b], sizes[a]));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(threads, order - 1), task -> {
                    Thread t = new Thread(task, "lmkit-trie-writer");
                    t.setDaemon(true);
                    return t;
                });
        try {
            java.util.List<java.util.concurrent.Future<Void>> written = new java.util.ArrayList<>();
            for (int k : bySize) {
                written.add(pool.submit(() -> {
                    writeTable(sink, k, order, vocabularySize, sizes, orders);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<Void> f : written) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IOException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while writing the model's tables");
                }
            }
        } finally {
            // After a failure the other orders are stopped; their half-written entries go with the caller's folder.
            pool.shutdownNow();
        }
    }

    private static void writeTable(ModelDataSink sink, int k, int order, int vocabularySize, long[] sizes,
                                   SortedOrders orders) throws IOException {
        try (OutputStream o = sink.mappableEntry(NgramModelFiles.tableEntry(k))) {
            OutputStream out = new BufferedOutputStream(o, 1 << 16);
            writeOrder(out, k, order, vocabularySize, sizes, orders);
            out.flush();
        }
    }

    private static void writeOrder(OutputStream out, int k, int order, int vocabularySize, long[] sizes,
                                   SortedOrders orders) throws IOException {
        long parents = k == 2 ? vocabularySize : sizes[k - 1];
        OrderValues gathered = orders.values(k);
        TrieOrderWriter.Columns columns;
        if (gathered != null) {
            columns = gathered.columns(k, sizes[k]);
        } else {
            columns = new TrieOrderWriter.Columns(k < order);
            for (Iterator<Ngram> it = orders.ngrams(k); it.hasNext(); ) {
                Ngram g = it.next();
                columns.add(g.log10Prob(), g.log10Backoff());
            }
        }
        TrieOrderWriter writer = new TrieOrderWriter(out, vocabularySize, sizes[k], parents, columns);
        long written = 0;
        for (Iterator<Ngram> it = orders.ngrams(k); it.hasNext(); written++) {
            Ngram g = it.next();
            writer.record(g.word(), g.log10Prob(), g.log10Backoff());
        }
        if (written != sizes[k]) {
            throw new IllegalStateException("order " + k + " announced " + sizes[k] + " n-grams but gave " + written);
        }
        long first = 0;
        long contexts = 0;
        for (PrimitiveIterator.OfLong it = orders.followerCounts(k); it.hasNext(); contexts++) {
            writer.pointer(first);
            first += it.nextLong();
        }
        if (contexts != parents || first != sizes[k]) {
            throw new IllegalStateException("order " + k + ": " + contexts + " contexts with " + first
                    + " followers, expected " + parents + " contexts with " + sizes[k]);
        }
        writer.pointer(first);
        writer.finish();
    }
}
