package io.lmkit.ngram;

import io.lmkit.core.io.ModelFileException;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.model.Sized;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.internal.CountTable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An n-gram model that keeps its counts and computes each probability, in float64, when asked:
 * for the estimates that backoff form cannot express because they do not back off, maximum
 * likelihood and additive (Laplace, Lidstone) smoothing. h is the full context, the last n−1
 * tokens cut at {@code <s>} as in the counts, |V| the number of predicted symbols (every word but
 * {@code <s>}):
 *
 * <ul>
 *   <li>additive with k &gt; 0 (Lidstone 1920; k = 1 is Laplace): p(w|h) = (c(hw) + k)/(c(h·) + k|V|),
 *       which is 1/|V| for a context never seen;</li>
 *   <li>maximum likelihood: p(w|h) = c(hw)/c(h·) in the longest suffix of h with c(h·) &gt; 0 (the
 *       empty context, c(w)/N, always has one). A word never seen after that context has
 *       probability 0: ln p = −∞, and perplexity is infinite.</li>
 * </ul>
 *
 * <p>Storage is packed primitives: unigram counts in {@code long[]}s indexed by word id, higher
 * orders in {@link CountTable}s keyed by context slot and word like {@link NgramModel}'s tables.
 * Immutable and safe to share between threads.
 */
public final class CountModel implements LanguageModel, Sized {

    static final String DATA_ENTRY = "counts.bin";
    private static final int DATA_VERSION = 1;

    /** How a {@link CountModel} turns counts into probabilities. */
    public enum Method {
        /** p = c(hw)/c(h·) in the longest seen context; unseen events get probability 0. */
        MAXIMUM_LIKELIHOOD,
        /** p = (c(hw) + k)/(c(h·) + k|V|) in the full context. */
        ADDITIVE
    }

    /**
     * A smoothing rule.
     *
     * @param method maximum likelihood or additive
     * @param k      the pseudo-count added to every event, &gt; 0 for additive, 0 for maximum likelihood
     */
    public record Smoothing(Method method, double k) {
        /** Checks that k suits the method. */
        public Smoothing {
            if (method == null) {
                throw new IllegalArgumentException("method must be given");
            }
            if (method == Method.ADDITIVE && !(k > 0 && k < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("additive smoothing needs a pseudo-count k > 0, got " + k);
            }
            if (method == Method.MAXIMUM_LIKELIHOOD && k != 0) {
                throw new IllegalArgumentException("maximum likelihood adds no pseudo-count; k must be 0, got " + k);
            }
        }

        /** Maximum likelihood. */
        public static Smoothing maximumLikelihood() {
            return new Smoothing(Method.MAXIMUM_LIKELIHOOD, 0);
        }

        /** Additive smoothing with pseudo-count {@code k} (1 for Laplace). */
        public static Smoothing additive(double k) {
            return new Smoothing(Method.ADDITIVE, k);
        }
    }

    private final Vocabulary vocabulary;
    private final int order;
    private final Smoothing smoothing;
    private final long tokens;
    private final long[] unigramCount;
    private final long[] unigramTotal;
    private final CountTable[] tables;

    CountModel(Vocabulary vocabulary, int order, Smoothing smoothing, long tokens, long[] unigramCount,
               long[] unigramTotal, CountTable[] tables) {
        this.vocabulary = vocabulary;
        this.order = order;
        this.smoothing = smoothing;
        this.tokens = tokens;
        this.unigramCount = unigramCount;
        this.unigramTotal = unigramTotal;
        this.tables = tables;
    }

    @Override
    public long sizeCount() {
        long n = unigramCount.length;
        for (int k = 2; k < tables.length; k++) {
            n += tables[k] == null ? 0 : tables[k].size();
        }
        return n;
    }

    @Override
    public String sizeUnit() {
        return "n-grams";
    }

    /** The order n: the model conditions on at most n−1 previous words. */
    public int order() {
        return order;
    }

