package io.lmkit.cli.internal;

/**
 * Where {@code lmkit score} writes: each sentence as soon as it is scored, then the summary. An
 * output keeps running totals only, never the sentences, so memory stays the same over any input.
 */
interface ScoreOutput {

    /** Writes one scored sentence and flushes it, so a reader of a pipe sees it at once. */
    void sentence(SentenceScore s);

    /** Writes what follows the sentences (the perplexity lines) and flushes. */
    void finish();
}
