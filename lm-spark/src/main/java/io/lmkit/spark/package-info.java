/**
 * n-gram estimation as Apache Spark jobs: {@link io.lmkit.spark.Estimate}, the entry point for
 * {@code spark-submit}, estimates modified Kneser-Ney or stupid backoff from text on any Hadoop file system and
 * writes the same model file as lm-ngram's single-machine estimator.
 */
package io.lmkit.spark;
