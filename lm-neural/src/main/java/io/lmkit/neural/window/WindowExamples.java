package io.lmkit.neural.window;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.output.OutputClasses;

/**
 * Every prediction of a corpus as a training example: the n−1 previous words ({@code <s>} before
 * the sentence start) and the target class, for each word and each {@code </s>}. Packed in two
 * int arrays.
 */
final class WindowExamples {

    final int context;
    final int[] windows;   // [examples × context], oldest word first
    final int[] targets;   // class of each example

    WindowExamples(Corpus corpus, int context) {
        Vocabulary v = corpus.vocabulary();
        this.context = context;
        int n = (int) corpus.tokenCount();
        this.windows = new int[n * context];
        this.targets = new int[n];
        int e = 0;
        for (int s = 0; s < corpus.sentenceCount(); s++) {
            int[] words = corpus.sentence(s);
            for (int i = 0; i <= words.length; i++, e++) {
                for (int j = 0; j < context; j++) {
                    int p = i - context + j;
                    windows[e * context + j] = p < 0 ? v.bos() : words[p];
                }
                targets[e] = OutputClasses.of(v, i < words.length ? words[i] : v.eos());
            }
        }
    }

    int size() {
        return targets.length;
    }

    /** The windows of the given examples, by position then by example. */
    int[][] windows(int[] examples, int from, int to) {
        int[][] out = new int[context][to - from];
        for (int i = from; i < to; i++) {
            int e = examples == null ? i : examples[i];
            for (int j = 0; j < context; j++) {
                out[j][i - from] = windows[e * context + j];
            }
        }
        return out;
    }

    int[] targets(int[] examples, int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = targets[examples == null ? i : examples[i]];
        }
        return out;
    }
}
