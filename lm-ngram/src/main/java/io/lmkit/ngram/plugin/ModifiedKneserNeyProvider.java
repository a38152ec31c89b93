package io.lmkit.ngram.plugin;

import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.estimate.Pruning;

/** The {@code modified-kneser-ney} plugin: interpolated modified Kneser-Ney, as KenLM's lmplz estimates it. */
public final class ModifiedKneserNeyProvider extends NgramProvider<ModifiedKneserNeyProvider.Config> {

    /**
     * Settings of modified Kneser-Ney.
     *
     * @param order              the n-gram order, 1..9
     * @param prune              lmplz's {@code --prune} thresholds, one count per order from the
     *                           unigrams up, e.g. {@code "0 0 1"}; empty for none
     * @param discountStatistics {@code textbook} (the default) or {@code lmplz}, which reproduces
     *                           lmplz's counts-of-counts exactly (see {@link KneserNey.DiscountStatistics})
     * @param memory             empty (the default) to estimate in memory, or a size such as {@code 4g}
     *                           (lmplz's {@code -S}): counting and estimation keep about that much heap and
     *                           sort on disk; the same model, bit for bit, with its tables written in
     *                           the trie layout as they are sorted, never held in the heap
     * @param tempDir            where the sorted runs go with {@code memory} (default: the system's
     *                           temporary folder); removed at the end
     * @param checkpointDir      empty (the default), or a folder where an estimation with {@code memory} keeps
     *                           its runs and a checkpoint after each step, so that, stopped (an error, Ctrl-C,
     *                           a kill), the same command goes on from the last one; emptied when the model is
     *                           made
     */
    public record Config(int order, String prune, KneserNey.DiscountStatistics discountStatistics, String memory,
                         String tempDir, String checkpointDir) implements NgramConfig {
        /** Validates every setting. */
        public Config {
            checkOrder(order);
            Pruning.parse(prune);
            java.util.Objects.requireNonNull(discountStatistics, "discountStatistics");
            SortedSettings.of(memory, tempDir, checkpointDir, order);
        }
    }

    @Override
    public String name() {
        return "modified-kneser-ney";
    }

    @Override
    public String description() {
        return "interpolated modified Kneser-Ney (Chen & Goodman: D1, D2, D3+ per order); equals KenLM lmplz";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(3, "", KneserNey.DiscountStatistics.TEXTBOOK, "", "", "");
    }

    @Override
    protected java.util.Optional<NgramModel> estimateInSortedRuns(io.lmkit.core.corpus.Corpus corpus, Config config,
                                                                  io.lmkit.ngram.estimate.EstimationProgress pass) {
        SortedSettings sorted = SortedSettings.of(config.memory(), config.tempDir(), config.checkpointDir(),
                config.order());
        return sorted.memoryBytes().map(bytes -> io.lmkit.ngram.estimate.SortedEstimation.estimate(corpus,
                config.order(), KneserNey.Variant.MODIFIED, config.discountStatistics(), Pruning.parse(config.prune()), bytes,
                sorted.tempDir(), sorted.checkpointDir(), pass));
    }

    @Override
    protected NgramModel estimate(NgramCounts counts, Config config) {
        return KneserNey.estimate(counts, KneserNey.Variant.MODIFIED, config.discountStatistics(),
                Pruning.parse(config.prune()));
    }
}
