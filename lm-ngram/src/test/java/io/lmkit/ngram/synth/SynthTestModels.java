package io.lmkit.ngram.synth;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A small modified Kneser-Ney model trained in the test, whose vocabulary leaves rare words as {@code <unk>}. */
final class SynthTestModels {

    private SynthTestModels() {
    }

    /**
     * 2,000 sentences of 3 to 12 words from 60 words with skewed frequencies (seed 5), one word in ten
     * a rare one; the words seen fewer than 3 times become {@code <unk>}; modified Kneser-Ney of {@code order}.
     */
    static NgramModel mkn(int order) {
        SplittableRandom random = new SplittableRandom(5);
        List<List<String>> sentences = new ArrayList<>();
        for (int s = 0; s < 2000; s++) {
            List<String> words = new ArrayList<>();
            int length = 3 + random.nextInt(10);
            String previous = "w0";
            for (int i = 0; i < length; i++) {
                // Skewed and dependent on the previous word: squares favour low numbers.
                int r = random.nextInt(60);
                int w = (r * r / 60 + previous.length() * 7) % 60;
                previous = "w" + w;
                // One word in ten is seen about once: the vocabulary leaves it out, so it is <unk>.
                words.add(random.nextInt(10) == 0 ? "rare" + random.nextInt(100_000) : previous);
            }
            sentences.add(words);
        }
        Map<String, Long> counts = new HashMap<>();
        sentences.forEach(s -> s.forEach(w -> counts.merge(w, 1L, Long::sum)));
        Corpus corpus = Corpus.of(Vocabulary.fromCounts(counts, 3, Integer.MAX_VALUE), sentences);
        return KneserNey.estimate(NgramCounts.count(corpus, order), KneserNey.Variant.MODIFIED);
    }
}
