package io.lmkit.ngram.arpa;

/** How scoring treats {@code <unk>} in a model read from an ARPA file. */
public enum UnknownWord {
    /**
     * {@code <unk>} is an ordinary word of a closed vocabulary: it is scored in its context and
     * stays in the context of the next word. lmkit's own convention (brown-v1's {@code <unk>}), so
     * that an ARPA file lmkit wrote reads back to the same model.
     */
    ORDINARY_WORD,
    /**
     * {@code <unk>} stands for an out-of-vocabulary word: it is scored with its unigram
     * probability plus the backoffs of the context, and the next word starts from an empty context,
     * as KenLM's {@code query} does.
     */
    RESETS_CONTEXT
}
