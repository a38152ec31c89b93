package io.lmkit.benchmarks;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.eval.report.CsvTables;
import io.lmkit.neural.window.FixedWindowConfig;
import io.lmkit.neural.window.FixedWindowProvider;
import io.lmkit.rnn.model.GruProvider;
import io.lmkit.rnn.model.LstmProvider;
import io.lmkit.rnn.model.RnnConfig;
import io.lmkit.rnn.model.RnnProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scoring against training speed (issue 18's target: scoring ≥ 3× training tokens/s) for the neural
 * models of the benchmark of record ({@code benchmarks/head-to-head.yaml}: the same sizes, the simd
 * backend, 2 threads) on brown-v1. Per model it trains a fixed number of tokens through the shared
 * training loop, timing the updates after a warm-up, then scores a fixed set of test sentences with
 * {@link PerplexityEvaluator} (the path of eval, compare and score), timed after a warm-up pass. The
 * work is fixed in tokens; only the timing comes from the clock. It prints a table and writes the
 * measurements to {@code DIR/score-vs-train.csv}, from which BENCHMARKS.md's table is generated. Run:
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * io.lmkit.benchmarks.ScoreVsTrain DIR [models=fixed-window,rnn,lstm,gru]}.
 */
public final class ScoreVsTrain {

    /** Training tokens before the timed ones: the JIT and the caches settle. */
    private static final long TRAIN_WARMUP_TOKENS = 20_000;
    /** Training tokens timed. */
    private static final long TRAIN_TOKENS = 100_000;
    /** Test tokens scored once untimed, then the timed set. */
    private static final long SCORE_WARMUP_TOKENS = 20_000;
    /** Test tokens (words and {@code </s>}) scored in the timed pass: the first test sentences holding this many. */
    private static final long SCORE_TOKENS = 60_000;
    /** Validation sentences the training loop scores when its budget ends (untimed): few, so it ends soon. */
    private static final int VALID_SENTENCES = 50;
    /** The target of issue 18. */
    static final double TARGET_RATIO = 3;

    /** The columns of the CSV the table of BENCHMARKS.md is generated from. */
    static final List<String> COLUMNS = List.of("model", "train_tokens", "train_seconds", "train_cpu_seconds",
            "score_tokens", "score_seconds", "score_cpu_seconds");

    private ScoreVsTrain() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the output folder, then optionally {@code models=a,b}
     */
    public static void main(String[] args) throws java.io.IOException {
        args = CleanCheckout.require("ScoreVsTrain", args);
        if (args.length < 1) {
            System.err.println("usage: ScoreVsTrain DIR [models=fixed-window,rnn,lstm,gru]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<String> models = List.of("fixed-window", "rnn", "lstm", "gru");
        if (args.length > 1 && args[1].startsWith("models=")) {
            models = List.of(args[1].substring("models=".length()).split(","));
        }
        Optional<BrownSplits> brown = BrownData.splitsIfPresent();
        if (brown.isEmpty()) {
            System.out.println("ScoreVsTrain: skipped: no Brown corpus in " + BrownData.folder()
                    + " (pass -Dlmkit.brown=DIR)");
            return;
        }
        Corpus train = brown.get().corpus(BrownSplits.Split.TRAIN);
        Corpus valid = brown.get().corpus(BrownSplits.Split.VALID);
        Corpus test = brown.get().corpus(BrownSplits.Split.TEST);
        Corpus warmup = firstTokens(test, SCORE_WARMUP_TOKENS);
        Corpus scored = firstTokens(test, SCORE_TOKENS);
        TrainingData data = new TrainingData(train, Optional.of(valid.slice(0, VALID_SENTENCES)));
        List<List<Object>> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "| model | training tokens/s | scoring tokens/s | scoring / training |"
                + " by CPU time |%n|---|---:|---:|---:|---:|%n");
        for (String name : models) {
            Measured m = measure(name, data, warmup, scored);
            rows.add(List.of(name, m.trainTokens(), m.trainSeconds(), m.trainCpuSeconds(), m.scoreTokens(),
                    m.scoreSeconds(), m.scoreCpuSeconds()));
            double trainRate = m.trainTokens() / m.trainSeconds();
            double scoreRate = m.scoreTokens() / m.scoreSeconds();
            double cpuRatio = (m.trainCpuSeconds() / m.trainTokens()) / (m.scoreCpuSeconds() / m.scoreTokens());
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f× | %.2f× |%n", name, trainRate, scoreRate,
                    scoreRate / trainRate, cpuRatio);
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("score-vs-train.csv"), CsvTables.write(COLUMNS, rows,
                CsvTables.Quoting.AS_NEEDED), StandardCharsets.UTF_8);
    }

