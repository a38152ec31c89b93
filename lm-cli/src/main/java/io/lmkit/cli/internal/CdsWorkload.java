package io.lmkit.cli.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The short run the {@code lmkit} launcher records its class-data-sharing archive from
 * ({@code -XX:ArchiveClassesAtExit}): it trains, converts, evaluates and scores a small n-gram model,
 * in process, so that the archive holds the classes of the n-gram commands people time. Not a command:
 * the launcher runs it once after each build, and every later run maps the archive instead of loading
 * and verifying those classes from the jars again.
 */
public final class CdsWorkload {

    private CdsWorkload() {
    }

    /** Runs the workload in a temporary folder that it deletes; exits 0, or 1 when a step failed. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("lmkit-cds");
        int failed;
        try {
            failed = run(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs every step in {@code dir}; returns how many failed. */
    static int run(Path dir) throws IOException {
        Path train = dir.resolve("train.txt");
        Path test = dir.resolve("test.txt");
        Files.write(train, sentences(400, 1), StandardCharsets.UTF_8);
        Files.write(test, sentences(40, 2), StandardCharsets.UTF_8);
        String model = dir.resolve("m.zip").toString();
        String trie = dir.resolve("t.zip").toString();
        List<String[]> steps = List.of(
                new String[] {"train", "--quiet", "--model", "modified-kneser-ney", "--set", "order=3",
                    "--set", "discountStatistics=lmplz", "--train", train.toString(), "--out", model},
                new String[] {"ngram", "convert", "--quiet", "--model", model, "--out", trie, "--layout", "trie"},
                new String[] {"eval", "--quiet", "--model", model, "--test", test.toString()},
                new String[] {"eval", "--quiet", "--model", trie, "--test", test.toString()},
                new String[] {"score", "--quiet", "--model", model, "--input", test.toString()},
                new String[] {"score", "--quiet", "--format", "kenlm", "--model", trie, "--input", test.toString()});
        int failed = 0;
        PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream(), true);
        for (String[] step : steps) {
            if (Main.run(step, quiet, quiet) != 0) {
                failed++;
            }
        }
        return failed;
    }

    /** {@code n} sentences over a 60-word vocabulary, words drawn by a fixed linear congruential sequence. */
    private static List<String> sentences(int n, long seed) {
        List<String> lines = new ArrayList<>(n);
        long x = seed;
        for (int i = 0; i < n; i++) {
            StringBuilder line = new StringBuilder();
            int length = 3 + i % 9;
            for (int j = 0; j < length; j++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                // Squaring skews the draw towards low numbers, as word frequencies are skewed.
                double u = (x >>> 11) / (double) (1L << 53);
                line.append(j == 0 ? "" : " ").append('w').append((int) (60 * u * u));
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
