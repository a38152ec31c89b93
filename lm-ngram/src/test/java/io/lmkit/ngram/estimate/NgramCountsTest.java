package io.lmkit.ngram.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Counting against a count written the obvious way (every n-gram of every position, as a list of words, in a
 * hash map): the same n-grams, numbered in order of first appearance, with the same counts, continuation
 * counts and suffixes, for orders 1 to 6, on a corpus with sentences of 1 word up to sentences longer than
 * the blocks counting works in (256 positions) and the orders above ⌈n/2⌉ counted on a second thread.
 */
class NgramCountsTest {

    private static Corpus corpus() {
        Random random = new Random(7);
        List<String> words = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int i = 0; i < 30; i++) {
            words.add("w" + i);
        }
        List<List<String>> sentences = new ArrayList<>();
        for (int s = 0; s < 400; s++) {
            int length = s % 97 == 5 ? 300 + random.nextInt(500) : 1 + random.nextInt(12);
            List<String> sentence = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                // A skewed choice, so that n-grams repeat.
                sentence.add("w" + Math.min(random.nextInt(30), random.nextInt(30)));
            }
            sentences.add(sentence);
        }
        return Corpus.of(Vocabulary.ofWords(words), sentences);
    }

    /** Every n-gram of order k in order of first appearance, with how often it occurs. */
    private static Map<List<Integer>, Long> expected(Corpus c, int k) {
        Map<List<Integer>, Long> counts = new LinkedHashMap<>();
        Vocabulary v = c.vocabulary();
        for (int s = 0; s < c.sentenceCount(); s++) {
            int[] words = c.sentence(s);
            List<Integer> tokens = new ArrayList<>();
            tokens.add(v.bos());
            Arrays.stream(words).forEach(tokens::add);
            tokens.add(v.eos());
            for (int end = 1; end < tokens.size(); end++) {
                if (k == 1 || end - k + 1 >= 0) {
                    counts.merge(List.copyOf(tokens.subList(end - k + 1, end + 1)), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    @Test
    void everyOrderHasTheNgramsOfTheTextInOrderOfFirstAppearanceWithTheirCounts() {
        Corpus c = corpus();
        for (int order = 1; order <= 6; order++) {
            NgramCounts counts = NgramCounts.count(c, order);
            for (int k = 2; k <= order; k++) {
                Map<List<Integer>, Long> expected = expected(c, k);
                assertEquals(expected.size(), counts.size(k), "order " + k + " of " + order);
                int id = 0;
                for (Map.Entry<List<Integer>, Long> e : expected.entrySet()) {
                    int[] words = e.getKey().stream().mapToInt(Integer::intValue).toArray();
                    assertArrayEquals(words, counts.words(k, id), "n-gram " + id + " of order " + k);
                    assertEquals(e.getValue(), counts.occurrences(k, id), "count of " + e.getKey());
                    assertArrayEquals(Arrays.copyOfRange(words, 1, k), k == 2
                            ? new int[] {counts.suffix(k, id)} : counts.words(k - 1, counts.suffix(k, id)));
                    id++;
                }
            }
            for (int k = 1; k < order; k++) {
                // N1+(• g): the distinct words before g one order up.
                Map<List<Integer>, Set<Integer>> before = new HashMap<>();
                for (List<Integer> longer : expected(c, k + 1).keySet()) {
                    before.computeIfAbsent(longer.subList(1, k + 1), x -> new HashSet<>()).add(longer.get(0));
                }
                for (int id = 0; id < counts.size(k); id++) {
                    List<Integer> g = Arrays.stream(counts.words(k, id)).boxed().toList();
                    assertEquals(before.getOrDefault(g, Set.of()).size(), counts.continuations(k, id),
                            "continuations of " + g + " (order " + k + " of " + order + ")");
                }
            }
        }
    }
}
