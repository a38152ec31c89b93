package io.lmkit.core.reference;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.testkit.LanguageModelContract;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import java.util.List;

class UniformContractTest extends LanguageModelContract {

    private final Corpus corpus = Corpus.of(ReferenceModelsTest.SAM_VOCABULARY, ReferenceModelsTest.SAM);

    @Override
    protected LanguageModel model() {
        return new UniformProvider().trainer().train(TrainingData.of(corpus), new UniformProvider.Config(), 1,
                TrainingListener.NONE);
    }

    @Override
    protected List<int[]> probeSentences() {
        return List.of(corpus.sentence(0), corpus.sentence(2));
    }
}
