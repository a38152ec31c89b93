package org.example.lmkit.cache;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.testkit.LanguageModelContract;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import java.util.List;

/** The cache model keeps lm-core's LanguageModel contract (from lm-core's test-jar), with a short window. */
class CacheUnigramContractTest extends LanguageModelContract {

    private final Corpus corpus = Corpus.of(CacheUnigramModelTest.VOCABULARY, CacheUnigramModelTest.TEXT);

    @Override
    protected LanguageModel model() {
        return new CacheUnigramProvider().trainer().train(TrainingData.of(corpus),
                new CacheUnigramProvider.Config(0.4, 3, 0.5), 1, TrainingListener.NONE);
    }

    @Override
    protected List<int[]> probeSentences() {
        // Repeated words, an unknown word and more words than the window.
        return List.of(corpus.sentence(0), corpus.sentence(2), corpus.sentence(3));
    }
}
