package io.lmkit.spark.internal;

import io.lmkit.core.model.ScoreKind;
import io.lmkit.ngram.estimate.BackoffNormalizer;
import io.lmkit.ngram.estimate.Discounts;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.KneserNeyMath;
import io.lmkit.ngram.estimate.Pruning;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Interpolated (modified) Kneser-Ney estimation as Spark jobs, step for step lm-ngram's {@link KneserNey} with its
 * formulas ({@link KneserNeyMath}, {@link BackoffNormalizer}), so the model is bit-identical: adjusted counts,
 * counts-of-counts and discounts per order, each context's γ(h) and Σ a(h·), interpolated probabilities order by
 * order (each n-gram joined with its context's weights and its suffix's probability), and the backoffs normalised
 * from the float32 probabilities (after pruning, when asked: {@link #survivors}). The backoffs' sums over a context's
 * followers run in trie order ({@link ContextFold}); unigrams (one value per word) are computed on the driver.
 */
public final class SparkKneserNey {

    /** An n-gram's adjusted count a(g), raw count c(g) and first position. */
    record Adjusted(long adjusted, long occurrences, long firstPosition) implements Serializable {
    }

    /** A context's Σx a(hx) and γ(h). */
    record Weight(double total, double gamma) implements Serializable {
    }

    /**
     * An n-gram's interpolated probability p (unrounded), its log10 as the model stores it (a float32 above the
     * unigrams), and the stored log10 of its suffix.
     */
    record Prob(long firstPosition, double p, double stored, double suffixStored) implements Serializable {
    }

    private final JavaSparkContext sc;
    private final KneserNeySettings settings;

    /** An estimator of what {@code settings} ask for. */
    public SparkKneserNey(JavaSparkContext sc, KneserNeySettings settings) {
        this.sc = sc;
        this.settings = settings;
    }

    /** The unigrams' adjusted count a(w), raw count c(w) and first position, one entry per vocabulary word. */
    private record Unigrams(long[] adjusted, long[] occurrences, long[] first) {
    }

    /** Estimates the model from the counts of every order. */
    public Estimated estimate(JavaPairRDD<Gram, Counted> counted) {
        List<JavaPairRDD<Gram, Adjusted>> adjusted = new ArrayList<>();
        adjusted.add(null);
        for (int k = 1; k <= settings.order(); k++) {
            adjusted.add(adjusted(counted, k).persist(StorageLevel.MEMORY_AND_DISK()));
        }
        Unigrams u = unigramCounts(adjusted.get(1));
        Discounts[] discounts = new Discounts[settings.order() + 1];
        int[] rank = UnigramEstimates.firstAppearanceRanks(settings, u.occurrences(), u.first());
        discounts[1] = UnigramEstimates.discounts(settings, u.adjusted(), u.occurrences(), rank);
        Broadcast<int[]> ranks = sc.broadcast(rank);
        for (int k = 2; k <= settings.order(); k++) {
            discounts[k] = discounts(adjusted.get(k), k, ranks);
        }
        double[] lower = new double[settings.vocabularySize()];
        double[] unigramLog10 = new double[settings.vocabularySize()];
        UnigramEstimates.probabilities(settings, u.adjusted(), discounts[1], lower, unigramLog10);
        List<Tuple2<Gram, Prob>> seen = new ArrayList<>();
        for (int w = 0; w < settings.vocabularySize(); w++) {
            if (u.occurrences()[w] > 0) {
                seen.add(new Tuple2<>(Gram.of(w), new Prob(u.first()[w], lower[w], unigramLog10[w], 0)));
            }
        }
        List<JavaPairRDD<Gram, Prob>> probs = new ArrayList<>(Arrays.asList(null, sc.parallelizePairs(seen,
                settings.partitions())));
        for (int k = 2; k <= settings.order(); k++) {
            JavaPairRDD<Gram, Weight> weights = contextWeights(adjusted.get(k), discounts[k]);
            probs.add(probabilities(adjusted.get(k), weights, probs.get(k - 1), discounts[k])
                    .persist(StorageLevel.MEMORY_AND_DISK()));
        }
        if (settings.pruning().prunes()) {
            probs = survivors(adjusted, probs);
        }
        JavaPairRDD<Gram, Stored> stored = normalised(probs);
        return new Estimated(settings.order(), ScoreKind.PROBABILITY, 0f, unigramLog10,
                new double[settings.vocabularySize()], stored,
                Estimated.firstWordWeights(u.occurrences(), settings.bos(), settings.eos()));
    }

    private Unigrams unigramCounts(JavaPairRDD<Gram, Adjusted> unigrams) {
        int size = settings.vocabularySize();
        Unigrams u = new Unigrams(new long[size], new long[size], new long[size]);
        Arrays.fill(u.first(), Long.MAX_VALUE);
        for (Map.Entry<Gram, Adjusted> e : unigrams.collectAsMap().entrySet()) {
            int w = e.getKey().word(0);
            u.adjusted()[w] = e.getValue().adjusted();
            u.occurrences()[w] = e.getValue().occurrences();
            u.first()[w] = e.getValue().firstPosition();
        }
        u.adjusted()[settings.bos()] = 0;
        return u;
    }

    /**
     * The stored n-grams of every order ≥ 2 and, as {@link Stored#context} records of their own, every context's
     * backoff (from its stored followers, unigrams included), for {@link ModelOutput} to merge.
     */
    private JavaPairRDD<Gram, Stored> normalised(List<JavaPairRDD<Gram, Prob>> probs) {
        JavaPairRDD<Gram, Stored> stored = sc.parallelizePairs(List.of(), 1);
        for (int k = 2; k <= settings.order(); k++) {
            stored = stored.union(backoffs(probs.get(k)))
                    .union(probs.get(k).mapValues(p -> new Stored((float) p.stored(), 0.0)));
        }
        return stored;
    }

    /**
     * The n-grams that pruning keeps, with their probabilities (as lm-ngram's {@code Pruning.survivors}): from the
     * highest order down, those whose adjusted count is above the order's threshold and those that a kept n-gram
     * one order up has as its context or its suffix. The probabilities were computed from every n-gram.
     */
    private List<JavaPairRDD<Gram, Prob>> survivors(List<JavaPairRDD<Gram, Adjusted>> adjusted,
                                                    List<JavaPairRDD<Gram, Prob>> probs) {
        List<JavaPairRDD<Gram, Prob>> kept = new ArrayList<>(Collections.nCopies(settings.order() + 1, null));
        JavaPairRDD<Gram, Boolean> needed = null;
        for (int k = settings.order(); k >= 2; k--) {
            long threshold = settings.pruning().threshold(k);
            JavaPairRDD<Gram, Boolean> keep = adjusted.get(k).filter(e -> e._2().adjusted() > threshold)
                    .mapValues(v -> true);
            if (needed != null) {
                keep = keep.union(needed);
            }
            JavaPairRDD<Gram, Prob> survivors = probs.get(k).join(keep.reduceByKey((x, y) -> x, settings.partitions()),
                    settings.partitions()).mapValues(v -> v._1()).persist(StorageLevel.MEMORY_AND_DISK());
            kept.set(k, survivors);
            needed = survivors.flatMapToPair(e -> List.of(new Tuple2<>(e._1().prefix(), true),
                    new Tuple2<>(e._1().suffix(), true)).iterator());
        }
        return kept;
    }

    /** a(g): the raw count at the highest order and for n-grams that start with {@code <s>}, else N1+(• g). */
    private JavaPairRDD<Gram, Adjusted> adjusted(JavaPairRDD<Gram, Counted> counted, int k) {
        int n = settings.order();
        int b = settings.bos();
        return counted.filter(e -> e._1().length() == k).mapToPair(e -> {
            Counted v = e._2();
            long adj = k == n || e._1().word(0) == b ? v.occurrences() : v.continuations();
            return new Tuple2<>(e._1(), new Adjusted(adj, v.occurrences(), v.firstPosition()));
        });
    }

    private Discounts discounts(JavaPairRDD<Gram, Adjusted> grams, int k, Broadcast<int[]> ranks) {
        long[] t = grams.values().aggregate(new long[5], (acc, v) -> {
            KneserNeyMath.countOfCount(acc, v.adjusted(), +1);
            return acc;
        }, (x, y) -> {
            for (int i = 0; i < x.length; i++) {
                x[i] += y[i];
            }
            return x;
        });
        if (settings.statistics() == KneserNey.DiscountStatistics.LMPLZ && k < settings.order()) {
            Tuple2<Gram, Adjusted> last = grams.reduce((x, y) ->
                    compareFromLastWord(x._1(), y._1(), ranks.value()) >= 0 ? x : y);
            KneserNeyMath.lmplzCorrection(t, last._2().adjusted(), last._2().occurrences());
        }
        return KneserNeyMath.discounts(k, t, settings.variant());
    }

    private static int compareFromLastWord(Gram x, Gram y, int[] rank) {
        for (int i = x.length() - 1; i >= 0; i--) {
            int c = Integer.compare(rank[x.word(i)], rank[y.word(i)]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Σx a(hx) and γ(h) of every context h of order k−1, summed over its followers in first-appearance order. */
    private JavaPairRDD<Gram, Weight> contextWeights(JavaPairRDD<Gram, Adjusted> grams, Discounts d) {
        double d1 = d.d1();
        double d2 = d.d2();
        double d3 = d.d3();
        ContextFold<Long, Weight> fold = new WeightFold(d1, d2, d3);
        return fold.apply(grams.mapToPair(e -> new Tuple2<>(ContextFold.key(e._1().prefix(),
                e._2().firstPosition()), e._2().adjusted())), settings.partitions());
    }

    /** p(w|h) of every n-gram of order k: its count, its context's weights and its suffix's probability. */
    private JavaPairRDD<Gram, Prob> probabilities(JavaPairRDD<Gram, Adjusted> grams, JavaPairRDD<Gram, Weight> weights,
                                                  JavaPairRDD<Gram, Prob> lower, Discounts d) {
        double d1 = d.d1();
        double d2 = d.d2();
        double d3 = d.d3();
        return grams.mapToPair(e -> new Tuple2<>(e._1().prefix(), e))
                .join(weights, settings.partitions())
                .mapToPair(e -> new Tuple2<>(e._2()._1()._1().suffix(), new Tuple2<>(e._2()._1(), e._2()._2())))
                .join(lower, settings.partitions())
                .mapToPair(e -> {
                    Gram g = e._2()._1()._1()._1();
                    Adjusted adj = e._2()._1()._1()._2();
                    Weight w = e._2()._1()._2();
                    Prob suffix = e._2()._2();
                    double p = KneserNeyMath.interpolated(adj.adjusted(), new Discounts(d1, d2, d3), w.total(),
                            w.gamma(), suffix.p());
                    return new Tuple2<>(g, new Prob(adj.firstPosition(), p, KneserNeyMath.storedLog10(p),
                            suffix.stored()));
                });
    }

    /** The normalised log10 backoff and the followers of every context of order k−1 that order k extends. */
    private JavaPairRDD<Gram, Stored> backoffs(JavaPairRDD<Gram, Prob> grams) {
        ContextFold<Prob, Stored> fold = new BackoffFold();
        // Each context's followers in trie order (by their last word's vocabulary id), as lm-ngram sums them.
        return fold.apply(grams.mapToPair(e -> new Tuple2<>(ContextFold.key(e._1().prefix(), e._1().last()),
                e._2())), settings.partitions());
    }

    /** Σx a(hx) and N1, N2, N3+ of one context's followers, then γ(h) (as {@code KneserNey.gamma}). */
    private static final class WeightFold extends ContextFold<Long, Weight> {
        private static final long serialVersionUID = 1L;
        private final double d1;
        private final double d2;
        private final double d3;
        private transient Discounts discounts;
        private double total;
        private long n1;
        private long n2;
        private long n3;

        WeightFold(double d1, double d2, double d3) {
            this.d1 = d1;
            this.d2 = d2;
            this.d3 = d3;
        }

        @Override
        protected void start() {
            if (discounts == null) {
                discounts = new Discounts(d1, d2, d3);
            }
            total = 0;
            n1 = 0;
            n2 = 0;
            n3 = 0;
        }

        @Override
        protected void add(Long adjusted) {
            total += adjusted;
            if (adjusted == 1) {
                n1++;
            } else if (adjusted == 2) {
                n2++;
            } else if (adjusted >= 3) {
                n3++;
            }
        }

        @Override
        protected Weight finish() {
            return new Weight(total, KneserNey.gamma(discounts, n1, n2, n3, total));
        }
    }

    /** The mass one context's stored followers take, at its order and one down, then its backoff. */
    private static final class BackoffFold extends ContextFold<Prob, Stored> {
        private static final long serialVersionUID = 1L;
        private double seen;
        private double lower;
        private int followers;

        @Override
        protected void start() {
            seen = 0;
            lower = 0;
            followers = 0;
        }

        @Override
        protected void add(Prob p) {
            seen += Math.pow(10, p.stored());
            lower += Math.pow(10, p.suffixStored());
            followers++;
        }

        @Override
        protected Stored finish() {
            return Stored.context(BackoffNormalizer.log10Backoff(1 - seen, 1 - lower), followers);
        }
    }
}