    /**
     * The timed work of one model: training tokens, wall and process CPU seconds; scored tokens, wall and
     * process CPU seconds. CPU seconds count the work of every thread, so on a machine shared with other
     * processes they move less with the load than the wall clock, and wall × cores − CPU is time the
     * cores were not working for this process.
     */
    record Measured(long trainTokens, double trainSeconds, double trainCpuSeconds, long scoreTokens,
                    double scoreSeconds, double scoreCpuSeconds) {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static Measured measure(String name, TrainingData data, Corpus warmup, Corpus scored) {
        // validateEvery far beyond the budget: no validation pass falls among the timed updates.
        Map<String, String> settings = new LinkedHashMap<>(Map.of("backend", "simd", "threads", "2",
                "maxTokens", Long.toString(TRAIN_WARMUP_TOKENS + TRAIN_TOKENS), "validateEvery", "1000000"));
        settings.putAll(recordSettings(name));
        long[] tokens = {-1, 0};
        long[] nanos = {0, 0};
        long[] cpu = {0, 0};
        LanguageModel model = train(name, settings, data, e -> {
            if (e instanceof TrainingEvent.Step s) {
                long now = System.nanoTime();
                long cpuNow = OS.getProcessCpuTime();
                if (tokens[0] < 0 && s.tokensSeen() >= TRAIN_WARMUP_TOKENS) {
                    tokens[0] = s.tokensSeen();
                    nanos[0] = now;
                    cpu[0] = cpuNow;
                }
                tokens[1] = s.tokensSeen();
                nanos[1] = now;
                cpu[1] = cpuNow;
            }
        });
        PerplexityEvaluator evaluator = new PerplexityEvaluator();
        evaluator.evaluate(model, warmup);
        long cpuStart = OS.getProcessCpuTime();
        long start = System.nanoTime();
        evaluator.evaluate(model, scored);
        double scoreSeconds = (System.nanoTime() - start) / 1e9;
        double scoreCpu = (OS.getProcessCpuTime() - cpuStart) / 1e9;
        return new Measured(tokens[1] - tokens[0], (nanos[1] - nanos[0]) / 1e9, (cpu[1] - cpu[0]) / 1e9,
                scored.tokenCount(), scoreSeconds, scoreCpu);
    }

    /** The settings of {@code benchmarks/head-to-head.yaml} for the model, less its budget. */
    static Map<String, String> recordSettings(String name) {
        return switch (name) {
            case "fixed-window" -> Map.of("order", "5", "hidden", "200", "dropout", "0.1");
            case "rnn" -> Map.of("embedding", "256", "hidden", "256", "dropout", "0.25", "learningRate", "0.001");
            case "lstm", "gru" -> Map.of("embedding", "256", "hidden", "256", "dropout", "0.35");
            default -> throw new IllegalArgumentException("model '" + name
                    + "': ScoreVsTrain knows fixed-window, rnn, lstm and gru");
        };
    }

    private static LanguageModel train(String name, Map<String, String> settings, TrainingData data,
                                       io.lmkit.core.train.TrainingListener listener) {
        if (name.equals("fixed-window")) {
            FixedWindowProvider p = new FixedWindowProvider();
            return trainWith(p, FixedWindowConfig.class, settings, data, listener);
        }
        ModelProvider<RnnConfig> p = switch (name) {
            case "rnn" -> new RnnProvider();
            case "lstm" -> new LstmProvider();
            default -> new GruProvider();
        };
        return trainWith(p, RnnConfig.class, settings, data, listener);
    }

    private static <C extends Record> LanguageModel trainWith(ModelProvider<C> provider, Class<C> type, Map<String, String> settings,
                                               TrainingData data, io.lmkit.core.train.TrainingListener listener) {
        C config = ConfigBinder.bind(type, provider.defaultConfig(), settings, provider.name());
        return provider.trainer().train(data, config, 1, listener);
    }

    /** The first sentences of {@code corpus} that hold at least {@code tokens} tokens (all when it has fewer). */
    static Corpus firstTokens(Corpus corpus, long tokens) {
        int s = 0;
        long n = 0;
        while (s < corpus.sentenceCount() && n < tokens) {
            n += corpus.sentenceLength(s) + 1;
            s++;
        }
        return corpus.slice(0, s);
    }
}
