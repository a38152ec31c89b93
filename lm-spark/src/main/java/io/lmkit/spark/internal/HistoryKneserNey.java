package io.lmkit.spark.internal;

import io.lmkit.core.model.ScoreKind;
import io.lmkit.ngram.estimate.Discounts;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.KneserNeyMath;
import io.lmkit.ngram.estimate.Pruning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Modified Kneser-Ney as Spark jobs with one shuffle of the n-grams before the model is written: every n-gram of
 * order ≥ 2 is counted into the partition of its second-to-last word ({@link HistoryPartitioner}), where its
 * siblings, its suffix and its left extensions are too, so each partition is estimated on its own
 * ({@link HistoryTables}) in two passes: one for the counts-of-counts (and the unigrams' continuation counts),
 * reduced on the driver into the discounts, then one for the probabilities and the backoffs. The formulas are
 * lm-ngram's, in the same order, so the model is bit-identical to the single machine's and to
 * {@link SparkKneserNey}'s, which shuffles every order about seven times instead. Pruning adds a round per order
 * above the bigrams, which sends the contexts of the kept n-grams to their partitions ({@link #contextsOfKept}).
 *
 * <p>The cost of the single shuffle is that a partition holds every n-gram whose second-to-last word is one of
 * its words, in memory: the most frequent word's n-grams must fit one task's heap (at 100 M words in 63
 * partitions, that partition's first pass took 13.0 s where the median took 2.3 s: BENCHMARKS.md).
 */
public final class HistoryKneserNey {

    private final JavaSparkContext sc;
    private final KneserNeySettings settings;

    /** An estimator of what {@code settings} ask for. */
    public HistoryKneserNey(JavaSparkContext sc, KneserNeySettings settings) {
        this.sc = sc;
        this.settings = settings;
    }

    /** Estimates the model from the numbered sentences (line index, word ids). */
    public Estimated estimate(JavaPairRDD<Long, int[]> sentences) {
        long[] occurrences = new long[settings.vocabularySize()];
        long[] first = new long[settings.vocabularySize()];
        Arrays.fill(first, Long.MAX_VALUE);
        unigramCounts(sentences).forEach((w, c) -> {
            occurrences[w] = c[0];
            first[w] = c[1];
        });
        int n = settings.order();
        int b = settings.bos();
        int e = settings.eos();
        int size = settings.vocabularySize();
        // Counted within each input partition (sorted, not hashed), then moved as they are: the n-grams that come
        // from several input partitions are added up where they meet.
        JavaPairRDD<Gram, Long> counted = sentences.mapPartitionsToPair(part -> countedInPartition(part, n, b, e))
                .partitionBy(new HistoryPartitioner(settings.partitions()));

        int[] rank = UnigramEstimates.firstAppearanceRanks(settings, occurrences, first);
        // Only lmplz's statistics need the words' order; an empty array stands for none.
        boolean lmplz = settings.statistics() == KneserNey.DiscountStatistics.LMPLZ;
        Broadcast<int[]> ranks = sc.broadcast(lmplz ? rank : new int[0]);
        HistorySummary summary = counted
                .mapPartitions(it -> List.of(HistoryTables.build(it, n, b, size).summary(orNull(ranks.value())))
                        .iterator())
                .treeReduce((x, y) -> x.plus(y, orNull(ranks.value())));

        long[] adjusted = settings.order() == 1 ? occurrences.clone()
                : summary.unigramContinuations(settings.vocabularySize());
        adjusted[settings.bos()] = 0;
        Discounts[] discounts = new Discounts[settings.order() + 1];
        discounts[1] = UnigramEstimates.discounts(settings, adjusted, occurrences, rank);
        double[][] d = new double[settings.order() + 1][];
        for (int k = 2; k <= settings.order(); k++) {
            long[] t = summary.countsOfCounts[k];
            if (lmplz && k < settings.order() && summary.lastWords[k] != null) {
                KneserNeyMath.lmplzCorrection(t, summary.lastAdjusted[k], summary.lastOccurrences[k]);
            }
            discounts[k] = KneserNeyMath.discounts(k, t, settings.variant());
            d[k] = new double[] {discounts[k].d1(), discounts[k].d2(), discounts[k].d3()};
        }
        double[] lower = new double[settings.vocabularySize()];
        double[] unigramLog10 = new double[settings.vocabularySize()];
        UnigramEstimates.probabilities(settings, adjusted, discounts[1], lower, unigramLog10);
        Broadcast<double[]> lowerB = sc.broadcast(lower);
        Broadcast<double[]> log10B = sc.broadcast(unigramLog10);
        JavaPairRDD<Gram, Stored> ngrams;
        if (settings.pruning().prunes()) {
            long[] thresholds = new long[settings.order() + 1];
            for (int k = 2; k <= settings.order(); k++) {
                thresholds[k] = settings.pruning().threshold(k);
            }
            JavaPairRDD<Gram, Boolean> marks = contextsOfKept(counted, thresholds);
            ngrams = counted.zipPartitions(marks, (part, marked) -> {
                HistoryTables t = HistoryTables.build(part, n, b, size);
                return t.estimates(d, lowerB.value(), log10B.value(), t.kept(thresholds, 2, marked));
            }).mapToPair(r -> r);
        } else {
            ngrams = counted.mapPartitionsToPair(it -> HistoryTables.build(it, n, b, size)
                    .estimates(d, lowerB.value(), log10B.value(), null));
        }
        return new Estimated(settings.order(), ScoreKind.PROBABILITY, 0f, unigramLog10,
                new double[settings.vocabularySize()], ngrams,
                Estimated.firstWordWeights(occurrences, settings.bos(), settings.eos()));
    }

    /**
     * The contexts of the n-grams pruning keeps, orders {@code order}−1 down to 2, each in the partition where it
     * lives (that of its own second-to-last word): a round per order from the highest down, since whether an
     * n-gram is kept depends on the order above it (the suffixes a kept n-gram needs are in its own partition;
     * its context is not, and travels as a mark).
     */
    private JavaPairRDD<Gram, Boolean> contextsOfKept(JavaPairRDD<Gram, Long> counted, long[] thresholds) {
        HistoryPartitioner byHistory = new HistoryPartitioner(settings.partitions());
        JavaPairRDD<Gram, Boolean> marks = JavaPairRDD.fromJavaRDD(sc.<Tuple2<Gram, Boolean>>emptyRDD())
                .partitionBy(byHistory);
        int n = settings.order();
        int b = settings.bos();
        int size = settings.vocabularySize();
        for (int k = settings.order(); k >= 3; k--) {
            int kk = k;
            JavaPairRDD<Gram, Boolean> next = counted.zipPartitions(marks, (part, marked) -> {
                HistoryTables t = HistoryTables.build(part, n, b, size);
                return t.contextsOfKept(t.kept(thresholds, kk, marked), kk);
            }).mapToPair(r -> r).partitionBy(byHistory);
            marks = marks.union(next);
        }
        return marks;
    }

    private static int[] orNull(int[] rank) {
        return rank.length == 0 ? null : rank;
    }

    /** Each word's raw count c(w) and where it first ends ({@link NgramCounting#position}), of the seen words. */
    private Map<Integer, long[]> unigramCounts(JavaPairRDD<Long, int[]> sentences) {
        int e = settings.eos();
        return sentences.mapPartitionsToPair(part -> {
            Map<Integer, long[]> seen = new HashMap<>();
            while (part.hasNext()) {
                Tuple2<Long, int[]> s = part.next();
                int[] ids = s._2();
                NgramCounting.requireNumberable(s._1(), ids.length);
                for (int i = 0; i <= ids.length; i++) {
                    long[] c = seen.computeIfAbsent(i == ids.length ? e : ids[i], w -> new long[] {0, Long.MAX_VALUE});
                    c[0]++;
                    c[1] = Math.min(c[1], NgramCounting.position(s._1(), i));
                }
            }
            List<Tuple2<Integer, long[]>> out = new ArrayList<>(seen.size());
            seen.forEach((w, c) -> out.add(new Tuple2<>(w, c)));
            return out.iterator();
        }).reduceByKey((x, y) -> new long[] {x[0] + y[0], Math.min(x[1], y[1])}).collectAsMap();
    }

    /**
     * The n-grams of orders 2..{@code order} of some sentences, each once with its count, as
     * {@link NgramCounting#count} counts them: each sentence is {@code <s>}, its words, {@code </s>}, and every
     * n-gram ends at a word or at {@code </s>}.
     */
    static Iterator<Tuple2<Gram, Long>> countedInPartition(Iterator<Tuple2<Long, int[]>> sentences, int order, int bos,
                                                           int eos) {
        FlatNgrams[] byOrder = new FlatNgrams[order + 1];
        for (int k = 2; k <= order; k++) {
            byOrder[k] = new FlatNgrams(k);
        }
        while (sentences.hasNext()) {
            Tuple2<Long, int[]> s = sentences.next();
            int[] ids = s._2();
            NgramCounting.requireNumberable(s._1(), ids.length);
            int[] t = new int[ids.length + 2];
            t[0] = bos;
            System.arraycopy(ids, 0, t, 1, ids.length);
            t[t.length - 1] = eos;
            for (int end = 1; end < t.length; end++) {
                for (int k = 2; k <= Math.min(end + 1, order); k++) {
                    byOrder[k].add(t, end - k + 1, 1);
                }
            }
        }
        for (int k = 2; k <= order; k++) {
            byOrder[k].sortAndSum();
        }
        return new Iterator<>() {
            private int k = 2;
            private int i;

            @Override
            public boolean hasNext() {
                while (k <= order && i >= byOrder[k].size()) {
                    byOrder[k++] = null;
                    i = 0;
                }
                return k <= order;
            }

            @Override
            public Tuple2<Gram, Long> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                long count = byOrder[k].counts()[i];
                return new Tuple2<>(byOrder[k].gram(i++), count);
            }
        };
    }
}
