package io.lmkit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kinds that read neural training logs and their throughput against the machine's ceiling, on the real
 * recorded files under benchmarks/results/ (FixedWindowBrown's, RecurrentBrown's and RnnSpeed's logs, FmaCeiling's
 * JMH JSON), and on broken copies for the errors.
 */
class TrainingLogKindsTest {

    /** Surefire runs in the benchmarks module; the table comments' paths are relative to the repository root. */
    private static final Path ROOT = Path.of("..");
    private static final String RESULTS = "benchmarks/results/";
    private static final String CEILING = "ceiling=" + RESULTS + "fma-ceiling/jmh.json";

    @TempDir
    Path dir;

    @Test
    void theRecordedCeilingIsTheTwoThreadRunsCpuRateTimesItsThreads() {
        MeasuredCeiling ceiling = MeasuredCeiling.read(ROOT.resolve(RESULTS + "fma-ceiling/jmh.json"));
        assertEquals(2, ceiling.threads());
        assertEquals("232.4", Numbers.fixed(ceiling.gflops(), 1));
        assertEquals("62.2%", ceiling.share(144.5));
    }

    @Test
    void aCommandWithoutARecordedCeilingSaysItIsUnmeasuredAndPrintsNoShare() {
        String previous = System.getProperty("lmkit.ceiling");
        System.setProperty("lmkit.ceiling", dir.resolve("none.json").toString());
        try {
            String share = MeasuredCeiling.shareOf(144.5);
            assertTrue(share.startsWith("no share: the machine's ceiling is unmeasured (no FmaCeiling result in "),
                    share);
            assertTrue(share.endsWith("none.json; run benchmarks/run.sh fma-ceiling)"), share);
            System.setProperty("lmkit.ceiling", ROOT.resolve(RESULTS + "fma-ceiling/jmh.json").toString());
            assertEquals("62.2% of the measured ceiling, 232.4 GFLOP/s", MeasuredCeiling.shareOf(144.5));
        } finally {
            if (previous == null) {
                System.clearProperty("lmkit.ceiling");
            } else {
                System.setProperty("lmkit.ceiling", previous);
            }
        }
    }

    @Test
    void theFixedWindowSpeedTableTakesEachLogsThroughputAndRecomputesItsShare() {
        // Both logs print a share of 224 GFLOP/s (64.5% and 13.8%); the table's are of the measured 232.4.
        assertEquals("""
                | backend | training tokens/s | GFLOP/s | share of the ceiling, 232.4 GFLOP/s |
                |---|---:|---:|---:|
                | `simd` | 8,391 | 144.5 | 62.2% |
                | `nd4j-cpu` | 1,788 | 30.8 | 13.3% |
                """, BenchmarkTables.renderTable("training-speed " + CEILING + " simd=" + RESULTS
                + "fixed-window-brown-h200.log nd4j-cpu=" + RESULTS + "fixed-window-nd4j-speed/command.log", ROOT));
    }

    @Test
    void theRnnSpeedTableTakesItsPrintedRowsAndRecomputesTheirShares() {
        assertEquals("""
                | trainer | training tokens/s | GFLOP/s | share of the ceiling, 232.4 GFLOP/s |
                |---|---:|---:|---:|
                | lmkit lstm (simd backend) | 11,608 | 161.6 | 69.5% |
                | DL4J 1.0.0-M2.1 | 1,774 | 24.7 | 10.6% |
                """, BenchmarkTables.renderTable("rnn-speed " + RESULTS + "rnn-speed.log " + CEILING, ROOT));
    }

