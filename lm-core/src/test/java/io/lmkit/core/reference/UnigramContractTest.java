package io.lmkit.core.reference;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.testkit.LanguageModelContract;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import java.util.List;

class UnigramContractTest extends LanguageModelContract {

    private final Corpus corpus = Corpus.of(ReferenceModelsTest.SAM_VOCABULARY, ReferenceModelsTest.SAM);

    @Override
    protected LanguageModel model() {
        return new UnigramProvider().trainer().train(TrainingData.of(corpus), new UnigramProvider.Config(0.25), 1,
                TrainingListener.NONE);
    }

    @Override
    protected List<int[]> probeSentences() {
        return List.of(corpus.sentence(1), corpus.sentence(2));
    }
}
