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
 * The kinds for runs recorded before or beside {@code benchmarks/run.sh}: several kenlm-side-by-side tables as one,
 * a report's n-th table, {@code lmkit data synth}'s logs, runs listed in a manifest with their
 * {@code /usr/bin/time -v} reports, and JMH's text output with {@code -prof gc}; on the real recorded files under
 * benchmarks/results/, and on broken ones for the errors.
 */
class RunLogKindsTest {

    private static final Path ROOT = Path.of("..");
    private static final String RESULTS = "benchmarks/results/";

    @TempDir
    Path dir;

    @Test
    void severalRunsTablesBecomeOneWithEachRowLabelled() {
        String k = RESULTS + "kenlm-side-by-side/";
        String table = BenchmarkTables.renderTable("script-markdown now=" + k + "score16/table.md before-a65d2a5=" + k
                + "before-score16/table.md", ROOT);
        assertEquals(6, table.lines().count(), table);
        assertTrue(table.startsWith("| job | KenLM | lmkit | wall | CPU | peak RSS |\n|---|---|---|---:|---:|---:|\n"
                + "| now: load order 5 (probing) + score test.txt ×12 | `query` (probing binary): 1.68 s wall, 0.46 s"
                + " CPU, 53 MB | `lmkit eval`: 4.03 s wall, 1.35 s CPU, 112 MB | 2.40× | 2.93× | 2.11× |\n"), table);
        assertTrue(table.contains("| before-a65d2a5: load order 5 (trie) + score test.txt ×12 | `query` (trie binary):"
                + " 2.54 s wall, 0.75 s CPU, 27 MB | `lmkit eval`: 7.49 s wall, 2.63 s CPU, 150 MB | 2.95× | 3.51× |"
                + " 5.55× |\n"), table);
    }

