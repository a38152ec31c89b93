package io.lmkit.eval.mixture;

import io.lmkit.core.io.EmbeddedModels;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.LinearMixture;
import java.io.IOException;
import java.util.List;

/**
 * A {@link LinearMixture} of models read from model files, which can be saved as one model file: SRILM's
 * {@code ngram -lm A -mix-lm B -lambda 0.6 -write-lm AB} for any model families (n-gram, neural, recurrent,
 * plugins). Scoring is the {@link LinearMixture}'s, so a saved mixture scores exactly what the same mixture does in
 * memory.
 *
 * <p><b>Why the file embeds its models</b> rather than naming them by path and checksum: one file is the whole
 * model, so it can be copied, archived and published alone, and it can never point at a component that was moved,
 * retrained or deleted (with references, every such change would turn a working mixture into an error, and a
 * relative path would depend on where the command runs). The cost is disk space: the mixture is as large as its
 * components together. Each component is written as a complete model file, its own manifest (plugin, config,
 * seed, training data fingerprint) included, under {@code data/component-N/} ({@link EmbeddedModels}); the
 * mixture file is written atomically like every model file, and reading it checks every entry's SHA-256 and the
 * size limits of manifests and vocabularies for the components too (docs/RELIABILITY.md, "Hostile files").
 */
public final class MixtureModel implements LanguageModel {

    private final List<ModelFile.Loaded> components;
    private final LinearMixture mixture;

    /**
     * Mixes models read from model files.
     *
     * @param components the models with their manifests, which are written with them; two or more, of one
     *                   vocabulary, each giving probabilities
     * @param weights    one per component, each in [0, 1], summing to 1
     */
    public MixtureModel(List<ModelFile.Loaded> components, double[] weights) {
        this.components = List.copyOf(components);
        this.mixture = new LinearMixture(components.stream().map(ModelFile.Loaded::model).toList(), weights);
    }

    /** The name of the {@code i}-th component (from 0) inside the model file: {@code component-1}, .... */
    static String componentName(int i) {
        return "component-" + (i + 1);
    }

    /** The components with their manifests, in order. */
    public List<ModelFile.Loaded> components() {
        return components;
    }

    /** The weight of each component, in order. */
    public double[] weights() {
        return mixture.weights();
    }

    /** The mixture as it scores. */
    public LinearMixture mixture() {
        return mixture;
    }

    @Override
    public Vocabulary vocabulary() {
        return mixture.vocabulary();
    }

    @Override
    public ModelState begin() {
        return mixture.begin();
    }

    @Override
    public Score score(ModelState state, int word) {
        return mixture.score(state, word);
    }

    @Override
    public void nextLnProbs(ModelState state, double[] lnProbs) {
        mixture.nextLnProbs(state, lnProbs);
    }

    @Override
    public double[] scoreSentence(int[] words) {
        return mixture.scoreSentence(words);
    }

    @Override
    public List<double[]> scoreSentences(List<int[]> sentences) {
        return mixture.scoreSentences(sentences);
    }

    @Override
    public List<double[]> scoreStream(List<int[]> sentences) {
        return mixture.scoreStream(sentences);
    }

    @Override
    public ModelState nextSentence(ModelState afterLastWord) {
        return mixture.nextSentence(afterLastWord);
    }

    @Override
    public boolean carriesContext() {
        return mixture.carriesContext();
    }

    @Override
    public void writeData(ModelDataSink sink) throws IOException {
        for (int i = 0; i < components.size(); i++) {
            ModelFile.Loaded c = components.get(i);
            EmbeddedModels.write(sink, componentName(i), c.manifest(), c.model());
        }
    }
}
