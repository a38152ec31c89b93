package io.lmkit.ngram.arpa;

/** How scoring treats {@code <unk>} in a model read from an ARPA file. */
public enum UnknownWord {
    /**
     * {@code <unk>} is an ordinary word: it is scored in its context and stays in the context of
     * the next word, whose score includes {@code <unk>}'s backoff when it backs off. This is what
     * KenLM's {@code query} does (in KenLM's {@code test.arpa}, "more" after an unknown word scores
     * −1.20632 − 20, {@code <unk>}'s backoff being −20), and lmkit's own convention, so that an ARPA
     * file lmkit wrote reads back to the same model. The default.
     */
    ORDINARY_WORD,
    /**
     * {@code <unk>} is scored with its unigram probability plus the backoffs of the context, and the
     * next word starts from an empty context, as if the text had been cut at the unknown word. No
     * reference tool does this (KenLM's {@code query} keeps the context); it is kept for model files
     * that were imported with it ({@code --unk forget-context}, formerly {@code reset}).
     */
    RESETS_CONTEXT
}
