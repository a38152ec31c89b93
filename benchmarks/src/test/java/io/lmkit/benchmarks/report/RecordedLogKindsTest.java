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
 * The kinds that read a benchmark's log as {@code benchmarks/run.sh} records it: the tables NgramOrderTable and
 * SmoothingTable print, {@code lmkit ngram stats} and {@code eval --json} output, ModelLoadTime's lines, the ARPA
 * import, and the line saying where a run comes from. Each log here is cut from a real one.
 */
class RecordedLogKindsTest {

    @TempDir
    Path dir;

    private static final String ORDER_LOG = """
            | order | test perplexity | n-grams | table MB | heap MB | estimation s | unseen n-grams of the highest order |
            |---:|---:|---:|---:|---:|---:|---:|
            20:41:09 WARN  KneserNey: order 1: the counts-of-counts t1..t4 = [0, 0, 0, 2178] give no valid discounts
            | 1 | 453.77 | 14,116 | 0.2 | 0.3 | 0.08 | 0.0% |
            | 5 | 146.74 | 2,272,118 | 47.6 | 58.9 | 4.11 | 96.6% |
            """;

    private static final String STATS = """
            order       n-grams          bytes bytes/ngram
            1            14,116        225,888       16.0
            2           271,047      3,726,640       13.7
            total       285,163      3,952,528       13.9

            layout trie (probabilities 8 bits, backoffs 8 bits)
            entry                         bytes in file  kept
            vocab.txt                            53,874  deflated from 115,835
            data/ngram/order-2.bin            3,726,640  stored, mapped
            file kn2-q8.zip                   4,006,990
            """;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aTableAScriptWroteIsTakenAsItIsOnceItsShapeIsChecked() throws IOException {
        write("table.md", "| job | wall |\n|---|---:|\n| estimate | 1.10× |\n\n");
        assertEquals("| job | wall |\n|---|---:|\n| estimate | 1.10× |\n",
                BenchmarkTables.renderTable("script-markdown table.md", dir));
        write("prose.md", "the script failed before its table\n");
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("script-markdown prose.md", dir));
        assertTrue(e.getMessage().contains("prose.md: not a Markdown table"), e.getMessage());
        e = assertThrows(TableSourceException.class, () -> BenchmarkTables.renderTable("script-markdown none.md", dir));
        assertTrue(e.getMessage().contains("none.md: not found; run the benchmark script that writes it"),
                e.getMessage());
    }

    @Test
    void theOrderTableIsThePrintedOneWithoutTheWarningsBetweenItsRows() throws IOException {
        write("order.log", ORDER_LOG);
        assertEquals("""
                | order | test perplexity | n-grams | table MB | heap MB | estimation s | unseen n-grams of the highest order |
                |---:|---:|---:|---:|---:|---:|---:|
                | 1 | 453.77 | 14,116 | 0.2 | 0.3 | 0.08 | 0.0% |
                | 5 | 146.74 | 2,272,118 | 47.6 | 58.9 | 4.11 | 96.6% |
                """, BenchmarkTables.renderTable("ngram-order order.log", dir));
    }

    @Test
    void aPrintedTableWithOtherColumnsIsRefusedByName() throws IOException {
        write("order.log", ORDER_LOG);
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("smoothing order.log", dir));
        assertTrue(e.getMessage().contains("order.log: no printed table with the columns [model, order,"),
                e.getMessage());
    }

    @Test
    void theMemoryTableTakesOneOrderOfEachCollectorsRun() throws IOException {
        write("g1.log", ORDER_LOG);
        write("parallel.log", ORDER_LOG.replace("| 58.9 |", "| 47.6 |"));
        assertEquals("""
                | collector | order | n-grams | packed tables | heap the model holds after a full GC |
                |---|---:|---:|---:|---:|
                | ParallelGC | 5 | 2,272,118 | 47.6 MB | 47.6 MB |
                | G1 | 5 | 2,272,118 | 47.6 MB | 58.9 MB |
                """, BenchmarkTables.renderTable("ngram-memory ParallelGC=parallel.log G1=g1.log", dir));
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("ngram-memory G1=g1.log order=6", dir));
        assertTrue(e.getMessage().contains("g1.log: no row for order 6"), e.getMessage());
    }

    @Test
    void theLayoutsTableJoinsEachFilesStatsWithItsEvalLine() throws IOException {
        write("layouts.log", "-rw-r--r-- 1 root root 4006990 Nov 29 20:39 /r/kn2-q8.zip\n" + STATS
                + "reading test.txt: started, 749,760 bytes\n"
                + "{\"model\":\"/r/kn2-q8.zip\",\"perplexity\":154.98765432101234,\"tokens\":171297}\n");
        assertEquals("""
                | file | layout | file (bytes) | tables (bytes) | test perplexity |
                |---|---|---:|---:|---:|
                | `kn2-q8.zip` | trie (probabilities 8 bits, backoffs 8 bits) | 4,006,990 | 3,952,528 | 154.98765432101234 |
                """, BenchmarkTables.renderTable("ngram-layouts layouts.log", dir));
    }

    @Test
    void aLayoutWithoutItsEvalLineIsNamed() throws IOException {
        write("layouts.log", STATS);
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("ngram-layouts layouts.log", dir));
        assertTrue(e.getMessage().contains("no 'eval --json' line for kn2-q8.zip"), e.getMessage());
    }

    @Test
    void theBackoffTableIsTheSparsityReport() throws IOException {
        write("backoff.log", STATS + """

                sparsity on /r/brown-v1/test.txt
                order       n-grams     unseen      scored at
                1           171,297      0.00%         19.63%
                2           171,297     19.63%         80.37%
                """);
        assertEquals("""
                | order | n-grams in the test split | never seen in training | tokens scored at this order |
                |---:|---:|---:|---:|
                | 1 | 171,297 | 0.00% | 19.63% |
                | 2 | 171,297 | 19.63% | 80.37% |
                """, BenchmarkTables.renderTable("ngram-backoff backoff.log", dir));
        write("plain.log", STATS);
        assertThrows(TableSourceException.class, () -> BenchmarkTables.renderTable("ngram-backoff plain.log", dir));
    }

    @Test
    void theLoadTableHasOneRowPerModelLoadTimeLine() throws IOException {
        write("load.log", """
                /r/model-load-time/../ngram-layouts/kn5.zip: plugins 223.9 ms (cpu 50.8), load 142.3 ms (cpu 38.1),\
                 first score 6.5 ms (cpu 1.3; ln P(the | <s>) = -4.9517)
                /r/kn5-q8.zip: plugins 123.9 ms (cpu 51.8), load 79.1 ms (cpu 34.0), first score 0.9 ms (cpu 0.5;\
                 ln P(the | <s>) = -4.9579)
                """);
        assertEquals("""
                | file | load, wall | load, CPU | finding the plugins (before the load) | first score |
                |---|---:|---:|---:|---:|
                | `kn5.zip` | 142.3 ms | 38.1 ms | 223.9 ms wall, 50.8 ms CPU | 6.5 ms wall, 1.3 ms CPU |
                | `kn5-q8.zip` | 79.1 ms | 34.0 ms | 123.9 ms wall, 51.8 ms CPU | 0.9 ms wall, 0.5 ms CPU |
                """, BenchmarkTables.renderTable("model-load load.log", dir));
    }

    @Test
    void theArpaImportTableHasTheTextsSizeTheNgramsAndTheImportsTimeReport() throws IOException {
        write("arpa.log", """
                wrote /r/mkn5.arpa: order 5, n-grams per order [14116, 271047, 575007, 700564, 711384]
                -rw-r--r-- 1 root root 92170403 Nov 29 20:40 /r/mkn5.arpa
                wrote /r/mkn5.zip: order 5, n-grams per order [14116, 271047, 575007, 700564, 711384]
                """);
        write("import-time.txt", """
                \tUser time (seconds): 4.64
                \tSystem time (seconds): 0.34
                \tElapsed (wall clock) time (h:mm:ss or m:ss): 0:12.68
                \tMaximum resident set size (kbytes): 155412
                """);
        assertEquals("""
                | ARPA text (bytes) | order | n-grams | wall | CPU (user + sys) | peak RSS |
                |---:|---:|---:|---:|---:|---:|
                | 92,170,403 | 5 | 2,272,118 | 12.7 s | 5.0 s | 159 MB |
                """, BenchmarkTables.renderTable("arpa-import arpa.log import-time.txt", dir));
    }

    @Test
    void aRecordedLineGivesDateCommitAndLoadAndCallsABusyOrDirtyRunSo() throws IOException {
        String run = """
                {"name": "ngram-layouts", "commit": "a65d2a5a5d15c64e9a6759bd9f82dc73db4dd9af", "dirty": false,
                 "machine": {"nproc": 2, "cpu": "AMD EPYC", "memoryKiB": 24684084},
                 "loadAverageBefore": [0.56, 1.58, 1.93], "loadAverageAfter": [1.24, 1.59, 2.41],
                 "started": "2026-11-29T20:38:57Z", "ended": "2026-11-29T20:40:00Z", "exitStatus": 0}
                """;
        write("quiet.json", run);
        write("busy.json", run.replace("1.24, 1.59", "12.64, 6.74").replace("false", "true")
                .replace("\"exitStatus\": 0", "\"exitStatus\": 1"));
        assertEquals("- `benchmarks/run.sh ngram-layouts` on 2026-11-29, 20:38–20:40 UTC, commit a65d2a5, 2 CPUs"
                + " (AMD EPYC), load average 0.6 before and 1.2 after.\n"
                + "- `benchmarks/run.sh ngram-layouts` on 2026-11-29, 20:38–20:40 UTC, commit a65d2a5 **with"
                + " uncommitted changes**, 2 CPUs (AMD EPYC), load average 0.6 before and 12.6 after: **the machine"
                + " was busy with other work**, so times and speeds are below a quiet machine's; **exit status 1**.\n",
                BenchmarkTables.renderTable("recorded quiet.json busy.json", dir));
    }

    @Test
    void anUnknownKindListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkTables.renderTable("ngram-sizes x.log", dir));
        assertTrue(e.getMessage().contains("unknown kind 'ngram-sizes'; known: compare-results,")
                && e.getMessage().contains("arpa-import"), e.getMessage());
    }
}
