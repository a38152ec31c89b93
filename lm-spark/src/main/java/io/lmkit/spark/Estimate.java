package io.lmkit.spark;

import io.lmkit.core.LmkitException;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.plugin.ModifiedKneserNeyProvider;
import io.lmkit.ngram.plugin.StupidBackoffProvider;
import io.lmkit.spark.internal.Counted;
import io.lmkit.spark.internal.Estimated;
import io.lmkit.spark.internal.Gram;
import io.lmkit.spark.internal.KryoRegistration;
import io.lmkit.spark.internal.HistoryKneserNey;
import io.lmkit.spark.internal.KneserNeySettings;
import io.lmkit.spark.internal.ModelOutput;
import io.lmkit.spark.internal.NgramCounting;
import io.lmkit.spark.internal.SparkKneserNey;
import io.lmkit.spark.internal.SparkSentences;
import io.lmkit.spark.internal.SparkStupidBackoff;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The Spark entry point: estimates an n-gram model (modified Kneser-Ney or stupid backoff) from text on any Hadoop
 * file system as Spark jobs and writes the same lmkit model file (trie layout) that lm-ngram's single-machine
 * estimator gives, and optionally an ARPA file. Run it with {@code spark-submit --class io.lmkit.spark.Estimate};
 * without a master it runs in local mode on every core ({@code local[*]}). Exit status 0 when the model is
 * written, 1 for a failure (one line, {@code lmkit-spark: ...}), 2 for a bad command line.
 */
public final class Estimate {

    private Estimate() {
    }

