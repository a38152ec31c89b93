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
            "compare-results benchmarks/results/head-to-head-2026-11-27/results.csv"}) {
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
            "fma-ceiling " + results + "fma-ceiling/jmh.json",
            "script-markdown " + results + "compare-default/report.md table=1",
            "script-markdown now=" + results + "kenlm-side-by-side/score16/table.md",
            "script-markdown " + results + "kenlm-side-by-side/quiet-2002/table.md",
            "script-markdown now=" + results + "kenlm-side-by-side/estimation/table.md",
            "script-markdown now=" + results + "kenlm-side-by-side/estimation-2140/table.md",
            "script-markdown " + results + "kenlm-side-by-side/defaults-no-cds/table.md",
            "synth-types " + results + "corpus-scale/synth.log",
            "timed-runs " + results + "corpus-scale/runs.tsv",
            "fixed-window-brown " + results + "fixed-window-brown-h200.log",
            "learning-curve " + results + "fixed-window-brown-h200.log",
            "training-speed ceiling=" + results + "fma-ceiling/jmh.json simd=",
            "rnn-speed " + results + "rnn-speed.log ceiling=",
            "jmh-gc before-70732ef=" + results + "rnn-step-allocation/before.log",
            "recurrent-brown " + results + "lstm-brown.log",
            "script-markdown " + results + "gradient-flow/gradient-flow.md",
            "learning-curve " + results + "lstm-brown.log",
            "script-markdown " + results + "long-range-probe/long-range.md table=1",
            "script-markdown estimation=" + results + "kenlm-side-by-side/estimation-1130/table.md",
            "kenlm-targets estimation=" + results + "kenlm-side-by-side/estimation-1130/table.md"}) {
            assertTrue(text.contains("<!-- table: " + source), "BENCHMARKS.md has no generated table '"
                    + source + "'");
        }
        assertFalse(text.contains("No recorded output yet"), "a table of BENCHMARKS.md still has no recorded output");
        assertFalse(text.contains("share of 224"), "a share is still of the ceiling quoted from an issue, not of"
                + " the measured one (FmaCeiling)");
    }

    /** Every table of BENCHMARKS.md is generated: a table typed by hand fails here, with its line. */
    @Test
    void noTableIsTypedByHand() throws IOException {
        boolean generated = false;
        StringBuilder typed = new StringBuilder();
        int number = 0;
        for (String line : Files.readAllLines(BENCHMARKS, StandardCharsets.UTF_8)) {
            number++;
            if (line.startsWith("<!-- table: ")) {
                generated = true;
            } else if (line.startsWith("<!-- end table -->")) {
                generated = false;
            } else if (line.startsWith("|") && !generated) {
                typed.append(number).append(": ").append(line).append('\n');
            }
        }
        assertEquals("", typed.toString(), "tables typed by hand; give each a kind that reads its recorded output");
    }
}
