package io.lmkit.benchmarks;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.Backends;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.rnn.model.LstmProvider;
import io.lmkit.rnn.model.RnnConfig;
import io.lmkit.rnn.model.RnnTraining;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Heap allocated by one truncated-BPTT training step (forward and backward over one segment) of a
 * small LSTM on the {@code simd} backend: embedding 64, one layer of 64, 2,000 words, batch 8,
 * 20 steps, one thread. The number to read is {@code gc.alloc.rate.norm} (bytes per step) from
 * JMH's GC profiler, a measure of work rather than of time, so it holds on a busy machine:
 * {@code java -jar benchmarks/target/benchmarks.jar RnnStepAllocation -prof gc -wi 2 -i 3 -f 1 -w 2s -r 2s}.
 *
 * <p>The step is lm-rnn's public {@link RnnTraining} (from {@link LstmProvider#training}), the one
 * {@code trainer()} runs; dropout 0 and the state carried across sentences ({@code sentenceReset=false}), as
 * when the numbers in BENCHMARKS.md were first measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class RnnStepAllocation {

    private static final int WORDS = 2_000;

    private ComputeBackend backend;
    private RnnTraining training;
    private int segments;
    private int next;

    /** Builds the network and its training streams. */
    @Setup(Level.Trial)
    public void setUp() {
        LstmProvider lstm = new LstmProvider();
        RnnConfig config = ConfigBinder.bind(RnnConfig.class, lstm.defaultConfig(), Map.of("embedding", "64",
                "hidden", "64", "batchSize", "8", "bptt", "20", "threads", "1", "dropout", "0",
                "sentenceReset", "false"), "lstm");
        Corpus corpus = randomCorpus(20_000, 1);
        backend = Backends.discover(RnnStepAllocation.class.getClassLoader()).choose(Optional.of("simd")).create(1);
        training = lstm.training(backend, config, corpus, corpus, 1);
        segments = training.batches(1, new SplittableRandom(1)).size();
    }

    /** One training step on the next segment (the state carried from the one before). */
    @Benchmark
    public double trainStep() {
        double loss = training.trainStep(next, next);
        training.parameters().zeroGradients();
        next = (next + 1) % segments;
        return loss;
    }

    /** Frees the step's reused tensors and the backend's threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
        training.close();
        backend.close();
    }

    private static Corpus randomCorpus(int tokens, long seed) {
        List<String> words = new ArrayList<>(List.of(Vocabulary.UNK, Vocabulary.BOS, Vocabulary.EOS));
        for (int i = 0; i < WORDS - 3; i++) {
            words.add("w" + i);
        }
        Vocabulary v = Vocabulary.ofWords(words);
        Random r = new Random(seed);
        List<List<String>> sentences = new ArrayList<>();
        for (int n = 0; n < tokens; ) {
            List<String> s = new ArrayList<>();
            int length = 5 + r.nextInt(30);
            for (int i = 0; i < length; i++) {
                s.add(v.word(3 + r.nextInt(WORDS - 3)));
            }
            sentences.add(s);
            n += length + 1;
        }
        return Corpus.of(v, sentences);
    }
}