    @Test
    void aSpeedTableWithoutItsCeilingOrThroughputSaysWhatIsMissing() throws IOException {
        IllegalArgumentException usage = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkTables.renderTable("rnn-speed " + RESULTS + "rnn-speed.log", ROOT));
        assertTrue(usage.getMessage().contains("this kind needs ceiling=..."), usage.getMessage());
        Files.writeString(dir.resolve("cut.log"), "step 500 epoch 1 tokens 64000  9061 tokens/s  loss 5.895\n",
                StandardCharsets.UTF_8);
        Files.copy(ROOT.resolve(RESULTS + "fma-ceiling/jmh.json"), dir.resolve("jmh.json"));
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("training-speed ceiling=jmh.json simd=cut.log", dir));
        assertTrue(e.getMessage().contains("cut.log: no 'training throughput N tokens/s = G GFLOP/s' line"),
                e.getMessage());
    }

    @Test
    void theLearningCurveHasEveryValidationWithTheEpochItClosesAndTheBestInBold() {
        String curve = BenchmarkTables.renderTable("learning-curve " + RESULTS + "fixed-window-brown-h200.log", ROOT);
        assertTrue(curve.startsWith("""
                | seconds | tokens | valid perplexity |
                |---:|---:|---:|
                | 44 | 256,000 | 186.49 |
                | 81 | 512,000 | 160.69 |
                | 114 | 768,000 | 149.91 |
                | 127 | 835,524 (epoch 1) | 144.87 |
                | 153 | 1,023,940 | 145.99 |
                """), curve);
        assertTrue(curve.contains("| 265 | 1,671,048 (epoch 2) | **134.60** |\n"), curve);
        assertTrue(curve.endsWith("| 533 | 3,342,096 (epoch 4) | 139.04 |\n"), curve);
        assertEquals(2 + 17, curve.lines().count(), curve); // the header, the rule and the log's 17 validations
    }

    @Test
    void theFixedWindowTableSetsEachModelAgainstTheFiveGram() {
        assertEquals("""
                | model | test perplexity | against the 5-gram |
                |---|---:|---:|
                | fixed-window (8.9 min of training) | 124.75 | 15.0% below the 5-gram |
                | modified-kneser-ney, order 5 | 146.74 |  |
                | mixture, λ = 0.675 on fixed-window | 116.03 | 20.9% below the 5-gram |
                """, BenchmarkTables.renderTable("fixed-window-brown " + RESULTS + "fixed-window-brown-h200.log", ROOT));
    }

    @Test
    void theRecurrentTableHasTheFiveGramsRowThenARowPerRun() {
        assertEquals("""
                | model | training | test perplexity (per sentence) | best stream-valid perplexity |
                |---|---|---:|---:|
                | modified-kneser-ney, order 5 (`mkn-5`, head-to-head-2026-11-27) | 0.9 s | 146.74 |  |
                | `lstm` (dropout 0.35, learningRate 0.002, maxMinutes 24.0) | 24.2 min, 13 epochs, 10.3 M tokens, \
                8,698 tokens/s (median) | **111.02** (24.3% below the 5-gram) | 103.25 |
                | `rnn` (dropout 0.25, learningRate 0.001, maxMinutes 16.0) | 16.2 min, 10 epochs, 8.1 M tokens, \
                10,117 tokens/s (median) | **131.95** (10.1% below the 5-gram) | 115.06 |
                """, BenchmarkTables.renderTable("recurrent-brown " + RESULTS + "lstm-brown.log " + RESULTS
                + "rnn-brown.log ngram=" + RESULTS + "head-to-head-2026-11-27/results.csv:mkn-5", ROOT));
    }

    @Test
    void aRecurrentRunCutBeforeItsResultIsNamed() throws IOException {
        Files.writeString(dir.resolve("cut.log"), """
                lstm config: {embedding=256, hidden=256, dropout=0.35, learningRate=0.002, maxMinutes=24.0}
                step 200 epoch 1 tokens 140000  8472 tokens/s  loss 6.057  |g| 0.24  lr 0.0020
                validation: 111.4 s  835520 tokens  perplexity 148.38
                """, StandardCharsets.UTF_8);
        Files.copy(ROOT.resolve(RESULTS + "head-to-head-2026-11-27/results.csv"), dir.resolve("results.csv"));
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("recurrent-brown cut.log ngram=results.csv:mkn-5", dir));
        assertTrue(e.getMessage().contains("cut.log: no '| FAMILY (M min of training) | test perplexity P |' line;"
                + " the run did not finish"), e.getMessage());
        e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("recurrent-brown cut.log ngram=results.csv:kn9", dir));
        assertTrue(e.getMessage().contains("results.csv: no row labelled 'kn9'"), e.getMessage());
    }
}
