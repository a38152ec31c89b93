package io.lmkit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The real BENCHMARKS.md: every generated table equals what the renderer makes from the outputs recorded under
 * benchmarks/results/, so a number in a generated table can only appear with its evidence. Runs no benchmark.
 */
class BenchmarksMarkdownTest {

    /** Surefire runs in the benchmarks module; BENCHMARKS.md is at the repository root. */
    private static final Path BENCHMARKS = Path.of("..", "BENCHMARKS.md");

    @Test
    void everyGeneratedTableMatchesItsRecordedOutput() throws IOException {
        String text = Files.readString(BENCHMARKS, StandardCharsets.UTF_8);
        BenchmarkTables.Result result = BenchmarkTables.render(text, BENCHMARKS.toAbsolutePath().getParent());
        StringBuilder report = new StringBuilder();
        result.differences().forEach(d -> report.append(d.describe(BENCHMARKS)).append('\n'));
        assertTrue(result.differences().isEmpty(), "regenerate with BenchmarkTables --write:\n" + report);
        assertEquals(text, result.text());
    }

    @Test
    void theMainJobsTablesAreGenerated() throws IOException {
        String text = Files.readString(BENCHMARKS, StandardCharsets.UTF_8);
        for (String source : new String[] {
            "compare-results benchmarks/results/compare-validation-sample/quiet/results.csv",
            "time quiet=benchmarks/results/compare-validation-sample/quiet/run.log",
            "compare-results benchmarks/results/compare-work-budget/quiet/results.csv",
            "compare-results benchmarks/results/head-to-head/results.csv"}) {
            assertTrue(text.contains("<!-- table: " + source), "BENCHMARKS.md has no generated table from " + source);
        }
    }

    @Test
    void theTablesOnceTypedByHandAreGenerated() throws IOException {
        String text = Files.readString(BENCHMARKS, StandardCharsets.UTF_8);
        String results = "benchmarks/results/";
        for (String source : new String[] {
            "ngram-memory ParallelGC=" + results + "ngram-memory-parallel-gc/command.log G1=" + results
                    + "ngram-memory-g1/command.log",
            "ngram-layouts " + results + "ngram-layouts/command.log",
            "model-load " + results + "model-load-time/command.log",
            "ngram-order " + results + "ngram-order-table/command.log",
            "ngram-backoff " + results + "ngram-backoff/command.log",
            "smoothing " + results + "smoothing-table/command.log",
            "arpa-import " + results + "arpa-import/command.log " + results + "arpa-import/import-time.txt",
            "gemm simd=" + results + "gemm-jmh/jmh.json:GemmBenchmark nd4j-cpu=" + results
                    + "nd4j-gemm-jmh/jmh.json:Nd4jGemmBenchmark",
            "fma-ceiling " + results + "fma-ceiling/jmh.json"}) {
            assertTrue(text.contains("<!-- table: " + source + " -->"), "BENCHMARKS.md has no generated table '"
                    + source + "'");
        }
        assertFalse(text.contains("No recorded output yet"), "a table of BENCHMARKS.md still has no recorded output");
        assertFalse(text.contains("share of 224"), "a share is still of the ceiling quoted from an issue, not of"
                + " the measured one (FmaCeiling)");
    }
}
