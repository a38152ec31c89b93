package io.lmkit.core.model;

import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A language model: the probability of the next word given the text so far, for every model
 * family (n-gram, fixed-window neural, recurrent) through one state-passing API in the manner of
 * KenLM's {@code FullScore(in_state, word, out_state)}.
 *
 * <p>{@link #begin()} gives the state after {@code <s>}. {@link #score} gives the log-probability
 * of a word after a state and the state after it. The evaluator, the sampler and the comparison
 * harness use nothing else, so any implementation gets them for free. Probabilities cross the API
 * as natural logarithms. {@code <s>} is context only and is never scored; {@code </s>} is
 * predicted at the end of every sentence.
 *
 * <p>Implementations are immutable once trained and safe to call from several threads.
 */
public interface LanguageModel {

    /** The closed vocabulary whose ids this model scores. */
    Vocabulary vocabulary();

    /** The state at the beginning of a sentence, after {@code <s>}. */
    ModelState begin();

    /**
     * Scores {@code word} after {@code state}.
     *
     * @param state a state this model made
     * @param word  a vocabulary id other than {@link Vocabulary#bos()}
     * @throws IllegalArgumentException when {@code word} is {@code <s>} or outside the vocabulary
     */
    Score score(ModelState state, int word);

    /**
     * Fills {@code lnProbs} (length {@link Vocabulary#size()}) with the natural-log probability of
     * every word after {@code state}: the full next-word distribution, for sampling and probes.
     * The entry of {@code <s>} is {@code Double.NEGATIVE_INFINITY}.
     */
    void nextLnProbs(ModelState state, double[] lnProbs);

    /**
     * Whether this model's numbers are probabilities. Models that return {@link ScoreKind#SCORE}
     * are refused by the perplexity evaluator.
     */
    default ScoreKind scoreKind() {
        return ScoreKind.PROBABILITY;
    }

    /**
     * The natural-log probability of every word of a sentence and of the {@code </s>} after it,
     * starting from {@link #begin()}: an array of {@code words.length + 1} entries. Neural models
     * override this to score a whole sentence with a few large matrix operations.
     */
    default double[] scoreSentence(int[] words) {
        double[] out = new double[words.length + 1];
        ModelState state = begin();
        for (int i = 0; i < words.length; i++) {
            Score s = score(state, words[i]);
            out[i] = s.lnProb();
            state = s.next();
        }
        out[words.length] = score(state, vocabulary().eos()).lnProb();
        return out;
    }

    /**
     * {@link #scoreSentence} for each of several sentences, in order: the same numbers, but neural
     * models override this to score many sentences in one forward pass (a [steps × sentences]
     * batch), which is several times faster than one sentence at a time. The evaluator hands
     * sentences over in blocks, so an implementation may hold a block's activations at once.
     */
    default List<double[]> scoreSentences(List<int[]> sentences) {
        List<double[]> out = new ArrayList<>(sentences.size());
        for (int[] words : sentences) {
            out.add(scoreSentence(words));
        }
        return out;
    }

    /**
     * Scores {@code sentences} as one stream, in order (the stream protocol of Mikolov's RNNLM and
     * PyTorch's word_language_model): every word and one {@code </s>} per sentence is predicted, as
     * by {@link #scoreSentences}, but a model that {@linkplain #carriesContext carries context} keeps
     * it from each sentence into the next: after a sentence's {@code </s>} is predicted, one boundary
     * input (the {@code <s>} row, which lmkit's training also feeds at each sentence start) leads to
     * the next sentence's first word, with no reset. The numbers equal a walk of the state API from
     * {@link #begin()} through every word and {@code </s>}, each next sentence starting in
     * {@link #nextSentence} of the state after the previous sentence's last word.
     *
     * <p>The default scores each sentence on its own: the stream protocol of n-gram models, which
     * restart at {@code <s>} as KenLM and SRILM do, and the fallback of any model that does not
     * override it (its {@link #carriesContext} stays false, so reports label its numbers as per
     * sentence).
     *
     * @return the ln-probabilities of each sentence's words and {@code </s>}, in order
     */
    default List<double[]> scoreStream(List<int[]> sentences) {
        return scoreSentences(sentences);
    }

    /**
     * The state in which the next sentence of a stream starts, given {@code afterLastWord}, the state
     * after the previous sentence's last word (from which its {@code </s>} is predicted). The default
     * is {@link #begin()}: a new sentence restarts at {@code <s>}, as n-gram toolkits do. A model
     * that carries context returns the state after the boundary input ({@code <s>}) from that state.
     */
    default ModelState nextSentence(ModelState afterLastWord) {
        return begin();
    }

    /**
     * Whether {@link #scoreStream} and {@link #nextSentence} carry context across sentences (a
     * recurrent model's hidden state, a fixed-window model's window); false (the default) when the
     * stream protocol scores this model per sentence.
     */
    default boolean carriesContext() {
        return false;
    }

    /**
     * Writes what this model learned (not its vocabulary or config, which the model file holds
     * already) as named entries; its {@code ModelProvider} reads them back.
     */
    void writeData(ModelDataSink sink) throws IOException;
}
