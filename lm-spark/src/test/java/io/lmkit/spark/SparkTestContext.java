package io.lmkit.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** One Spark context in local mode on two cores, shared by the tests of a JVM (a context takes seconds to start). */
final class SparkTestContext {

    private static JavaSparkContext context;

    private SparkTestContext() {
    }

    /** The shared context, started on first use and stopped when the JVM exits. */
    static synchronized JavaSparkContext get() {
        if (context == null) {
            SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("lm-spark tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.sql.shuffle.partitions", "4");
            // As Estimate.main runs: Kryo, with lmkit's registrator.
            Estimate.useKryo(conf);
            context = new JavaSparkContext(conf);
            context.setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(context::stop));
        }
        return context;
    }
}
