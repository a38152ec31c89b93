package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmkit compare --quick} trains its neural models on work budgets in tokens, so running it
 * twice prints the same table: every number that does not measure time or heap is identical, and
 * every neural model's learning curve has at least eight points. It needs the Brown corpus in
 * {@code ../shared/data/brown} (the quick run reads its small subset from the prepared brown-v1
 * splits); without it the test is skipped, saying so.
 */
class CompareQuickReproducibilityTest {

    @TempDir
    Path dir;

    @Test
    void runningQuickTwicePrintsTheSameTable() throws IOException {
        assumeTrue(BrownCorpusSource.sharedCopy().isPresent(), "skipped: the Brown corpus is not in ../shared/data/brown"
                + " beside the checkout (lmkit.home=" + System.getProperty("lmkit.home") + "), and this test does not"
                + " download it");
        Path data = dir.resolve("brown-v1");
        Run first = quick(data, dir.resolve("first"));
        Run second = quick(data, dir.resolve("second"));
        assertEquals(machineIndependent(first.out()), machineIndependent(second.out()),
                "the table without its time and memory columns");
        assertEquals(curves(dir.resolve("first")), curves(dir.resolve("second")));
        Map<String, Long> points = curves(dir.resolve("first")).stream()
                .collect(Collectors.groupingBy(line -> line.split(",")[0], Collectors.counting()));
        assertEquals(List.of("\"fixed-window\"", "\"lstm\""), points.keySet().stream().sorted().toList());
        // Eight validations spread over each 100,000-token budget, and one at each epoch end (2,000 sentences are
        // about 47,000 tokens) that does not fall on one of them.
        points.forEach((model, n) -> assertTrue(n >= 8 && n <= 10, model + ": " + n + " points"));
        String csv = Files.readString(dir.resolve("first/results.csv"));
        assertTrue(csv.contains("\"tokens\",\"100,000 tokens\""), csv);
    }

    private Run quick(Path data, Path out) {
        Run r = lmkit("compare", "--quick", "--data", data.toString(), "--out", out.toString(), "--cache",
                dir.resolve("cache").toString());
        assertEquals(0, r.exitCode(), r.err());
        return r;
    }

    /** The table's rows with the model, perplexities, bits/token, size and note; not memory or seconds. */
    private static List<String> machineIndependent(String table) {
        return table.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| model")).map(l -> {
            String[] cells = l.split("\\|");
            // | model | protocol | valid | test | bits | size | memory | training s | scoring tokens/s | note |
            return String.join("|", Arrays.asList(cells).subList(1, 7)) + "|" + cells[10];
        }).toList();
    }

    /** learning-curves.csv without its seconds column. */
    private static List<String> curves(Path out) throws IOException {
        return Files.readAllLines(out.resolve("learning-curves.csv")).stream().skip(1).map(l -> {
            String[] f = l.split(",");
            return f[0] + "," + f[1] + "," + f[3];
        }).toList();
    }
}