    /** The rule that turns counts into probabilities. */
    public Smoothing smoothing() {
        return smoothing;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public NgramState begin() {
        return order == 1 ? new NgramState(new int[0], 0) : new NgramState(new int[] {vocabulary.bos()}, 1);
    }

    @Override
    public Score score(ModelState state, int word) {
        NgramState in = check(state);
        if (word < 0 || word >= unigramCount.length) {
            throw new IllegalArgumentException("word id " + word + " is outside the vocabulary of "
                    + unigramCount.length + " ids");
        }
        if (word == vocabulary.bos()) {
            throw new IllegalArgumentException("<s> is context only and is never predicted");
        }
        return new Score(lnProb(in, word), next(in, word));
    }

    /**
     * The length of the n-gram that matched {@code word} after {@code state}, as KenLM reports it: the
     * longest n-gram ending in the word, within the model's order and the state's history, that the
     * training text contains; 1 when not even the word was seen (its probability then comes from the
     * unigram level, as KenLM's {@code <unk>} does).
     *
     * @throws IllegalArgumentException for a word outside the vocabulary or a state of another model
     */
    public int matchedOrder(ModelState state, int word) {
        NgramState in = check(state);
        if (word < 0 || word >= unigramCount.length) {
            throw new IllegalArgumentException("word id " + word + " is outside the vocabulary of "
                    + unigramCount.length + " ids");
        }
        for (int length = Math.min(in.slots.length, order - 1); length >= 1; length--) {
            if (count(in, length, word) > 0) {
                return length + 1;
            }
        }
        return 1;
    }

    @Override
    public void nextLnProbs(ModelState state, double[] lnProbs) {
        NgramState in = check(state);
        for (int w = 0; w < lnProbs.length; w++) {
            lnProbs[w] = w == vocabulary.bos() ? Double.NEGATIVE_INFINITY : lnProb(in, w);
        }
    }

    private static NgramState check(ModelState state) {
        if (!(state instanceof NgramState in)) {
            throw new IllegalArgumentException("not a state of a count model: " + state);
        }
        return in;
    }

    private double lnProb(NgramState in, int word) {
        if (smoothing.method() == Method.ADDITIVE) {
            double k = smoothing.k();
            int length = in.history;
            // A context longer than the counted ones was never seen: c(h·) = c(hw) = 0, so p = 1/|V|.
            long total = length <= in.slots.length ? contextTotal(in, length) : 0;
            long count = length <= in.slots.length ? count(in, length, word) : 0;
            return Math.log((count + k) / (total + k * vocabulary.predictedCount()));
        }
        for (int length = in.slots.length; length >= 0; length--) {
            long total = contextTotal(in, length);
            if (total > 0) {
                long count = count(in, length, word);
                return count == 0 ? Double.NEGATIVE_INFINITY : Math.log((double) count / total);
            }
        }
        throw new IllegalStateException("the empty context always has a positive total");
    }

    /** c(h·) for the last {@code length} tokens of the state (0 ≤ length ≤ known). */
    private long contextTotal(NgramState in, int length) {
        if (length == 0) {
            return tokens;
        }
        return length == 1 ? unigramTotal[in.slots[0]] : tables[length].total(in.slots[length - 1]);
    }

    /** c(hw) for h the last {@code length} tokens of the state (0 ≤ length ≤ known). */
    private long count(NgramState in, int length, int word) {
        if (length == 0) {
            return unigramCount[word];
        }
        int slot = tables[length + 1].find(in.slots[length - 1], word);
        return slot < 0 ? 0 : tables[length + 1].count(slot);
    }

    private NgramState next(NgramState in, int word) {
        int maxLength = Math.min(in.slots.length + 1, order - 1);
        int[] found = new int[maxLength];
        int length = 0;
        if (maxLength > 0) {
            found[0] = word;
            length = 1;
            for (int j = 1; j < maxLength; j++) {
                int slot = tables[j + 1].find(in.slots[j - 1], word);
                if (slot < 0) {
                    break;
                }
                found[j] = slot;
                length++;
            }
        }
        int[] slots = length == found.length ? found : Arrays.copyOf(found, length);
        return new NgramState(slots, Math.min(in.history + 1, order - 1));
    }

    /** The number of n-grams of each order, index 0 for unigrams (every vocabulary word). */
    public long[] ngramCounts() {
        long[] counts = new long[order];
        counts[0] = unigramCount.length;
        for (int k = 2; k <= order; k++) {
            counts[k - 1] = tables[k].size();
        }
        return counts;
    }

    @Override
    public void writeData(ModelDataSink sink) throws IOException {
        try (OutputStream o = sink.entry(DATA_ENTRY)) {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(o, 1 << 16));
            out.writeInt(DATA_VERSION);
            out.writeInt(order);
            out.writeUTF(smoothing.method().name());
            out.writeDouble(smoothing.k());
            out.writeInt(unigramCount.length);
            for (int w = 0; w < unigramCount.length; w++) {
                out.writeLong(unigramCount[w]);
                out.writeLong(unigramTotal[w]);
            }
            for (int k = 2; k <= order; k++) {
                tables[k].writeTo(out);
            }
            out.flush();
        }
    }

    /** Reads the model that {@link #writeData} wrote into a model file. */
    public static CountModel readData(ModelDataSource source, Vocabulary vocabulary) throws IOException {
        long entryBytes = source.length(DATA_ENTRY);
        try (InputStream in = source.entry(DATA_ENTRY)) {
            DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
            int version = data.readInt();
            if (version != DATA_VERSION) {
                throw new ModelFileException("count model data version " + version + " is not supported (this lmkit"
                        + " reads " + DATA_VERSION + ")");
            }
            int order = data.readInt();
            String methodName = data.readUTF();
            Method method = java.util.Arrays.stream(Method.values()).filter(m -> m.name().equals(methodName))
                    .findFirst().orElseThrow(() -> new ModelFileException("count model data names an unknown"
                            + " smoothing method '" + methodName + "' (known: " + java.util.Arrays.toString(
                            Method.values()) + "); the file is corrupt or was written by another lmkit"));
            Smoothing smoothing = new Smoothing(method, data.readDouble());
            int v = data.readInt();
            if (v != vocabulary.size() || order < 1 || order > NgramOrder.MAX) {
                throw new ModelFileException("count model data of order " + order + " over " + v
                        + " words does not match the vocabulary of " + vocabulary.size() + " words in the same file;"
                        + " the file is inconsistent");
            }
            long[] count = new long[v];
            long[] total = new long[v];
            long tokens = 0;
            for (int w = 0; w < v; w++) {
                count[w] = data.readLong();
                total[w] = data.readLong();
                tokens += count[w];
            }
            CountTable[] tables = new CountTable[order + 1];
            for (int k = 2; k <= order; k++) {
                tables[k] = CountTable.readFrom(data, entryBytes);
            }
            return new CountModel(vocabulary, order, smoothing, tokens, count, total, tables);
        }
    }
}
