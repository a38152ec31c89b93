package io.lmkit.ngram;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import java.util.List;
import java.util.Map;

/** Small corpora whose n-gram counts and probabilities can be checked by hand. */
public final class TinyCorpus {

    private TinyCorpus() {
    }

    /** "a b / b a / a b" over the vocabulary {@code <unk> <s> </s> a b} (ids 0..4). */
    public static Corpus abba() {
        Vocabulary v = Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "a", "b"));
        return Corpus.of(v, List.of(List.of("a", "b"), List.of("b", "a"), List.of("a", "b")));
    }

    /** "I am Sam / Sam I am / I do not like green eggs and ham" with every word in the vocabulary. */
    public static Corpus sam() {
        List<List<String>> sentences = List.of(
                List.of("I", "am", "Sam"),
                List.of("Sam", "I", "am"),
                List.of("I", "do", "not", "like", "green", "eggs", "and", "ham"));
        Map<String, Long> counts = new java.util.HashMap<>();
        sentences.forEach(s -> s.forEach(w -> counts.merge(w, 1L, Long::sum)));
        return Corpus.of(Vocabulary.fromCounts(counts, 1, Integer.MAX_VALUE), sentences);
    }

    /** The sentences of a corpus, for probing states in contract tests. */
    public static List<int[]> sentences(Corpus corpus) {
        List<int[]> out = new java.util.ArrayList<>();
        for (int s = 0; s < corpus.sentenceCount(); s++) {
            out.add(corpus.sentence(s));
        }
        return out;
    }
}
