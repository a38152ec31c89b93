package io.lmkit.spark.internal;

import io.lmkit.core.model.ScoreKind;
import io.lmkit.ngram.estimate.StupidBackoff;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Stupid backoff (Brants et al. 2007) as Spark jobs, as lm-ngram's {@link StupidBackoff} stores it: S(w|h) =
 * c(hw)/c(h·) for every counted n-gram (each joined with its context's total), S(w) = c(w)/N, and log10 α as the
 * backoff of every context. Scores, not probabilities: the model says so ({@link ScoreKind#SCORE}).
 */
public final class SparkStupidBackoff {

    private SparkStupidBackoff() {
    }

    /**
     * Estimates the model from the counts of every order. Every context's record ({@link Stored#context}) has
     * α's backoff, which its probability record has too, so that a context is the same with or without it.
     */
    public static Estimated estimate(JavaPairRDD<Gram, Counted> counted, int order, int vocabularySize, int bos,
                                     int eos, double alpha, int partitions) {
        float log10Alpha = StupidBackoff.log10Alpha(alpha);
        long[] unigramCounts = new long[vocabularySize];
        Map<Gram, Counted> unigrams = counted.filter(e -> e._1().length() == 1).collectAsMap();
        unigrams.forEach((g, c) -> unigramCounts[g.word(0)] = c.occurrences());
        long tokens = 0;
        for (long c : unigramCounts) {
            tokens += c;
        }
        double[] log10 = new double[vocabularySize];
        double[] backoff = new double[vocabularySize];
        for (int w = 0; w < vocabularySize; w++) {
            log10[w] = w == bos ? Double.NEGATIVE_INFINITY : Math.min(0.0, Math.log10((double) unigramCounts[w] / tokens));
            backoff[w] = order > 1 ? log10Alpha : 0.0;
        }
        JavaPairRDD<Gram, Stored> stored = JavaSparkContext.fromSparkContext(counted.context())
                .parallelizePairs(List.of(), 1);
        for (int k = 2; k <= order; k++) {
            double kBackoff = k < order ? log10Alpha : 0.0;
            int kk = k;
            JavaPairRDD<Gram, Long> grams = counted.filter(e -> e._1().length() == kk)
                    .mapValues(Counted::occurrences);
            // Each context's c(h·) and number of followers.
            JavaPairRDD<Gram, long[]> totals = grams.mapToPair(e -> new Tuple2<>(e._1().prefix(),
                    new long[] {e._2(), 1})).reduceByKey((x, y) -> new long[] {x[0] + y[0], x[1] + y[1]}, partitions);
            stored = stored.union(grams.mapToPair(e -> new Tuple2<>(e._1().prefix(), e)).join(totals, partitions)
                    .mapToPair(e -> new Tuple2<>(e._2()._1()._1(), new Stored(
                            StupidBackoff.storedLog10((double) e._2()._1()._2() / e._2()._2()[0]), kBackoff))))
                    .union(totals.mapValues(t -> Stored.context(log10Alpha, (int) t[1])));
        }
        return new Estimated(order, ScoreKind.SCORE, log10Alpha, log10, backoff, stored,
                Estimated.firstWordWeights(unigramCounts, bos, eos));
    }
}
