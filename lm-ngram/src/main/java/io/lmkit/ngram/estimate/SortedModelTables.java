package io.lmkit.ngram.estimate;

import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ScoreKind;
import io.lmkit.ngram.SortedNgramModelWriter;
import io.lmkit.ngram.spill.KeyRepeats;
import io.lmkit.ngram.spill.Payload;
import io.lmkit.ngram.spill.RecordOrder;
import io.lmkit.ngram.spill.RecordSource;
import io.lmkit.ngram.spill.RunFile;
import io.lmkit.ngram.spill.SortedRecords;
import io.lmkit.ngram.spill.SpillFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * The model's tables as the passes of {@link SortedProbabilities} give them, written as trie-layout model data
 * ({@link SortedNgramModelWriter}) without holding the n-grams in the heap: each order's probabilities and,
 * one pass later, its backoffs go to runs in the order they come (context order of the counting ranks); then
 * each order is joined with its backoffs, numbered by vocabulary id and sorted into trie order (lexicographic by
 * word id, first word first) in the memory given, and streamed into the trie. The data equal those of the
 * in-memory estimator's model converted to the trie layout, byte for byte.
 */
final class SortedModelTables implements SortedProbabilities.Sink {

    private final SortedCounts counts;
    private final SpillFolder folder;
    private final int order;
    private final double[] unigramLog10Prob;
    private final double[] unigramLog10Backoff;
    // Index k: order k's n-grams (ranks, float32 log10 p bits) and contexts (ranks, float64 log10 backoff as
    // two ints), each in the context order of the ranks, as the sink gets them.
    private final RunFile.Writer[] probs;
    private final RunFile.Writer[] backoffs;
    private final int[] record;

    SortedModelTables(SortedCounts counts, SpillFolder folder) {
        this.counts = counts;
        this.folder = folder;
        this.order = counts.order();
        int v = counts.vocabulary().size();
        this.unigramLog10Prob = new double[v];
        this.unigramLog10Backoff = new double[v];
        this.probs = new RunFile.Writer[order + 1];
        this.backoffs = new RunFile.Writer[order + 1];
        this.record = new int[order + 2];
    }

    @Override
    public void unigram(int word, double p) {
        unigramLog10Prob[word] = Math.min(0.0, Math.log10(p));
    }

    @Override
    public void ngram(int k, int[] ranks, double p) {
        if (probs[k] == null) {
            probs[k] = RunFile.writer(folder, "table-p-" + k, k + 1, k);
        }
        System.arraycopy(ranks, 0, record, 0, k);
        record[k] = Float.floatToRawIntBits((float) Math.min(0.0, Math.log10(p)));
        probs[k].add(record, 0);
    }

    @Override
    public void backoff(int k, int[] ranks, double log10Backoff) {
        if (k == 1) {
            unigramLog10Backoff[counts.word(ranks[0])] = log10Backoff;
            return;
        }
        if (backoffs[k] == null) {
            backoffs[k] = RunFile.writer(folder, "table-b-" + k, k + 2, k);
        }
        System.arraycopy(ranks, 0, record, 0, k);
        Payload.putDouble(record, k, log10Backoff);
        backoffs[k].add(record, 0);
    }

    /**
     * Writes the model's data entries into {@code sink} once every pass has given its numbers.
     *
     * @param memoryBytes heap for sorting each order into trie order
     * @param sorting     told the order being sorted
     */
    void write(ModelDataSink sink, long memoryBytes, java.util.function.IntConsumer sorting) throws IOException {
        RunFile[] tables = new RunFile[order + 1];
        boolean ranksFollowIds = ranksFollowIds(counts);
        for (int k = 2; k <= order; k++) {
            sorting.accept(k);
            RunFile p = probs[k] == null ? RunFile.writer(folder, "table-p-" + k, k + 1, k).finish() : probs[k].finish();
            RunFile b = backoffs[k] == null ? null : backoffs[k].finish();
            tables[k] = inTrieOrder(k, p, b, ranksFollowIds, memoryBytes);
        }
        SortedNgramModelWriter.writeData(sink, order, ScoreKind.PROBABILITY, 0f, unigramLog10Prob,
                unigramLog10Backoff, new Orders(tables, counts.vocabulary().size()));
        for (int k = 2; k <= order; k++) {
            tables[k].delete();
        }
    }

