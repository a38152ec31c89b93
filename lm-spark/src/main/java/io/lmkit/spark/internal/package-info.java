/**
 * The Spark jobs behind {@link io.lmkit.spark.Estimate}: reading and counting, the estimators (with lm-ngram's
 * formulas), the per-context folds in lm-ngram's order, and the streamed model file. Not API.
 */
package io.lmkit.spark.internal;
