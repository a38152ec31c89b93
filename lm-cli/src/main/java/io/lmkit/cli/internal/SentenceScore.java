package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.CountModel;
import io.lmkit.ngram.NgramModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The score of one sentence word by word, as KenLM's {@code query} prints it: every word and the
 * closing {@code </s>} with its log10 probability and, for n-gram models, the length of the
 * n-gram that matched.
 *
 * @param text  the sentence as given
 * @param words the scored words, {@code </s>} last
 */
record SentenceScore(String text, List<WordScore> words) {

    /**
     * One scored word.
     *
     * @param word         the word as written ({@code </s>} for the end of the sentence)
     * @param id           its vocabulary id ({@code <unk>}'s when out of vocabulary)
     * @param oov          whether the word is outside the vocabulary
     * @param log10Prob    log10 P(word | history); {@code -Infinity} for probability 0
     * @param matchedOrder the order of the n-gram that matched (1 = unigram), or 0 for a model
     *                     that has no n-grams (a neural model)
     * @param kenlmLog10Prob log10Prob as KenLM computes it (float arithmetic) for an n-gram model;
     *                     else log10Prob as a float
     */
    record WordScore(String word, int id, boolean oov, double log10Prob, int matchedOrder, float kenlmLog10Prob) {

        WordScore(String word, int id, boolean oov, double log10Prob, int matchedOrder) {
            this(word, id, oov, log10Prob, matchedOrder, (float) log10Prob);
        }
    }

    /**
     * Scores {@code text} (split into {@code words}) with {@code model}, from the sentence start.
     *
     * @throws LmkitException when the words contain {@code <s>}, which no model predicts
     */
    static SentenceScore of(LanguageModel model, String text, List<String> words) {
        return continued(model, model.begin(), text, words).score();
    }

    /**
     * A sentence scored from {@code start}, and the state the next sentence of the stream starts in.
     *
     * @param score the sentence's scores
     * @param next  {@link LanguageModel#nextSentence} of the state after the sentence's last word
     */
    record Continued(SentenceScore score, ModelState next) {
    }

    /**
     * Scores {@code text} from {@code start} (the stream protocol: the state the previous sentence
     * left), and gives the state the next sentence starts in.
     *
     * @throws LmkitException when the words contain {@code <s>}, which no model predicts
     */
    static Continued continued(LanguageModel model, ModelState start, String text, List<String> words) {
        refuseSentenceStart(words, null);
        Vocabulary vocabulary = model.vocabulary();
        List<WordScore> scored = new ArrayList<>(words.size() + 1);
        ModelState state = start;
        ModelState afterLastWord = start;
        for (int i = 0; i <= words.size(); i++) {
            String word = i < words.size() ? words.get(i) : Vocabulary.EOS;
            boolean oov = i < words.size() && !vocabulary.contains(word);
            int id = oov ? vocabulary.unk() : vocabulary.id(word);
            afterLastWord = state;
            if (model instanceof NgramModel ngram) {
                NgramModel.FullScore s = ngram.fullScore(state, id);
                scored.add(new WordScore(word, id, oov, s.log10Prob(), s.matchedOrder(), s.kenlmLog10Prob()));
                state = s.next();
            } else if (model instanceof CountModel counts) {
                // Count models (mle, laplace, lidstone) report their matched n-gram as KenLM would.
                int matched = counts.matchedOrder(state, id);
                Score s = model.score(state, id);
                scored.add(new WordScore(word, id, oov, s.log10Prob(), matched));
                state = s.next();
            } else {
                Score s = model.score(state, id);
                scored.add(new WordScore(word, id, oov, s.log10Prob(), 0));
                state = s.next();
            }
        }
        return new Continued(new SentenceScore(text, List.copyOf(scored)), model.nextSentence(afterLastWord));
    }

    /**
     * Refuses words that contain {@code <s>}: lmkit adds the sentence start itself and no model
     * predicts it. (KenLM's query scores it as a word of log10 probability −99 plus backoffs, which
     * swamps the sentence's total; an error that names the line is more use.)
     *
     * @param where the text's place for the message, e.g. {@code standard input:3}; null for none
     * @throws LmkitException when {@code words} contains {@code <s>}
     */
    static void refuseSentenceStart(List<String> words, String where) {
        if (words.contains(Vocabulary.BOS)) {
            throw new LmkitException((where == null ? "" : where + ": ") + "the text contains " + Vocabulary.BOS
                    + ", the sentence start that lmkit adds itself and no model predicts; remove it from the text"
                    + " (KenLM's query would score it as a word of log10 probability -99)");
        }
    }

    /** The sum of the log10 probabilities, {@code </s>} included. */
    double log10Total() {
        return words.stream().mapToDouble(WordScore::log10Prob).sum();
    }

    /** How many words are outside the vocabulary. */
    int oovCount() {
        return (int) words.stream().filter(WordScore::oov).count();
    }
}
