package io.lmkit.eval.probe;

/**
 * How well one model predicts the value at one distance from its key.
 *
 * @param distance     d, positions from the key to the value
 * @param examples     test sentences of this distance
 * @param accuracy     the share whose value the model ranks first among the values (a tie between
 *                     t values counts 1/t, the chance of picking right), 0..1; chance is 1 / keys
 * @param valueLogLoss the mean −ln p(value | context, the next word is a value), nats: the
 *                     model's distribution renormalised over the values, so not knowing when the
 *                     sentence ends costs nothing; chance is ln(keys)
 * @param logLoss      the mean −ln p(value | context), nats, over the whole vocabulary
 */
public record LongRangePoint(int distance, int examples, double accuracy, double valueLogLoss, double logLoss) {
}