    /** Whether a larger rank always has a larger word id (then context order of ranks is trie order already). */
    static boolean ranksFollowIds(SortedCounts counts) {
        for (int r = 2; r < counts.rankLimit(); r++) {
            if (counts.word(r) <= counts.word(r - 1)) {
                return false;
            }
        }
        return true;
    }

    /** Order k's n-grams with their backoffs, by word id in trie order: (ids, float bits, backoff as two ints). */
    private RunFile inTrieOrder(int k, RunFile probRun, RunFile backoffRun, boolean ranksFollowIds, long memoryBytes)
            throws IOException {
        int width = k + 3;
        if (ranksFollowIds) {
            RunFile.Writer out = RunFile.writer(folder, "table-" + k, width, k);
            join(k, probRun, backoffRun, r -> out.add(r, 0));
            return out.finish();
        }
        SortedRecords byId = new SortedRecords("table-sort-" + k, width, k, RecordOrder.CONTEXT, KeyRepeats.FEW,
                memoryBytes, folder);
        join(k, probRun, backoffRun, r -> byId.add(r, 0));
        return RunFile.write(folder, "table-" + k, width, k, out -> {
            try (RecordSource s = byId.sorted()) {
                while (s.next()) {
                    out.accept(s.words(), 0);
                }
            }
        });
    }

    /** Gives each n-gram of order k with its backoff (0 where it is no context), numbered by word id. */
    private void join(int k, RunFile probRun, RunFile backoffRun, java.util.function.Consumer<int[]> out)
            throws IOException {
        int[] joined = new int[k + 3];
        try (RecordSource p = probRun.open(); RecordSource b = backoffRun == null ? null : backoffRun.open()) {
            boolean moreBackoffs = b != null && b.next();
            while (p.next()) {
                int[] g = p.words();
                double backoff = 0.0;
                if (moreBackoffs && RecordOrder.CONTEXT.compare(b.words(), 0, g, 0, k) == 0) {
                    backoff = Payload.getDouble(b.words(), k);
                    moreBackoffs = b.next();
                }
                for (int i = 0; i < k; i++) {
                    joined[i] = counts.word(g[i]);
                }
                joined[k] = g[k];
                Payload.putDouble(joined, k + 1, backoff);
                out.accept(joined);
            }
            if (moreBackoffs) {
                throw new IllegalStateException("a backoff of order " + k + " belongs to no n-gram of that order; the"
                        + " sorted runs are inconsistent");
            }
        }
    }

    /** The sorted tables as {@link SortedNgramModelWriter} reads them, each order as often as it asks. */
    private record Orders(RunFile[] tables, int vocabularySize) implements SortedNgramModelWriter.SortedOrders {

        @Override
        public long size(int k) {
            return tables[k].records();
        }

        @Override
        public Iterator<SortedNgramModelWriter.Ngram> ngrams(int k) {
            RecordReader r = new RecordReader(tables[k]);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return r.hasNext();
                }

                @Override
                public SortedNgramModelWriter.Ngram next() {
                    int[] g = r.next();
                    return new SortedNgramModelWriter.Ngram(g[k - 1], Float.intBitsToFloat(g[k]),
                            Payload.getDouble(g, k + 1));
                }
            };
        }

        @Override
        public PrimitiveIterator.OfLong followerCounts(int k) {
            RecordReader parents = k == 2 ? null : new RecordReader(tables[k - 1]);
            RecordReader children = new RecordReader(tables[k]);
            long parentCount = k == 2 ? vocabularySize : tables[k - 1].records();
            return new PrimitiveIterator.OfLong() {
                private long done;
                private final int[] word = new int[1];

                @Override
                public boolean hasNext() {
                    return done < parentCount;
                }

                @Override
                public long nextLong() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int[] parent;
                    if (parents == null) {
                        word[0] = (int) done;
                        parent = word;
                    } else {
                        parent = parents.next();
                    }
                    long n = 0;
                    while (children.hasNext()
                            && RecordOrder.CONTEXT.compare(children.peek(), 0, parent, 0, k - 1) == 0) {
                        children.next();
                        n++;
                    }
                    done++;
                    if (done == parentCount && children.hasNext()) {
                        throw new IllegalStateException("an n-gram of order " + k + " extends no n-gram of order "
                                + (k - 1) + "; the tables are not suffix-closed in trie order");
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
