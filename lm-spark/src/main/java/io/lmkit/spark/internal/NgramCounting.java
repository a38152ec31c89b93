package io.lmkit.spark.internal;

import io.lmkit.core.LmkitException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import scala.Tuple2;

/**
 * Counts the n-grams of every order of a corpus as lm-ngram's {@code NgramCounts} does (each sentence is
 * {@code <s>}, its words, {@code </s>}; every n-gram ending at a word or at {@code </s>}, cut at {@code <s>}),
 * with one shuffle for every order, then each n-gram's Kneser-Ney continuation count N1+(• g) with a second.
 */
public final class NgramCounting {

    /** Bits of a position that hold the token's index in its sentence. */
    static final int TOKEN_BITS = 28;

    private NgramCounting() {
    }

    /** A corpus position: the sentence's line index, then the token's index in it, as one ordered number. */
    public static long position(long line, int token) {
        return line << TOKEN_BITS | token;
    }

    /** Fails when a sentence has too many tokens for {@link #position} to number. */
    static void requireNumberable(long line, int tokens) {
        if (tokens >= (1 << TOKEN_BITS) - 1) {
            throw new LmkitException("input line " + (line + 1) + " has " + tokens + " tokens, more than"
                    + " the " + ((1 << TOKEN_BITS) - 2) + " a sentence may have here; split it into sentences");
        }
    }

    /** Every n-gram of orders 1..{@code order} with its counts. */
    public static JavaPairRDD<Gram, Counted> count(JavaPairRDD<Long, int[]> sentences, int order, int bos, int eos) {
        JavaPairRDD<Gram, Counted> occurrences = sentences.flatMapToPair(s -> {
            int[] ids = s._2();
            requireNumberable(s._1(), ids.length);
            List<Tuple2<Gram, Counted>> out = new ArrayList<>();
            for (int i = 0; i <= ids.length; i++) {
                long at = position(s._1(), i);
                for (int k = 1; k <= Math.min(i + 2, order); k++) {
                    int[] g = new int[k];
                    for (int j = 0; j < k; j++) {
                        int p = i - k + 1 + j; // -1 is <s>, ids.length is </s>
                        g[j] = p < 0 ? bos : p == ids.length ? eos : ids[p];
                    }
                    out.add(new Tuple2<>(new Gram(g), new Counted(1, at, 0)));
                }
            }
            return out.iterator();
        }).reduceByKey(Counted::plus);
        JavaPairRDD<Gram, Counted> continuations = occurrences.filter(e -> e._1().length() >= 2)
                .mapToPair(e -> new Tuple2<>(e._1().suffix(), new Counted(0, Long.MAX_VALUE, 1)));
        return occurrences.union(continuations).reduceByKey(Counted::plus);
    }
}
