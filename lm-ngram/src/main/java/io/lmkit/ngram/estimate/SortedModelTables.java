package io.lmkit.ngram.estimate;

import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.ngram.SortedNgramModelWriter;
import io.lmkit.ngram.spill.Payload;
import io.lmkit.ngram.spill.RecordOrder;
import io.lmkit.ngram.spill.RecordSource;
import io.lmkit.ngram.spill.RunFile;
import io.lmkit.ngram.spill.SpillFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * The model's tables as the passes of {@link SortedProbabilities} give them, written as trie-layout model data
 * ({@link SortedNgramModelWriter}) without holding the n-grams in the heap: each order's probabilities and, one
 * pass later, its backoffs go to runs as they come, both in trie order already (lexicographic by word id, first
 * word first); the writer then reads each order's two runs side by side. The data equal those of the in-memory
 * estimator's model converted to the trie layout, byte for byte.
 */
final class SortedModelTables implements SortedProbabilities.Sink {

    private final SortedCounts counts;
    private final SpillFolder folder;
    private final int order;
    private final double[] unigramLog10Prob;
    private final double[] unigramLog10Backoff;
    /** How many stored bigrams extend each word: the trie's pointers of order 2. */
    private final int[] unigramFollowers;
    // Index k: order k's n-grams (ids, float32 log10 p bits) and contexts (ids, float64 log10 backoff as two
    // ints), each in trie order, as the sink gets them.
    private final RunFile.Writer[] probs;
    private final RunFile.Writer[] backoffs;
    // The same runs once finished: order k's n-grams when order k is done, its backoffs when order k+1 is.
    private final RunFile[] probRuns;
    private final RunFile[] backoffRuns;
    /**
     * Index k: order k's values as the sink got them, so that writing the order reads its runs once; null for an
     * order whose n-grams came before a checkpoint this estimation went on from (they are read for it then).
     */
    private final SortedNgramModelWriter.OrderValues[] values;
    private final int[] record;

    SortedModelTables(SortedCounts counts, SpillFolder folder) {
        this.counts = counts;
        this.folder = folder;
        this.order = counts.order();
        int v = counts.vocabulary().size();
        this.unigramLog10Prob = new double[v];
        this.unigramLog10Backoff = new double[v];
        this.unigramFollowers = new int[v];
        this.probs = new RunFile.Writer[order + 1];
        this.backoffs = new RunFile.Writer[order + 1];
        this.probRuns = new RunFile[order + 1];
        this.backoffRuns = new RunFile[order + 1];
        this.values = new SortedNgramModelWriter.OrderValues[order + 1];
        this.record = new int[order + 2];
    }

    /**
     * Order {@code k}'s n-grams, and the backoffs of order k−1, are all given: their runs are finished, so that a
     * checkpoint can name them.
     */
    void orderDone(int k) {
        if (k >= 2 && probRuns[k] == null) {
            probRuns[k] = probs[k] == null ? RunFile.writer(folder, "table-p-" + k, k + 1, k).finish()
                    : probs[k].finish();
            probs[k] = null;
        }
        if (k - 1 >= 2 && backoffRuns[k - 1] == null && backoffs[k - 1] != null) {
            backoffRuns[k - 1] = backoffs[k - 1].finish();
            backoffs[k - 1] = null;
        }
    }

    /** The runs {@link #writeTo} names, once orders 1..{@code ordersDone} are done. */
    java.util.List<RunFile> runs(int ordersDone) {
        java.util.List<RunFile> runs = new java.util.ArrayList<>();
        for (int k = 2; k <= ordersDone; k++) {
            runs.add(probRuns[k]);
            if (k < ordersDone && backoffRuns[k] != null) {
                runs.add(backoffRuns[k]);
            }
        }
        return runs;
    }

    /** Writes what {@link #readFrom} needs to go on after orders 1..{@code ordersDone}. */
    void writeTo(java.io.DataOutputStream out, int ordersDone) throws IOException {
        for (double x : unigramLog10Prob) {
            out.writeDouble(x);
        }
        for (double x : unigramLog10Backoff) {
            out.writeDouble(x);
        }
        for (int x : unigramFollowers) {
            out.writeInt(x);
        }
        for (int k = 2; k <= ordersDone; k++) {
            probRuns[k].writeTo(out);
            boolean hasBackoffs = k < ordersDone && backoffRuns[k] != null;
            out.writeBoolean(hasBackoffs);
            if (hasBackoffs) {
                backoffRuns[k].writeTo(out);
            }
        }
    }

    /** The tables a checkpoint kept after orders 1..{@code ordersDone} ({@link #writeTo}). */
    static SortedModelTables readFrom(java.io.DataInputStream in, SortedCounts counts, SpillFolder folder,
                                      int ordersDone) throws IOException {
        SortedModelTables t = new SortedModelTables(counts, folder);
        for (int i = 0; i < t.unigramLog10Prob.length; i++) {
            t.unigramLog10Prob[i] = in.readDouble();
        }
        for (int i = 0; i < t.unigramLog10Backoff.length; i++) {
            t.unigramLog10Backoff[i] = in.readDouble();
        }
        for (int i = 0; i < t.unigramFollowers.length; i++) {
            t.unigramFollowers[i] = in.readInt();
        }
        for (int k = 2; k <= ordersDone; k++) {
            t.probRuns[k] = RunFile.readFrom(in, folder);
            if (in.readBoolean()) {
                t.backoffRuns[k] = RunFile.readFrom(in, folder);
            }
        }
        return t;
    }

    @Override
    public void unigram(int word, double p) {
        unigramLog10Prob[word] = Math.min(0.0, Math.log10(p));
    }

