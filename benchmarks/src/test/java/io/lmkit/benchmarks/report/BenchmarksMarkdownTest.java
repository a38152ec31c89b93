package io.lmkit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
