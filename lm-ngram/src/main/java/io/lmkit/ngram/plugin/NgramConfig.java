package io.lmkit.ngram.plugin;

/** What every n-gram model config has: its order. */
public interface NgramConfig {

    /** The order n, 1..9: the model conditions on at most n−1 previous words. */
    int order();
}