    @Test
    void tablesWithOtherColumnsAreNotPutTogether() throws IOException {
        Files.writeString(dir.resolve("a.md"), "| job | wall |\n|---|---:|\n| estimate | 1.10× |\n");
        Files.writeString(dir.resolve("b.md"), "| job | CPU |\n|---|---:|\n| estimate | 1.20× |\n");
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("script-markdown now=a.md before=b.md", dir));
        assertTrue(e.getMessage().contains("b.md: its header '| job | CPU |' is not the first table's"), e.getMessage());
    }

    @Test
    void aReportsNthTableIsTakenAsItIs() throws IOException {
        String table = BenchmarkTables.renderTable("script-markdown " + RESULTS + "compare-default/report.md table=1",
                ROOT);
        assertTrue(table.startsWith("| model | valid perplexity | test perplexity |"), table);
        assertTrue(table.contains("| mkn-5 | 156.00 | 146.74 | 7.20 | 2,272,118 n-grams | 47.6 MB | 1.0 | 7284420 |"),
                table);
        assertEquals(8, table.lines().count(), table);
        Files.writeString(dir.resolve("report.md"), "# report\n\n| a |\n|---|\n| 1 |\n");
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("script-markdown report.md table=2", dir));
        assertTrue(e.getMessage().contains("report.md: has 1 Markdown table(s), not a table 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BenchmarkTables.renderTable("script-markdown report.md table=first", dir));
    }

    @Test
    void theSynthTableHasTheLastRunsTypesAndTheSentencesOfEveryRunOfThatSize() {
        assertEquals("""
                | words | types (distinct words) | sentences |
                |---:|---:|---:|
                | 1,002 | 536 |  |
                | 10,001 | 3,147 |  |
                | 100,029 | 10,970 |  |
                | 1,000,019 | 17,623 |  |
                | 10,000,018 | 30,497 | 426,198 |
                | 100,000,008 | 91,644 | 4,264,528 |
                | 1,000,000,020 | 372,800 | 42,634,005 |
                """, BenchmarkTables.renderTable("synth-types " + RESULTS + "corpus-scale/synth.log " + RESULTS
                + "corpus-scale/synth1b.log", ROOT));
    }

    @Test
    void aTimedRunsRowHasItsTimeReportAndItsPerplexity() throws IOException {
        String c = RESULTS + "corpus-scale/";
        Files.copy(ROOT.resolve(c + "lmkit10m-1g-b.err"), dir.resolve("train.time"));
        Files.copy(ROOT.resolve(c + "measure4.log"), dir.resolve("measure4.log"));
        Files.copy(ROOT.resolve(c + "lmplz10m.err"), dir.resolve("lmplz.time"));
        Files.copy(ROOT.resolve(c + "eval-kenlm.out"), dir.resolve("eval.out"));
        Files.writeString(dir.resolve("runs.tsv"), "# label, time report, perplexity\n"
                + "`lmkit train` bounded\ttrain.time\tmeasure4.log\n`lmplz`\tlmplz.time\teval.out\n"
                + "`lmplz` again\tlmplz.time\n`lmplz`, scored by `query`\tlmplz.time\tquery.out\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("query.out"), "Perplexity including OOVs:\t267.88643779139085\n"
                + "Perplexity excluding OOVs:\t265.8364222310288\nOOVs:\t546\nTokens:\t1042490\n");
        // 1895700 KiB of peak RSS are 1,941 MB; eval --json's perplexity in full, eval's to 4 decimals.
        assertEquals("""
                | run | wall | CPU user + sys | peak RSS | held-out perplexity |
                |---|---:|---:|---:|---:|
                | `lmkit train` bounded | 2:54.7 | 128.9 + 6.6 s | 1,941 MB | 280.77444327090524 |
                | `lmplz` | 3:14.8 | 15.9 + 6.6 s | 638 MB | 280.7744 |
                | `lmplz` again | 3:14.8 | 15.9 + 6.6 s | 638 MB |  |
                | `lmplz`, scored by `query` | 3:14.8 | 15.9 + 6.6 s | 638 MB | 267.88643779139085 |
                """, BenchmarkTables.renderTable("timed-runs runs.tsv", dir));
        Files.writeString(dir.resolve("bad.tsv"), "`lmplz` lmplz.time\n", StandardCharsets.UTF_8);
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("timed-runs bad.tsv", dir));
        assertTrue(e.getMessage().contains("bad.tsv:1: not 'LABEL<tab>TIME-REPORT[<tab>PERPLEXITY-FILE]'"),
                e.getMessage());
    }

    @Test
    void theWallClockIsWrittenAsTimeWritesItToATenth() {
        assertEquals("8:57.0", CorpusScaleTables.clock(536.99));
        assertEquals("0:23.8", CorpusScaleTables.clock(23.78));
        assertEquals("1:02:46.0", CorpusScaleTables.clock(3766));
    }

    @Test
    void theAllocationTableHasEachLogsBytesPerOperationAndGcCount() throws IOException {
        String a = RESULTS + "rnn-step-allocation/";
        assertEquals("""
                | run | `gc.alloc.rate.norm` (bytes per operation) | GCs in the measured iterations | measured iterations |
                |---|---:|---:|---:|
                | before | 3,063,295 ± 964,694 | 4 | 3 |
                | after | 183,799 ± 315 | 1 | 3 |
                """, BenchmarkTables.renderTable("jmh-gc before=" + a + "before.log after=" + a + "after.log", ROOT));
        Files.writeString(dir.resolve("nogc.log"), "RnnStepAllocation.trainStep  avgt  3  3083.457 ± 2577.075  us/op\n");
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("jmh-gc run=nogc.log", dir));
        assertTrue(e.getMessage().contains("nogc.log: no JMH summary lines"), e.getMessage());
    }

    @Test
    void theTargetsTableSetsTheRecordedRunsAgainstIssue16sTargets() {
        String k = RESULTS + "kenlm-side-by-side/";
        assertEquals("""
                | target | now | met? |
                |---|---|---|
                | estimation ≤ 1.0× `lmplz` wall | 1.33× (order 3) and 1.27× (order 5) wall, 1.61× and 1.37× CPU | no: \
                0.29 s and 0.40 s over (order 3 and order 5) |
                | load + score ≤ 1.5× `query` on its probing binary | 2.33× wall, 4.25× CPU | no: 0.20 s over (0.56 s \
                against 0.36 s allowed) |
                | load + score with the trie ≤ 1.0× `query` on KenLM's trie | 1.20× wall, 2.27× CPU | no: 0.09 s over |
                | peak RSS when scoring ≤ 2× `query`'s | 2.10× probing (111 MB against 53 MB), 3.21× trie (87 MB against \
                27 MB) | no: 5 MB and 33 MB over (probing and trie) |
                | trie ≤ 23.2 MB (KenLM's trie) with exactly the probing perplexity | 22.65 MB file, 22.59 MB of tables; \
                test perplexity 146.74221853854044, the same digits as probing's | yes: 0.55 MB under |
                | trie 8/8 ≤ 12.1 MB with test perplexity ≤ 147.35 | 11.95 MB, 147.2493 | yes |
                """, BenchmarkTables.renderTable("kenlm-targets estimation=" + k + "estimation-merged/table.md scoring="
                + k + "table.md layouts=" + RESULTS + "ngram-layouts/command.log", ROOT));
    }

    @Test
    void aTargetMetByOneJobAndMissedByTheOtherSaysWhichIsOver() throws IOException {
        Files.writeString(dir.resolve("estimation.md"), """
                | job | KenLM | lmkit | wall | CPU | peak RSS |
                |---|---|---|---:|---:|---:|
                | estimate order-3 MKN | `lmplz -o 3`: 1.00 s wall, 0.90 s CPU, 507 MB | `lmkit train`: 0.90 s wall, \
                1.00 s CPU, 320 MB | 0.90× | 1.11× | 0.63× |
                | estimate order-5 MKN | `lmplz -o 5`: 1.50 s wall, 1.70 s CPU, 407 MB | `lmkit train`: 1.60 s wall, \
                2.30 s CPU, 529 MB | 1.07× | 1.35× | 1.30× |
                """, StandardCharsets.UTF_8);
        Files.copy(ROOT.resolve(RESULTS + "kenlm-side-by-side/table.md"), dir.resolve("scoring.md"));
        Files.copy(ROOT.resolve(RESULTS + "ngram-layouts/command.log"), dir.resolve("layouts.log"));
        String table = BenchmarkTables.renderTable("kenlm-targets estimation=estimation.md scoring=scoring.md"
                + " layouts=layouts.log", dir);
        assertTrue(table.contains("| estimation ≤ 1.0× `lmplz` wall | 0.90× (order 3) and 1.07× (order 5) wall, 1.11×"
                + " and 1.35× CPU | no: 0.10 s under and 0.10 s over (order 3 and order 5) |\n"), table);
        Files.copy(ROOT.resolve(RESULTS + "kenlm-side-by-side/score16/table.md"), dir.resolve("scoring-only.md"));
        TableSourceException e = assertThrows(TableSourceException.class, () -> BenchmarkTables.renderTable(
                "kenlm-targets estimation=scoring-only.md scoring=scoring.md layouts=layouts.log", dir));
        assertTrue(e.getMessage().contains("scoring-only.md: no row for the job 'estimate order-3'"),
                e.getMessage());
    }
}
