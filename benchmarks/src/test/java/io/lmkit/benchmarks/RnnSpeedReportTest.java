package io.lmkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.benchmarks.report.BenchmarkTables;
import io.lmkit.benchmarks.report.MeasuredCeiling;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RnnSpeed's table states shares of the ceiling FmaCeiling recorded, or none when it is unmeasured, and what it
 * prints is what BENCHMARKS.md's rnn-speed table reads.
 */
class RnnSpeedReportTest {

    private static final Path CEILING = Path.of("results", "fma-ceiling", "jmh.json");
    /** RnnSpeed's FLOPs per token: 3 × (2·E·4H + 2·H·4H + 2·H·V) for E = H = 200, V = 10,000. */
    private static final double FLOPS = 3 * (2.0 * 200 * 800 + 2.0 * 200 * 800 + 2.0 * 200 * 10_000);

    @TempDir
    Path dir;

    @Test
    void theSharesAreOfTheRecordedCeiling() {
        String table = RnnSpeed.speedTable("simd", 11_608, 1_774, FLOPS, Optional.of(MeasuredCeiling.read(CEILING)));
        assertTrue(table.contains("| lmkit lstm (simd backend) | 11608 | 161.6 | 69.5% |\n"), table);
        assertTrue(table.contains("| DL4J 1.0.0-M2.1 | 1774 | 24.7 | 10.6% |\n"), table);
        assertTrue(table.contains("ceiling: 232.4 GFLOP/s, FmaCeiling on 2 threads"), table);
    }

    @Test
    void withoutARecordedCeilingNoShareIsPrinted() {
        String table = RnnSpeed.speedTable("simd", 11_608, 1_774, FLOPS, Optional.empty());
        assertTrue(table.contains("| lmkit lstm (simd backend) | 11608 | 161.6 | unmeasured |\n"), table);
        assertTrue(table.contains("ceiling: no share: the machine's ceiling is unmeasured"), table);
        assertTrue(!table.contains("224"), table);
    }

    @Test
    void whatItPrintsRendersAgainstTheRecordedCeiling() throws IOException {
        Files.writeString(dir.resolve("rnn-speed.log"),
                RnnSpeed.speedTable("simd", 11_608, 1_774, FLOPS, Optional.empty()), StandardCharsets.UTF_8);
        Files.copy(CEILING, dir.resolve("jmh.json"));
        String marker = "<!-- table: rnn-speed rnn-speed.log ceiling=jmh.json -->";
        BenchmarkTables.Result result = BenchmarkTables.render(marker + "\n<!-- end table -->\n", dir);
        assertEquals(marker + """

                | trainer | training tokens/s | GFLOP/s | share of the ceiling, 232.4 GFLOP/s |
                |---|---:|---:|---:|
                | lmkit lstm (simd backend) | 11,608 | 161.6 | 69.5% |
                | DL4J 1.0.0-M2.1 | 1,774 | 24.7 | 10.6% |
                <!-- end table -->
                """, result.text());
    }
}