    /** Runs the estimation with the arguments of {@link EstimateOptions#USAGE}, and exits with its status. */
    public static void main(String[] args) {
        int status;
        EstimateOptions options;
        try {
            options = EstimateOptions.parse(args);
        } catch (EstimateOptions.UsageException e) {
            System.err.println("lmkit-spark: " + e.getMessage());
            System.err.println(EstimateOptions.USAGE);
            System.exit(2);
            return;
        }
        SparkConf conf = new SparkConf().setAppName("lmkit estimate " + options.model() + " order " + options.order());
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        useKryo(conf);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            status = run(options, JavaSparkContext.fromSparkContext(spark.sparkContext()), System.out, System.err);
        } finally {
            spark.stop();
        }
        System.exit(status);
    }

    /**
     * Makes {@code conf} serialize with Kryo and lmkit's {@link KryoRegistration} (added to any registrator the
     * cluster names): faster than Java serialization, and Kryo 4 cannot build lmkit's records without it.
     */
    public static void useKryo(SparkConf conf) {
        conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        String registrators = conf.get("spark.kryo.registrator", "");
        if (!Arrays.asList(registrators.split(",")).contains(KryoRegistration.NAME)) {
            conf.set("spark.kryo.registrator", registrators.isBlank() ? KryoRegistration.NAME
                    : registrators + "," + KryoRegistration.NAME);
        }
    }

    /**
     * Parses {@code args} and estimates on {@code sc}; returns the exit status (0, 1 or 2) after printing what
     * happened to {@code out} and any error to {@code err}.
     */
    public static int run(String[] args, JavaSparkContext sc, PrintStream out, PrintStream err) {
        EstimateOptions options;
        try {
            options = EstimateOptions.parse(args);
        } catch (EstimateOptions.UsageException e) {
            err.println("lmkit-spark: " + e.getMessage());
            err.println(EstimateOptions.USAGE);
            return 2;
        }
        return run(options, sc, out, err);
    }

    /** Estimates with parsed options; returns the exit status, 0 or 1. */
    public static int run(EstimateOptions options, JavaSparkContext sc, PrintStream out, PrintStream err) {
        try {
            long start = System.nanoTime();
            long[] sizes = estimate(options, sc);
            out.printf(Locale.ROOT, "wrote %s: order-%d %s model, n-grams per order %s, in %.1f s%n", options.out(),
                    options.order(), options.model(), Arrays.toString(sizes), (System.nanoTime() - start) / 1e9);
            options.arpa().ifPresent(a -> out.println("wrote " + a));
            return 0;
        } catch (EstimateOptions.UsageException e) {
            err.println("lmkit-spark: " + e.getMessage());
            return 2;
        } catch (LmkitException | IllegalArgumentException e) {
            err.println("lmkit-spark: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            // Spark's own failures (a SparkException, checked in Scala's eyes) carry an lmkit error from a task
            // as their cause.
            Throwable cause = rootLmkitCause(e);
            err.println("lmkit-spark: " + (cause != null ? cause.getMessage()
                    : outOfMemory(e) ? outOfMemoryAdvice(e) : e.toString()));
            return 1;
        }
    }

    /** Whether a task (or the driver) ran out of heap: Spark reports a task's error as text in its message. */
    static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError || String.valueOf(t.getMessage()).contains("OutOfMemoryError")) {
                return true;
            }
        }
        return false;
    }

    private static String outOfMemoryAdvice(Throwable e) {
        String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return "a task ran out of memory (" + first + "); give the executors more memory (--executor-memory, or"
                + " --driver-memory in local mode) or the job more partitions (--partitions, by default one per 8 MiB"
                + " of input): by the by-history plan a partition holds every n-gram whose second-to-last word is"
                + " one of its words, in memory";
    }

    /** A context serializing with Kryo must know lmkit's records (Kryo 4 cannot build records on its own). */
    private static void requireUsableSerializer(SparkConf conf) {
        if (conf.get("spark.serializer", "").contains("Kryo")
                && !Arrays.asList(conf.get("spark.kryo.registrator", "").split(",")).contains(KryoRegistration.NAME)) {
            throw new LmkitException("the Spark context serializes with Kryo but does not register lmkit's classes;"
                    + " add " + KryoRegistration.NAME + " to spark.kryo.registrator (Estimate.useKryo(conf) does it)");
        }
    }

    /** An lmkit error thrown inside a Spark task reaches the driver wrapped; this finds it. */
    private static Throwable rootLmkitCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LmkitException) {
                return t;
            }
        }
        return null;
    }

    private static long[] estimate(EstimateOptions o, JavaSparkContext sc) {
        requireUsableSerializer(sc.getConf());
        List<String> folders = new ArrayList<>();
        List<String> files = inputFiles(o.input(), sc, folders);
        OutputConflicts.find(o, files, folders).ifPresent(message -> {
            throw new EstimateOptions.UsageException(message);
        });
        // Before the jobs, not after them: a directory, a device or a read-only folder would fail the save.
        AtomicFiles.requireWritable(o.out());
        o.arpa().ifPresent(AtomicFiles::requireWritable);
        Vocabulary v = Vocabulary.load(o.vocabulary());
        SparkSentences.tokenizer(o.tokenizer());
        int partitions = o.partitions() > 0 ? o.partitions() : defaultPartitions(files, sc);
        JavaPairRDD<Long, int[]> sentences = SparkSentences.read(sc, String.join(",", files), sc.broadcast(v.words()),
                o.tokenizer(), partitions).persist(StorageLevel.MEMORY_AND_DISK());
        String fingerprint = Fingerprint.of(sentences, v);
        if (sentences.isEmpty()) {
            throw new LmkitException("input " + o.input() + " has no sentences (it is empty or only blank lines);"
                    + " give text with one sentence per line");
        }
        KneserNeySettings settings = new KneserNeySettings(o.order(), v.size(), v.bos(), v.eos(), v.predictedCount(),
                KneserNey.Variant.MODIFIED, o.discountStatistics(), o.pruning(), partitions);
        Estimated model;
        ModelProvider<?> provider;
        Record config;
        if (o.byHistory()) {
            model = new HistoryKneserNey(sc, settings).estimate(sentences);
            provider = new ModifiedKneserNeyProvider();
            config = new ModifiedKneserNeyProvider.Config(o.order(), o.pruneText(), o.discountStatistics(), "", "", "");
        } else if (o.model().equals(EstimateOptions.MKN)) {
            JavaPairRDD<Gram, Counted> counted = NgramCounting.count(sentences, o.order(), v.bos(), v.eos())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            model = new SparkKneserNey(sc, settings).estimate(counted);
            provider = new ModifiedKneserNeyProvider();
            config = new ModifiedKneserNeyProvider.Config(o.order(), o.pruneText(), o.discountStatistics(), "", "", "");
        } else {
            JavaPairRDD<Gram, Counted> counted = NgramCounting.count(sentences, o.order(), v.bos(), v.eos())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            model = SparkStupidBackoff.estimate(counted, o.order(), v.size(), v.bos(), v.eos(), o.alpha(),
                    partitions);
            provider = new StupidBackoffProvider();
            config = new StupidBackoffProvider.Config(o.order(), o.alpha());
        }
        long[] sizes = ModelOutput.write(model, v, o.out(),
                new ModelOutput.Provenance(provider.name(), config, o.tokenizer(), fingerprint), partitions);
        o.arpa().ifPresent(a -> ModelOutput.writeArpa(o.out(), a, provider));
        return sizes;
    }

    /**
     * One partition per 8 MiB of input (so that a partition's n-grams, held in memory by the by-history plan, stay
     * small), and at least as many as Spark's default parallelism.
     */
    private static int defaultPartitions(List<String> files, JavaSparkContext sc) {
        long bytes = 0;
        for (String f : files) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(f);
            try {
                bytes += path.getFileSystem(sc.hadoopConfiguration()).getFileStatus(path).getLen();
            } catch (IOException e) {
                throw new LmkitException("cannot read input " + f + ": " + e.getMessage()
                        + "; check the path and the file system's settings");
            }
        }
        return (int) Math.max(sc.defaultParallelism(), Math.min(1 << 20, (bytes + (8 << 20) - 1) / (8 << 20)));
    }

    /**
     * The files {@code input} names (folders listed recursively, hidden files starting with '.' or '_' left out),
     * sorted by path, so that sentences are numbered the same on every run and file system; fails with a
     * one-line message when a part names nothing. The folders named go into {@code folders}.
     */
    private static List<String> inputFiles(String input, JavaSparkContext sc, List<String> folders) {
        List<String> files = new ArrayList<>();
        for (String part : input.split(",")) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(part);
            try {
                FileSystem fs = path.getFileSystem(sc.hadoopConfiguration());
                FileStatus[] found = fs.globStatus(path);
                if (found == null || found.length == 0) {
                    throw new LmkitException("input " + part + " does not exist; give --input a text file, a folder"
                            + " of them or a glob, on any Hadoop file system (e.g. hdfs://..., s3a://..., /local/path)");
                }
                for (FileStatus f : found) {
                    if (f.isDirectory()) {
                        folders.add(f.getPath().toString());
                        RemoteIterator<LocatedFileStatus> it = fs.listFiles(f.getPath(), true);
                        while (it.hasNext()) {
                            org.apache.hadoop.fs.Path p = it.next().getPath();
                            if (!p.getName().startsWith(".") && !p.getName().startsWith("_")) {
                                files.add(p.toString());
                            }
                        }
                    } else {
                        files.add(f.getPath().toString());
                    }
                }
            } catch (IOException e) {
                throw new LmkitException("cannot read input " + part + ": " + e.getMessage()
                        + "; check the path and the file system's settings");
            }
        }
        Collections.sort(files);
        return files;
    }
}
