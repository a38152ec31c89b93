/**
 * Packed hash tables of n-grams and counts behind the models.
 *
 * <p><b>Implementation, not public API</b>: the storage of the n-gram models, reached through {@link
 * io.lmkit.ngram.NgramModel}. Its classes may change or move in any release; do not depend on them.
 */
package io.lmkit.ngram.internal;
