/**
 * The Spark jobs behind {@link io.lmkit.spark.Estimate}: reading and counting, the estimators (with lm-ngram's
 * formulas): {@link io.lmkit.spark.internal.HistoryKneserNey}, one shuffle of the n-grams by their second-to-last
 * word and each partition estimated on its own, and {@link io.lmkit.spark.internal.SparkKneserNey}, a shuffle per
 * step with per-context folds in lm-ngram's order; and the streamed model file. Not API.
 */
package io.lmkit.spark.internal;
