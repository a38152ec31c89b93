package io.lmkit.ngram.plugin;

import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.ngram.estimate.Pruning;

/** The {@code kneser-ney} plugin: interpolated Kneser-Ney with one discount per order, D = n1/(n1 + 2 n2). */
public final class KneserNeyProvider extends NgramProvider<KneserNeyProvider.Config> {

    /**
     * Settings of Kneser-Ney.
     *
     * @param order the n-gram order, 1..9
     * @param prune   lmplz's {@code --prune} thresholds, one count per order from the unigrams up,
     *                e.g. {@code "0 0 1"}; empty for none
     * @param memory  empty (the default) to estimate in memory, or a size such as {@code 4g}: counting and
     *                estimation keep about that much heap and sort on disk; the same model, bit for bit, with
     *                its tables written in the trie layout as they are sorted, never held in the heap
     * @param tempDir where the sorted runs go with {@code memory} (default: the system's temporary folder)
     * @param checkpointDir empty (the default), or a folder where an estimation with {@code memory} keeps its
     *                runs and a checkpoint after each step, so that, stopped, the same command goes on from the
     *                last one; emptied when the model is made
     */
    public record Config(int order, String prune, String memory, String tempDir, String checkpointDir)
            implements NgramConfig {
        /** Validates every setting. */
        public Config {
            checkOrder(order);
            Pruning.parse(prune);
            SortedSettings.of(memory, tempDir, checkpointDir, order);
        }
    }

    @Override
    public String name() {
        return "kneser-ney";
    }

    @Override
    public String description() {
        return "interpolated Kneser-Ney, one discount per order D = n1/(n1+2 n2), continuation counts below";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config(3, "", "", "", "");
    }

    @Override
    protected java.util.Optional<NgramModel> estimateInSortedRuns(io.lmkit.core.corpus.Corpus corpus, Config config,
                                                                  io.lmkit.ngram.estimate.EstimationProgress pass) {
        SortedSettings sorted = SortedSettings.of(config.memory(), config.tempDir(), config.checkpointDir(),
                config.order());
        return sorted.memoryBytes().map(bytes -> io.lmkit.ngram.estimate.SortedEstimation.estimate(corpus,
                config.order(), KneserNey.Variant.ORIGINAL, KneserNey.DiscountStatistics.TEXTBOOK,
                Pruning.parse(config.prune()), bytes, sorted.tempDir(), sorted.checkpointDir(), pass));
    }

    @Override
    protected NgramModel estimate(NgramCounts counts, Config config) {
        return KneserNey.estimate(counts, KneserNey.Variant.ORIGINAL, KneserNey.DiscountStatistics.TEXTBOOK,
                Pruning.parse(config.prune()));
    }
}
