/**
 * Sorting n-gram records in bounded memory, as KenLM's lmplz does with {@code -S}: records (an
 * n-gram's word numbers and a count) fill a buffer of a fixed size; a full buffer is sorted, equal
 * n-grams are added up, and it goes to a temporary file as a sorted run; the runs are then read
 * back as one sorted stream through a k-way merge. When everything fits, the one buffer is the one
 * run and nothing is written: the in-memory and the spilling paths are the same code.
 *
 * <p><b>Public API</b> of lm-ngram (the bounded-memory estimators of {@code io.lmkit.ngram.estimate} take
 * and give its types): kept binary compatible between releases once a release exists (docs/API.md).
 */
package io.lmkit.ngram.spill;
