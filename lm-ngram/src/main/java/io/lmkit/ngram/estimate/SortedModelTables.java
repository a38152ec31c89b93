package io.lmkit.ngram.estimate;

import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.ngram.SortedNgramModelWriter;
import io.lmkit.ngram.spill.Payload;
import io.lmkit.ngram.spill.RecordCopy;
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
 * pass later, each of its n-grams' followers and backoff go to runs as they come, both in trie order already
 * (lexicographic by word id, first word first), one record per n-gram in each; the writer then reads each order's
 * two runs side by side, record by record, and the pointers of order k+1 from the followers of order k. The
 * runs hold only what the table stores, the last word and the numbers: the trie order, which the words gave, is
 * in the records' places, so writing the tables compares no words. The data equal those of the in-memory
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
    // Index k: order k's n-grams (last word, float32 log10 p bits) and the same n-grams as contexts (followers,
    // float64 log10 backoff as two ints), each in trie order, as the sink gets them.
    private final RunFile.Writer[] probs;
    private final RunFile.Writer[] contexts;
    // The same runs once finished: order k's n-grams when order k is done, its contexts when order k+1 is.
    private final RunFile[] probRuns;
    private final RunFile[] contextRuns;
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
        this.contexts = new RunFile.Writer[order + 1];
        this.probRuns = new RunFile[order + 1];
        this.contextRuns = new RunFile[order + 1];
        this.values = new SortedNgramModelWriter.OrderValues[order + 1];
        this.record = new int[3];
    }

    /**
     * Order {@code k}'s n-grams, and order k−1's as contexts, are all given: their runs are finished, so that a
     * checkpoint can name them.
     */
    void orderDone(int k) {
        if (k >= 2 && probRuns[k] == null) {
            probRuns[k] = (probs[k] == null ? probabilityRun(k) : probs[k]).finish();
            probs[k] = null;
        }
        if (k - 1 >= 2 && contextRuns[k - 1] == null) {
            contextRuns[k - 1] = (contexts[k - 1] == null ? contextRun(k - 1) : contexts[k - 1]).finish();
            contexts[k - 1] = null;
        }
    }

    /** Order k's n-grams: the last word (a varint) and the float32 bits of log10 p. */
    private RunFile.Writer probabilityRun(int k) {
        return RunFile.writer(folder, "table-p-" + k, 2, 1);
    }

    /** Order k's n-grams as contexts: the followers (a varint) and the float64 log10 backoff as two ints. */
    private RunFile.Writer contextRun(int k) {
        return RunFile.writer(folder, "table-c-" + k, 3, 1);
    }

    /** The runs {@link #writeTo} names, once orders 1..{@code ordersDone} are done. */
    java.util.List<RunFile> runs(int ordersDone) {
        java.util.List<RunFile> runs = new java.util.ArrayList<>();
        for (int k = 2; k <= ordersDone; k++) {
            runs.add(probRuns[k]);
            if (k < ordersDone) {
                runs.add(contextRuns[k]);
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
            if (k < ordersDone) {
                contextRuns[k].writeTo(out);
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
            if (k < ordersDone) {
                t.contextRuns[k] = RunFile.readFrom(in, folder);
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
            probs[k] = probabilityRun(k);
            values[k] = new SortedNgramModelWriter.OrderValues(k < order);
        }
        values[k].prob(log10p);
        record[0] = ids[k - 1];
        record[1] = Float.floatToRawIntBits(log10p);
        probs[k].add(record, 0);
    }

    @Override
    public void backoff(int k, int[] ids, double log10Backoff, int followers) {
        if (k == 1) {
            unigramLog10Backoff[ids[0]] = log10Backoff;
            unigramFollowers[ids[0]] = followers;
            return;
        }
        if (contexts[k] == null) {
            contexts[k] = contextRun(k);
        }
        if (values[k] != null && followers > 0) {
            values[k].backoff(log10Backoff); // an n-gram without followers stores no backoff of its own
        }
        record[0] = followers;
        Payload.putDouble(record, 1, log10Backoff);
        contexts[k].add(record, 0);
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
                unigramLog10Backoff, new Orders(probRuns, contextRuns, unigramFollowers, values), 2);
        for (int k = 2; k <= order; k++) {
            probRuns[k].delete();
            if (contextRuns[k] != null) {
                contextRuns[k].delete();
            }
        }
    }

    /**
     * The sorted tables as {@link SortedNgramModelWriter} reads them, each order as often as it asks: its n-grams
     * beside their backoffs, record for record, and the follower counts of order k from the contexts of order k−1
     * (the n-grams of order k are not read for it).
     */
    private record Orders(RunFile[] tables, RunFile[] contexts, int[] unigramFollowers,
                          SortedNgramModelWriter.OrderValues[] values) implements SortedNgramModelWriter.SortedOrders {

        @Override
        public SortedNgramModelWriter.OrderValues values(int k) {
            return values[k];
        }

        @Override
        public long size(int k) {
            return tables[k].records();
        }

        /** Order k's n-grams, each with its backoff (0 where none extends it) from the context run's record. */
        @Override
        public Iterator<SortedNgramModelWriter.Ngram> ngrams(int k) {
            RecordReader r = new RecordReader(tables[k]);
            RecordReader c = contexts[k] == null ? null : new RecordReader(contexts[k]);
            if (c != null && contexts[k].records() != tables[k].records()) {
                throw new IllegalStateException("order " + k + " has " + tables[k].records() + " n-grams but "
                        + contexts[k].records() + " context records; the sorted runs are inconsistent");
            }
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return r.hasNext();
                }

                @Override
                public SortedNgramModelWriter.Ngram next() {
                    int[] g = r.next();
                    double backoff = c == null ? 0.0 : Payload.getDouble(c.next(), 1);
                    return new SortedNgramModelWriter.Ngram(g[0], Float.intBitsToFloat(g[1]), backoff);
                }
            };
        }

        @Override
        public PrimitiveIterator.OfLong followerCounts(int k) {
            if (k == 2) {
                return java.util.Arrays.stream(unigramFollowers).asLongStream().iterator();
            }
            RecordReader parents = new RecordReader(contexts[k - 1]);
            return new PrimitiveIterator.OfLong() {
                @Override
                public boolean hasNext() {
                    return parents.hasNext();
                }

                @Override
                public long nextLong() {
                    return parents.next()[0];
                }
            };
        }
    }

    /** Reads a kept run with one record of look-ahead; closes the file at its end. */
    private static final class RecordReader {
        private final RecordSource source;
        private final int[] current;
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
                        RecordCopy.copy(source.words(), 0, current, 0, current.length);
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

        int[] next() {
            int[] r = peek();
            ahead = false;
            return r;
        }
    }
}
