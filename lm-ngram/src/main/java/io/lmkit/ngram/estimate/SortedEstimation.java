package io.lmkit.ngram.estimate;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.NgramModelBuilder;
import io.lmkit.ngram.spill.SpillFolder;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Interpolated Kneser-Ney estimated in bounded memory, as lmplz does with {@code -S}: counting
 * ({@link SortedCounts}), adjusted counts and discounts ({@link SortedDiscounts}), probabilities and
 * backoffs ({@link SortedProbabilities}), each a streaming pass over sorted runs in a private
 * temporary folder that is removed at the end, on failure too. The model equals
 * {@link KneserNey#estimate(NgramCounts, KneserNey.Variant, KneserNey.DiscountStatistics)}'s bit for
 * bit: the same probabilities and backoffs for the same n-grams.
 *
 * <p>Bounded: counting and estimation keep about {@code memoryBytes} of heap whatever the corpus; the
 * model's tables are then assembled in the heap (they are what scoring holds anyway).
 */
public final class SortedEstimation {

    private SortedEstimation() {
    }

    /**
     * Estimates the model of {@code order} from {@code corpus}.
     *
     * @param tempDir   where the temporary folder of sorted runs goes
     * @param passStarted told the name of each pass as it starts ("counting", "adjusting", "order 3", ...)
     */
    public static NgramModel estimate(Corpus corpus, int order, KneserNey.Variant variant,
                                      KneserNey.DiscountStatistics statistics, long memoryBytes, Path tempDir,
                                      Consumer<String> passStarted) {
        try (SpillFolder folder = new SpillFolder(tempDir)) {
            passStarted.accept("counting in sorted runs");
            SortedCounts counts = SortedCounts.count(corpus, order, memoryBytes, folder, t -> { });
            passStarted.accept("adjusted counts and discounts");
            SortedDiscounts.Adjusted adjusted = SortedDiscounts.adjust(counts, variant, statistics, folder, k -> { },
                    true);
            Vocabulary v = corpus.vocabulary();
            long[] sizes = new long[order];
            sizes[0] = v.size();
            for (int k = 2; k <= order; k++) {
                sizes[k - 1] = adjusted.adjusted()[k].records();
            }
            NgramModelBuilder builder = new NgramModelBuilder(v, order, sizes);
            passStarted.accept("probabilities and backoffs");
            SortedProbabilities.estimate(counts, adjusted, memoryBytes, folder, new Tables(counts, builder));
            return builder.build();
        }
    }

    /** Puts what the passes give into the model's tables: n-grams order by order, then their backoffs. */
    private static final class Tables implements SortedProbabilities.Sink {
        private final SortedCounts counts;
        private final NgramModelBuilder builder;
        // The last n-gram whose slot was looked up, and the slot of each of its prefixes (index j: the first
        // j words): the n-grams come in context order, so the next lookup shares most or all of its prefix.
        private final int[] lastRanks;
        private final int[] prefixSlots;
        private int lastLength;

        Tables(SortedCounts counts, NgramModelBuilder builder) {
            this.counts = counts;
            this.builder = builder;
            this.lastRanks = new int[counts.order() + 1];
            this.prefixSlots = new int[counts.order() + 1];
        }

        @Override
        public void unigram(int word, double p) {
            builder.unigram(word, Math.min(0.0, Math.log10(p)), 0.0);
        }

        @Override
        public void ngram(int k, int[] ranks, double p) {
            int context = slot(ranks, k - 1);
            builder.add(k, context, counts.word(ranks[k - 1]), (float) Math.min(0.0, Math.log10(p)), 0.0);
        }

        @Override
        public void backoff(int k, int[] ranks, double log10Backoff) {
            if (k == 1) {
                builder.setUnigramBackoff(counts.word(ranks[0]), log10Backoff);
            } else {
                builder.setBackoff(k, slot(ranks, k), log10Backoff);
            }
        }

        /**
         * The slot of the n-gram of the first {@code length} words of {@code ranks} (the word id for 1), stored in
         * the tables already; the prefixes it shares with the previous call's n-gram are not looked up again.
         */
        private int slot(int[] ranks, int length) {
            int shared = 0;
            while (shared < Math.min(length, lastLength) && ranks[shared] == lastRanks[shared]) {
                shared++;
            }
            if (shared == 0) {
                prefixSlots[1] = counts.word(ranks[0]);
                lastRanks[0] = ranks[0];
                shared = 1;
            }
            for (int j = shared + 1; j <= length; j++) {
                prefixSlots[j] = builder.find(j, prefixSlots[j - 1], counts.word(ranks[j - 1]));
                lastRanks[j - 1] = ranks[j - 1];
            }
            lastLength = length;
            return prefixSlots[length];
        }
    }
}
