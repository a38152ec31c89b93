package io.lmkit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer on small recorded outputs: each kind of table, --check and --write. */
class BenchmarkTablesTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static final String RESULTS = """
            label,model,valid_perplexity,test_perplexity,bits_per_token,size,size_unit,memory_bytes,train_seconds,\
            scoring_tokens_per_second,note,budget_kind,budget_limit
            "mkn-5","modified-kneser-ney",155.9970931366179,146.74221853858842,7.197140191757833,2272118,"n-grams",\
            47588816,1.126548533,5509728.975126789,"","one pass",""
            "katz-3","katz",Infinity,Infinity,Infinity,860170,"n-grams",15011200,0.427949599,8626573.13075052,\
            "53 validation tokens with probability 0; 42 test tokens with probability 0","one pass",""
            "lstm","lstm",148.06148117736487,137.43965231957952,7.102654481789722,5981115,"parameters",54452176,\
            283.232473905,5367.322215879117,"","tokens","1,200,000 tokens"
            "mix","mixture",112.75781892351263,104.21753274118836,6.703454195519559,-1,"",120263888,54.451901852,\
            3634.023635317617,"λ = 0.7559 on lstm (tuned on validation)","",""
            """;

    private static final String TIME = """
            \tCommand being timed: "bash -c ./lmkit compare"
            \tUser time (seconds): 969.61
            \tSystem time (seconds): 20.27
            \tElapsed (wall clock) time (h:mm:ss or m:ss): 9:30.80
            \tMaximum resident set size (kbytes): 2364444
            """;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aComparisonTableShowsWhatTheReportShows() throws IOException {
        write("results.csv", RESULTS);
        assertEquals("""
                | model | valid perplexity | test perplexity | bits/token | size | memory | training s | scoring tokens/s |
                |---|---:|---:|---:|---:|---:|---:|---:|
                | mkn-5 | 156.00 | 146.74 | 7.20 | 2,272,118 n-grams | 47.6 MB | 1.1 | 5,509,729 |
                | katz-3 | ∞ | ∞ (42 test tokens with p = 0) | ∞ | 860,170 n-grams | 15.0 MB | 0.4 | 8,626,573 |
                | lstm (1,200,000 tokens) | 148.06 | 137.44 | 7.10 | 5,981,115 parameters | 54.5 MB | 283.2 | 5,367 |
                | mix (lstm, λ = 0.756) | 112.76 | 104.22 | 6.70 | both | 120.3 MB | 54.5 | 3,634 |
                """, BenchmarkTables.renderTable("compare-results results.csv", dir));
    }

    @Test
    void columnsPicksAndOrdersTheComparisonColumns() throws IOException {
        write("results.csv", RESULTS);
        String table = BenchmarkTables.renderTable("compare-results results.csv columns=model,test", dir);
        assertEquals("| model | test perplexity |", table.lines().findFirst().orElseThrow());
        assertEquals("| lstm (1,200,000 tokens) | 137.44 |", table.lines().toList().get(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkTables.renderTable("compare-results results.csv columns=model,ppl", dir));
        assertTrue(e.getMessage().contains("'ppl'"), e.getMessage());
    }

    @Test
    void theProtocolColumnSaysHowEachRowWasScoredAndSentenceForAnOlderComparison() throws IOException {
        write("results.csv", RESULTS);
        String older = BenchmarkTables.renderTable("compare-results results.csv columns=model,protocol,test", dir);
        assertEquals("| model | protocol | test perplexity |", older.lines().findFirst().orElseThrow());
        assertEquals("| mkn-5 | sentence | 146.74 |", older.lines().toList().get(2));
        write("stream.csv", "label,model,valid_perplexity,test_perplexity,protocol\n"
                + "\"mkn-5\",\"modified-kneser-ney\",148.0,141.186,\"stream (per sentence)\"\n"
                + "\"gru\",\"gru\",103.4,96.602,\"stream\"\n");
        String stream = BenchmarkTables.renderTable("compare-results stream.csv columns=model,protocol,test", dir);
        assertEquals(List.of("| mkn-5 | stream (per sentence) | 141.19 |", "| gru | stream | 96.60 |"),
                stream.lines().skip(2).toList());
    }

    @Test
    void aSignificanceTableSaysWhetherTheIntervalExcludesZero() throws IOException {
        write("significance.csv", """
                first,second,first_perplexity,second_perplexity,difference,lower_95,upper_95,first_better_share,resamples
                "mkn-5","lstm",146.74,109.61,37.14,36.28,38.18,0.0,1000
                "lstm","gru",109.61,111.03,-1.42,-1.86,-1.02,0.998,1000
                "a","b",100.0,100.1,-0.1,-0.5,0.3,0.6,1000
                """);
        assertEquals("""
                | first | second | difference | 95% interval | first better in | significant |
                |---|---|---:|---:|---:|---|
                | mkn-5 | lstm | +37.14 | [+36.28, +38.18] | 0.0% | yes |
                | lstm | gru | −1.42 | [−1.86, −1.02] | 99.8% | yes |
                | a | b | −0.10 | [−0.50, +0.30] | 60.0% | no |
                """, BenchmarkTables.renderTable("significance significance.csv", dir));
    }

    @Test
    void aTimeTableReadsTheLastTimeReportOfEachRun() throws IOException {
        write("quiet.log", "training...\n" + TIME.replace("9:30.80", "1:00.00") + "again\n" + TIME);
        write("long.txt", TIME.replace("9:30.80", "1:02:03.40").replace("2364444", "3779708"));
        assertEquals("""
                | run | wall | CPU (user) | peak RSS |
                |---|---:|---:|---:|
                | quiet | 9 min 31 s | 16 min 10 s | 2.4 GB |
                | long | 1 h 2 min 3 s | 16 min 10 s | 3.9 GB |
                """, BenchmarkTables.renderTable("time quiet=quiet.log long=long.txt", dir));
        assertTrue(BenchmarkTables.renderTable("time quiet=quiet.log cpu=user+sys", dir)
                .contains("| quiet | 9 min 31 s | 16 min 30 s | 2.4 GB |"));
    }

    @Test
    void aLogWithoutATimeReportIsNamed() throws IOException {
        write("run.log", "no report here\n");
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("time quiet=run.log", dir));
        assertTrue(e.getMessage().contains("run.log") && e.getMessage().contains("/usr/bin/time -v"), e.getMessage());
    }

    @Test
    void aJmhTableHasBenchmarkParamsScoreErrorAndUnit() throws IOException {
        write("jmh.json", """
                [ { "benchmark": "io.lmkit.benchmarks.NgramBenchmark.estimate", "mode": "avgt", "params": {},
                    "primaryMetric": { "score": 0.6641, "scoreError": 0.0298, "scoreUnit": "s/op" } },
                  { "benchmark": "io.lmkit.benchmarks.GemmBenchmark.multiply", "mode": "thrpt",
                    "params": { "shape": "64x512x512", "threads": "2" },
                    "primaryMetric": { "score": 1234.56, "scoreError": 12.3, "scoreUnit": "ops/s" } } ]
                """);
        assertEquals("""
                | benchmark | params | score | error | unit |
                |---|---|---:|---:|---|
                | `NgramBenchmark.estimate` |  | 0.664 | ± 0.030 | s/op |
                | `GemmBenchmark.multiply` | shape=64x512x512, threads=2 | 1,234.6 | ± 12.3 | ops/s |
                """, BenchmarkTables.renderTable("jmh jmh.json", dir));
    }

    @Test
    void aGemmTableHasGflopsByShapeAndBackendAndThreadsKeepingTheNamedClass() throws IOException {
        // 2·64·512·512 = 33,554,432 FLOPs a product; 2·200·128·14115 = 722,688,000.
        write("simd.json", """
                [ { "benchmark": "io.lmkit.benchmarks.GemmBenchmark.gemm", "threads": 1,
                    "params": { "backendName": "simd", "shape": "64x512x512:NN", "threads": "1" },
                    "primaryMetric": { "score": 2000.0, "scoreError": 30.0, "scoreUnit": "ops/s" } },
                  { "benchmark": "io.lmkit.benchmarks.GemmBenchmark.gemm", "threads": 1,
                    "params": { "backendName": "simd", "shape": "200x128x14115:TN", "threads": "2" },
                    "primaryMetric": { "score": 100.0, "scoreError": 10.0, "scoreUnit": "ops/s" } },
                  { "benchmark": "io.lmkit.benchmarks.Nd4jGemmBenchmark.gemm", "threads": 1,
                    "params": { "shape": "64x512x512", "threads": "1" },
                    "primaryMetric": { "score": 1.0, "scoreError": 0.1, "scoreUnit": "ops/s" } } ]
                """);
        write("nd4j.json", """
                [ { "benchmark": "io.lmkit.benchmarks.Nd4jGemmBenchmark.gemm", "threads": 1,
                    "params": { "shape": "64x512x512", "threads": "1" },
                    "primaryMetric": { "score": 1000.0, "scoreError": 100.0, "scoreUnit": "ops/s" } } ]
                """);
        assertEquals("""
                | shape (m×k · k×n) | simd, 1 thread | simd, 2 threads | nd4j-cpu, 1 thread |
                |---|---:|---:|---:|
                | 64×512 · 512×512 | 67.1 ± 1.0 |  | 33.6 ± 3.4 |
                | 200×128 · 128×14115, aᵀ·b |  | 72.3 ± 7.2 |  |
                """, BenchmarkTables.renderTable("gemm simd=simd.json:GemmBenchmark nd4j-cpu=nd4j.json", dir));
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("gemm simd=nd4j.json:GemmBenchmark", dir));
        assertTrue(e.getMessage().contains("nd4j.json: no GEMM results of GemmBenchmark"), e.getMessage());
    }

    @Test
    void theCeilingTableCountsAVectorFmaAsTwoFlopsALaneOfWallAndOfCpuTime() throws IOException {
        write("fma.json", """
                [ { "benchmark": "io.lmkit.benchmarks.FmaCeiling.oneThread", "threads": 1, "params": { "lanes": "16" },
                    "primaryMetric": { "score": 3.0E9, "scoreError": 1.0E8, "scoreUnit": "ops/s" },
                    "secondaryMetrics": { "cpuNanos": { "score": 1.0E9, "scoreUnit": "#" },
                                          "fmas": { "score": 3.5E9, "scoreUnit": "#" } } },
                  { "benchmark": "io.lmkit.benchmarks.FmaCeiling.twoThreads", "threads": 2, "params": { "lanes": "16" },
                    "primaryMetric": { "score": 5.0E9, "scoreError": 2.0E8, "scoreUnit": "ops/s" },
                    "secondaryMetrics": { "cpuNanos": { "score": 2.0E9, "scoreUnit": "#" },
                                          "fmas": { "score": 6.0E9, "scoreUnit": "#" } } } ]
                """);
        // 16 lanes × 2 FLOPs: 3e9 vector FMAs a second are 96 GFLOP/s; 3.5 FMAs a CPU-nanosecond are 112.
        assertEquals("""
                | threads | lanes | GFLOP/s of wall time | GFLOP/s of a CPU's time | the threads' CPUs together |
                |---:|---:|---:|---:|---:|
                | 1 | 16 | 96.0 ± 3.2 | 112.0 | 112.0 |
                | 2 | 16 | 160.0 ± 6.4 | 96.0 | 192.0 |
                """, BenchmarkTables.renderTable("fma-ceiling fma.json", dir));
        write("avgt.json", Files.readString(dir.resolve("fma.json")).replace("ops/s", "s/op"));
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("fma-ceiling avgt.json", dir));
        assertTrue(e.getMessage().contains("is in s/op, not ops/s"), e.getMessage());
        write("nocpu.json", Files.readString(dir.resolve("fma.json")).replace("cpuNanos", "gc.time"));
        e = assertThrows(TableSourceException.class, () -> BenchmarkTables.renderTable("fma-ceiling nocpu.json", dir));
        assertTrue(e.getMessage().contains("no secondary metric 'cpuNanos'"), e.getMessage());
    }

    @Test
    void aScoreVsTrainTableGivesRatesTheirRatioAndTheTarget() throws IOException {
        write("score-vs-train.csv", """
                model,train_tokens,train_seconds,train_cpu_seconds,score_tokens,score_seconds,score_cpu_seconds
                fixed-window,100000,20,40,60000,4,6
                lstm,100000,25,50,60000,5,9
                """);
        // fixed-window: 5,000 and 15,000 tokens/s, exactly 3×; lstm: 4,000 and 12,000, 3×: both met.
        // By CPU: fixed-window 400 against 100 µs a token, 4×; lstm 500 against 150, 3.33×. 2.4 would miss by 20%.
        assertEquals("""
                | model | training tokens/s | scoring tokens/s | scoring / training | target ≥ 3× \
                | CPU µs/token training | CPU µs/token scoring | by CPU time |
                |---|---:|---:|---:|---|---:|---:|---:|
                | fixed-window | 5,000 | 15,000 | 3.00× | met | 400 | 100 | 4.00× |
                | lstm | 4,000 | 12,000 | 3.00× | met | 500 | 150 | 3.33× |
                """, BenchmarkTables.renderTable("score-vs-train score-vs-train.csv", dir));
        write("missed.csv", "model,train_tokens,train_seconds,train_cpu_seconds,score_tokens,score_seconds,"
                + "score_cpu_seconds\ngru,1000,1,2,2400,1,2\n");
        assertTrue(BenchmarkTables.renderTable("score-vs-train missed.csv", dir)
                .contains("| gru | 1,000 | 2,400 | 2.40× | missed by 20% | 2000 | 833 | 2.40× |"));
    }

    @Test
    void aScoreVsTrainTableNamesAMissingColumn() throws IOException {
        write("partial.csv", "model,train_tokens\nrnn,5\n");
        TableSourceException e = assertThrows(TableSourceException.class,
                () -> BenchmarkTables.renderTable("score-vs-train partial.csv", dir));
        assertTrue(e.getMessage().contains("partial.csv: no column 'train_seconds'"), e.getMessage());
    }

    @Test
    void checkNamesTheTableThatDiffersAndWriteRewritesIt() throws IOException {
        write("results.csv", RESULTS);
        String table = BenchmarkTables.renderTable("compare-results results.csv columns=model,test", dir);
        String stale = table.replace("146.74", "146.75");
        Path md = write("B.md", "# B\n\ntext\n<!-- table: compare-results results.csv columns=model,test -->\n" + stale
                + "<!-- end table -->\n\nmore text\n");

        assertEquals(1, check(md));
        assertTrue(err.toString().contains("B.md:4: table 'compare-results results.csv columns=model,test' differs"),
                err.toString());

        assertEquals(0, BenchmarkTables.run(new String[] {"--write", md.toString()}, writer(out), writer(err)));
        assertEquals("# B\n\ntext\n<!-- table: compare-results results.csv columns=model,test -->\n" + table
                + "<!-- end table -->\n\nmore text\n", Files.readString(md));
        assertEquals(List.of("B.md"), listing());
        assertEquals(0, check(md));
    }

    @Test
    void aMissingSourceOrEndCommentFailsTheCheckWithTheirNames() throws IOException {
        Path md = write("B.md", "<!-- table: compare-results gone.csv -->\n<!-- end table -->\n");
        assertEquals(1, check(md));
        assertTrue(err.toString().contains("gone.csv: no such recorded output"), err.toString());

        write("results.csv", RESULTS);
        Path open = write("C.md", "<!-- table: compare-results results.csv -->\n| stale |\n");
        assertEquals(1, check(open));
        assertTrue(err.toString().contains("has no '<!-- end table -->'"), err.toString());
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, BenchmarkTables.run(new String[] {}, writer(out), writer(err)));
        assertEquals(2, BenchmarkTables.run(new String[] {"--render"}, writer(out), writer(err)));
        assertTrue(err.toString().contains("usage: BenchmarkTables --check|--write"), err.toString());
    }

    private int check(Path md) {
        return BenchmarkTables.run(new String[] {"--check", md.toString()}, writer(out), writer(err));
    }

    private List<String> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md") || n.endsWith(".tmp"))
                    .filter(n -> !n.equals("C.md")).sorted().toList();
        }
    }

    private static PrintWriter writer(StringWriter sink) {
        return new PrintWriter(sink, true);
    }
}
