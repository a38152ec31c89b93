package io.lmkit.benchmarks;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Order-5 modified Kneser-Ney on brown-v1, against KenLM's figures on the same machine: estimation
 * time from the training split (lmplz: 2.45 s) and scored tokens per second through the
 * {@code LanguageModel} state API on one thread (KenLM's probing query: 7.4 M/s).
 */
@State(Scope.Benchmark)
public class NgramBenchmark {

    /** Tokens of the test split scored by one invocation of {@link #scoreTestSplit}. */
    static final int TEST_TOKENS = 171_297;

    @Param({"5"})
    public int order;

    private Corpus train;
    private Corpus test;
    private NgramModel model;
    private int[] stream;

    @Setup(Level.Trial)
    public void setUp() {
        BrownSplits brown = BrownData.splits();
        train = brown.corpus(BrownSplits.Split.TRAIN);
        test = brown.corpus(BrownSplits.Split.TEST);
        model = KneserNey.estimate(NgramCounts.count(train, order), KneserNey.Variant.MODIFIED);
        // The test split as one stream with -1 between sentences, so the loop below reads top to bottom.
        stream = new int[(int) test.tokenCount()];
        int p = 0;
        for (int s = 0; s < test.sentenceCount(); s++) {
            for (int w : test.sentence(s)) {
                stream[p++] = w;
            }
            stream[p++] = -1;
        }
    }

    /** Counts and estimates order-n modified Kneser-Ney from brown.train.txt, in process. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public NgramModel estimate() {
        return KneserNey.estimate(NgramCounts.count(train, order), KneserNey.Variant.MODIFIED);
    }

    /** Scores every token of brown.test.txt (words and {@code </s>}) through score(state, word). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(TEST_TOKENS)
    public double scoreTestSplit() {
        int eos = model.vocabulary().eos();
        double total = 0;
        ModelState state = model.begin();
        for (int w : stream) {
            Score s = model.score(state, w < 0 ? eos : w);
            total += s.lnProb();
            state = w < 0 ? model.begin() : s.next();
        }
        return total;
    }
}