    @Override
    public void ngram(int k, int[] ids, float log10p) {
        if (probs[k] == null) {
            probs[k] = RunFile.writer(folder, "table-p-" + k, k + 1, k);
            values[k] = new SortedNgramModelWriter.OrderValues(k < order);
        }
        values[k].prob(log10p);
        System.arraycopy(ids, 0, record, 0, k);
        record[k] = Float.floatToRawIntBits(log10p);
        probs[k].add(record, 0);
    }

    @Override
    public void backoff(int k, int[] ids, double log10Backoff, int followers) {
        if (k == 1) {
            unigramLog10Backoff[ids[0]] = log10Backoff;
            unigramFollowers[ids[0]] = followers;
            return;
        }
        if (backoffs[k] == null) {
            backoffs[k] = RunFile.writer(folder, "table-b-" + k, k + 2, k);
        }
        if (values[k] != null) {
            values[k].backoff(log10Backoff);
        }
        System.arraycopy(ids, 0, record, 0, k);
        Payload.putDouble(record, k, log10Backoff);
        backoffs[k].add(record, followers); // the count: how many n-grams of order k+1 extend the context
    }

    /**
     * Writes the model's data entries into {@code sink}, a folder of files (two orders are written at once), once
     * every pass has given its numbers.
     */
    void write(ModelDataSink sink) throws IOException {
        for (int k = 2; k <= order; k++) {
            orderDone(k); // finishes what is still being written (nothing when the estimation told each order)
        }
        // Two orders at a time: each is read from its own runs into its own file of the folder.
        SortedNgramModelWriter.writeData(sink, order, ScoreKind.PROBABILITY, 0f, unigramLog10Prob,
                unigramLog10Backoff, new Orders(probRuns, backoffRuns, unigramFollowers, values), 2);
        for (int k = 2; k <= order; k++) {
            probRuns[k].delete();
            if (backoffRuns[k] != null) {
                backoffRuns[k].delete();
            }
        }
    }

    /**
     * The sorted tables as {@link SortedNgramModelWriter} reads them, each order as often as it asks: its
     * n-grams joined with their backoffs, and the follower counts of order k from the contexts of order k−1 joined
     * with their backoff records, which count the n-grams that extend them (the n-grams of order k are not read
     * for it).
     */
    private record Orders(RunFile[] tables, RunFile[] backoffs, int[] unigramFollowers,
                          SortedNgramModelWriter.OrderValues[] values) implements SortedNgramModelWriter.SortedOrders {

        @Override
        public SortedNgramModelWriter.OrderValues values(int k) {
            return values[k];
        }

        @Override
        public long size(int k) {
            return tables[k].records();
        }

        /** Order k's n-grams, each joined with its backoff (0 where it is no context) from the backoff run. */
        @Override
        public Iterator<SortedNgramModelWriter.Ngram> ngrams(int k) {
            RecordReader r = new RecordReader(tables[k]);
            RecordReader b = backoffs[k] == null ? null : new RecordReader(backoffs[k]);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    if (!r.hasNext() && b != null && b.hasNext()) {
                        throw new IllegalStateException("a backoff of order " + k + " belongs to no n-gram of that"
                                + " order; the sorted runs are inconsistent");
                    }
                    return r.hasNext();
                }

                @Override
                public SortedNgramModelWriter.Ngram next() {
                    int[] g = r.next();
                    double backoff = 0.0;
                    if (b != null && b.hasNext() && RecordOrder.CONTEXT.compare(b.peek(), 0, g, 0, k) == 0) {
                        backoff = Payload.getDouble(b.next(), k);
                    }
                    return new SortedNgramModelWriter.Ngram(g[k - 1], Float.intBitsToFloat(g[k]), backoff);
                }
            };
        }

        @Override
        public PrimitiveIterator.OfLong followerCounts(int k) {
            if (k == 2) {
                return java.util.Arrays.stream(unigramFollowers).asLongStream().iterator();
            }
            RecordReader parents = new RecordReader(tables[k - 1]);
            RecordReader contexts = backoffs[k - 1] == null ? null : new RecordReader(backoffs[k - 1]);
            long parentCount = tables[k - 1].records();
            return new PrimitiveIterator.OfLong() {
                private long done;

                @Override
                public boolean hasNext() {
                    return done < parentCount;
                }

                @Override
                public long nextLong() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int[] parent = parents.next();
                    long n = 0;
                    if (contexts != null && contexts.hasNext()
                            && RecordOrder.CONTEXT.compare(contexts.peek(), 0, parent, 0, k - 1) == 0) {
                        n = contexts.count();
                        contexts.next();
                    }
                    done++;
                    if (done == parentCount && contexts != null && contexts.hasNext()) {
                        throw new IllegalStateException("a context of order " + (k - 1) + " with followers is no"
                                + " n-gram of that order; the tables are not suffix-closed in trie order");
                    }
                    return n;
                }
            };
        }
    }

    /** Reads a kept run with one record of look-ahead; closes the file at its end. */
    private static final class RecordReader {
        private final RecordSource source;
        private final int[] current;
        private long count;
        private boolean ahead;
        private boolean ended;

        RecordReader(RunFile run) {
            try {
                this.source = run.openKeeping();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a sorted model table: " + e.getMessage(), e);
            }
            this.current = new int[source.width()];
        }

        boolean hasNext() {
            if (!ahead && !ended) {
                try {
                    if (source.next()) {
                        System.arraycopy(source.words(), 0, current, 0, current.length);
                        count = source.count();
                        ahead = true;
                    } else {
                        ended = true;
                        source.close();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read a sorted model table: " + e.getMessage(), e);
                }
            }
            return ahead;
        }

        int[] peek() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current;
        }

        /** The count of the record {@link #peek()} gives. */
        long count() {
            peek();
            return count;
        }

        int[] next() {
            int[] r = peek();
            ahead = false;
            return r;
        }
    }
}
