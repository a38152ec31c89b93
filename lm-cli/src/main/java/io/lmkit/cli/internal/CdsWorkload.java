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
 * The short runs the {@code lmkit} launcher records its class-data-sharing archives from
 * ({@code -XX:ArchiveClassesAtExit}). Not a command: the launcher runs it once after each build, and every
 * later run maps an archive instead of loading and verifying those classes from the jars again.
 *
 * <ul>
 *   <li>No arguments: trains, converts, evaluates and scores a small n-gram model, in process, so that the
 *       archive holds the classes of the n-gram commands people time ({@code lmkit.jsa}).</li>
 *   <li>{@code models DIR}: writes that model and its trie into {@code DIR} (not archived), for</li>
 *   <li>{@code query DIR}: evaluates and scores them as {@code lmkit eval} and {@code score} do
 *       ({@link NgramEvalFastPath}, {@link NgramScoreFastPath}), and nothing else, so that the archive of
 *       those two commands ({@code lmkit-query.jsa}) holds only what they load: the JVM maps an archive
 *       whole, so every class it holds costs every run memory.</li>
 * </ul>
 */
public final class CdsWorkload {

    private CdsWorkload() {
    }

    /** Runs the workload the arguments name (see the class comment); exits 0, or 1 when a step failed. */
    public static void main(String[] args) throws IOException {
        if (args.length == 2 && (args[0].equals("models") || args[0].equals("query"))) {
            Path dir = Path.of(args[1]);
            System.exit(run(args[0].equals("models") ? models(dir) : queries(dir)) == 0 ? 0 : 1);
        }
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
        List<String[]> steps = new ArrayList<>(models(dir));
        // A training without --quiet takes the general path (the one above takes NgramTrainFastPath), so that the
        // archive holds the command tree's training classes too.
        steps.add(new String[] {"train", "--model", "modified-kneser-ney", "--set", "order=2", "--train",
            dir.resolve("train.txt").toString(), "--out", dir.resolve("m2.zip").toString()});
        steps.addAll(queries(dir));
        return run(steps);
    }

    /** The steps that write the texts, then train and convert the models into {@code dir}. */
    private static List<String[]> models(Path dir) throws IOException {
        Path train = dir.resolve("train.txt");
        Files.write(train, sentences(400, 1), StandardCharsets.UTF_8);
        Files.write(dir.resolve("test.txt"), sentences(40, 2), StandardCharsets.UTF_8);
        String model = dir.resolve("m.zip").toString();
        return List.of(
                new String[] {"train", "--quiet", "--model", "modified-kneser-ney", "--set", "order=3",
                    "--set", "discountStatistics=lmplz", "--train", train.toString(), "--out", model},
                new String[] {"ngram", "convert", "--quiet", "--model", model, "--out", dir.resolve("t.zip").toString(),
                    "--layout", "trie"});
    }

    /** The steps that evaluate and score the two models of {@link #models} in {@code dir}. */
    private static List<String[]> queries(Path dir) {
        String test = dir.resolve("test.txt").toString();
        String model = dir.resolve("m.zip").toString();
        String trie = dir.resolve("t.zip").toString();
        return List.of(
                new String[] {"eval", "--quiet", "--model", model, "--test", test},
                new String[] {"eval", "--quiet", "--model", trie, "--test", test},
                new String[] {"score", "--quiet", "--model", model, "--input", test},
                new String[] {"score", "--quiet", "--format", "kenlm", "--model", trie, "--input", test});
    }

    /** Runs {@code steps} in process as Main.main would; returns how many failed. */
    private static int run(List<String[]> steps) {
        int failed = 0;
        // What Main.main does before a command, so that the archive holds those classes too.
        LauncherStandardError.adopt();
        CliEnvironment.ofProcess();
        StandardOutput.ofProcess().flush();
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
