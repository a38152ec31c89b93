package io.lmkit.core.reference;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.vocab.Vocabulary;
import java.util.Arrays;

/**
 * Every predicted symbol equally likely: P(w) = 1 / |V \ {&lt;s&gt;}|. The baseline of every
 * comparison; its perplexity is exactly the number of predicted symbols.
 */
public final class UniformModel implements LanguageModel {

    private final Vocabulary vocabulary;
    private final double lnProb;

    /** A uniform distribution over the symbols of {@code vocabulary} except {@code <s>}. */
    public UniformModel(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.lnProb = -Math.log(vocabulary.predictedCount());
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public ModelState begin() {
        return SingletonState.INSTANCE;
    }

    @Override
    public Score score(ModelState state, int word) {
        ReferenceModels.checkPredictable(vocabulary, word);
        return new Score(lnProb, SingletonState.INSTANCE);
    }

    @Override
    public void nextLnProbs(ModelState state, double[] lnProbs) {
        Arrays.fill(lnProbs, lnProb);
        lnProbs[vocabulary.bos()] = Double.NEGATIVE_INFINITY;
    }

    @Override
    public void writeData(ModelDataSink sink) {
        // Nothing is learned: the vocabulary, which the model file holds, defines the model.
    }
}
