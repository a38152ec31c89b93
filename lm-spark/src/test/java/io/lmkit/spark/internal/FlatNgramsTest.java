package io.lmkit.spark.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** N-grams without an object each: sorted into trie order, repeats added; counted as lm-ngram counts them. */
class FlatNgramsTest {

    @Test
    void trieOrderIsLexicographicByWordId() {
        int[] flat = {3, 1, 0, 9, 3, 0, 0, 2};
        assertArrayEquals(new int[] {3, 1, 2, 0}, FlatNgrams.trieOrder(flat, 4, 2), "(0 2) (0 9) (3 0) (3 1)");
    }

    @Test
    void sortAndSumGivesEachNgramOnceWithItsCountsAdded() {
        FlatNgrams f = new FlatNgrams(2);
        int[] ids = {4, 1, 4, 1, 0, 4, 1, 4};
        for (int i = 0; i + 1 < ids.length; i++) {
            f.add(ids, i, 1);
        }
        f.add(new Gram(new int[] {0, 4}), 5);
        f.sortAndSum();
        assertEquals(4, f.size());
        assertArrayEquals(new int[] {0, 4, 1, 0, 1, 4, 4, 1}, Arrays.copyOf(f.words(), 8), "(0 4) (1 0) (1 4) (4 1)");
        assertArrayEquals(new long[] {6, 1, 2, 3}, Arrays.copyOf(f.counts(), 4));
    }

    @Test
    void aPartitionsNgramsAreCountedAsLmNgramCountsThem() {
        // Sentences "7 8 7" and "8": <s> 7 8 7 </s>, <s> 8 </s>; <s> is 1, </s> is 2.
        List<Tuple2<Long, int[]>> sentences = List.of(new Tuple2<>(0L, new int[] {7, 8, 7}),
                new Tuple2<>(1L, new int[] {8}));
        Map<String, Long> got = new TreeMap<>();
        HistoryKneserNey.countedInPartition(sentences.iterator(), 3, 1, 2)
                .forEachRemaining(e -> got.put(e._1().toString(), e._2()));
        Map<String, Long> want = new TreeMap<>();
        for (String g : List.of("[1, 7]", "[7, 8]", "[8, 7]", "[7, 2]", "[1, 8]", "[8, 2]",
                "[1, 7, 8]", "[7, 8, 7]", "[8, 7, 2]", "[1, 8, 2]")) {
            want.put(g, 1L);
        }
        assertEquals(want, got);
    }
}
