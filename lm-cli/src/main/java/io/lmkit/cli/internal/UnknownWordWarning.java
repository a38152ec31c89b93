package io.lmkit.cli.internal;

import io.lmkit.core.corpus.Corpus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Warns, once per training run, when the vocabulary misses much of the training text: those words
 * all become {@code <unk>}, so the model learns little about them and evaluation later reports a
 * perplexity over a mostly-unknown text. The threshold, 10 %, lets the vocabularies of the usual
 * protocols pass quietly (brown-v1's words seen at least 4 times leave 5.8 % of its training words
 * unknown, Mikolov's Penn Treebank about 5 %), while one that misses a large part of the text is
 * caught. Words that are {@code <unk>} in the text itself are not counted: the vocabulary did not
 * lose them.
 */
final class UnknownWordWarning {

    /** The share of training words that may become {@code <unk>} without a warning. */
    static final double THRESHOLD = 0.10;

    private UnknownWordWarning() {
    }

    /** Prints the warning to {@code err} when more than {@link #THRESHOLD} of the words are unknown. */
    static void check(Corpus corpus, Path file, PrintWriter err) {
        long words = corpus.wordCount();
        long unknown = corpus.unknownWordCount();
        if (words > 0 && unknown > THRESHOLD * words) {
            err.println(String.format(Locale.ROOT, "lmkit: warning: %.1f%% of the words of %s (%,d of %,d) are not in"
                            + " the vocabulary of %,d words and become <unk>; use a larger vocabulary (a --vocab file with"
                            + " more words, a higher --max-vocab or a lower --min-count)", 100.0 * unknown / words, file,
                    unknown, words, corpus.vocabulary().size()));
            err.flush();
        }
    }
}
