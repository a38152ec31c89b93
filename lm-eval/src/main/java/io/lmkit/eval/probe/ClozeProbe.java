package io.lmkit.eval.probe;

import io.lmkit.core.LmkitException;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.vocab.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a cloze suite with language models: for each item, the log-probability of the whole
 * sentence (and its {@code </s>}) with each candidate in the blank, through
 * {@link LanguageModel#scoreSentence} only, so every model family and a user's own plugin are
 * scored alike.
 *
 * <p>Sentences are compared as wholes, so a candidate of several words pays for each of them,
 * and the words after the blank count too: "opened their books ." is scored up to the full stop.
 * A word the model's vocabulary does not know is scored as {@code <unk>} (the model's probability
 * of some rare word), and the result says so for each candidate.
 */
public final class ClozeProbe {

    /** Scores every item of {@code suite} with {@code model}. */
    public ClozeModelResult score(String label, LanguageModel model, ClozeSuite suite) {
        List<ClozeItemResult> results = new ArrayList<>();
        for (ClozeItem item : suite.items()) {
            results.add(score(model, item));
        }
        return new ClozeModelResult(label, results);
    }

    /**
     * Scores {@code suite} with every model, in the map's order: the entry point for reports.
     *
     * @param models the models by their label in the report
     */
    public ClozeReport run(Map<String, ? extends LanguageModel> models, ClozeSuite suite) {
        List<ClozeModelResult> results = new ArrayList<>();
        for (Map.Entry<String, ? extends LanguageModel> e : new LinkedHashMap<>(models).entrySet()) {
            results.add(score(e.getKey(), e.getValue(), suite));
        }
        return new ClozeReport(suite, results);
    }

    /** Scores the default suite ({@link ClozeSuite#defaultSuite()}) with every model, in the map's order. */
    public ClozeReport run(Map<String, ? extends LanguageModel> models) {
        return run(models, ClozeSuite.defaultSuite());
    }

    /** Scores one item: one sentence log-probability per candidate. */
    public ClozeItemResult score(LanguageModel model, ClozeItem item) {
        Vocabulary v = model.vocabulary();
        List<CandidateScore> scores = new ArrayList<>();
        for (String candidate : item.candidates()) {
            List<String> words = item.filled(candidate);
            int[] ids = new int[words.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = id(v, words.get(i), item);
            }
            double lnProb = 0;
            for (double lp : model.scoreSentence(ids)) {
                lnProb += lp;
            }
            scores.add(new CandidateScore(candidate, lnProb, unknown(v, ClozeItem.words(candidate))));
        }
        List<String> promptWords = ClozeItem.words(item.prompt()).stream()
                .filter(w -> !w.equals(ClozeItem.BLANK)).toList();
        return new ClozeItemResult(item, scores, unknown(v, promptWords));
    }

    private static int id(Vocabulary v, String word, ClozeItem item) {
        if (word.equals(Vocabulary.BOS) || word.equals(Vocabulary.EOS)) {
            throw new LmkitException(item.source() + ": item " + item.id() + " contains " + word + ", which the"
                    + " probe adds itself around every sentence; remove it from the suite");
        }
        return v.id(word);
    }

    /** The words the vocabulary maps to {@code <unk>} ({@code <unk>} itself, written on purpose, excepted). */
    private static List<String> unknown(Vocabulary v, List<String> words) {
        return words.stream().filter(w -> !v.contains(w)).distinct().toList();
    }
}
