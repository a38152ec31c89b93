package io.lmkit.eval.compare;

/**
 * The paired bootstrap of two models' test perplexities ({@link PairedBootstrap}): the observed
 * difference and its 95% percentile interval over resampled test sets.
 *
 * @param first            the first model's label
 * @param second           the second model's label
 * @param firstPerplexity  the first model's perplexity on the whole test split
 * @param secondPerplexity the second model's perplexity on the whole test split
 * @param difference       {@code firstPerplexity − secondPerplexity} (negative: the first is better)
 * @param lower            2.5th percentile of the resampled differences
 * @param upper            97.5th percentile of the resampled differences
 * @param firstBetterShare the share of resamples in which the first model had the lower perplexity, 0..1
 * @param resamples        how many resampled test sets were drawn
 */
public record PairedDifference(String first, String second, double firstPerplexity, double secondPerplexity,
                               double difference, double lower, double upper, double firstBetterShare,
                               int resamples) {

    /** Whether the 95% interval excludes 0, i.e. the difference is significant at the 5% level. */
    public boolean significant() {
        return lower > 0 || upper < 0;
    }
}
