package io.lmkit.benchmarks;

import io.lmkit.cli.Lmkit;
import io.lmkit.eval.compare.Provenance;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark of record (issue 6): every model family head to head on brown-v1, as configured in
 * {@code benchmarks/head-to-head.yaml} (modified Kneser-Ney of orders 2-5, Katz and Witten-Bell of
 * orders 3 and 5, fixed-window, rnn, lstm, gru, and the best neural model mixed with the 5-gram),
 * within the config's training budget. It runs {@code lmkit compare} on that config, so the report
 * (Markdown, HTML, CSV, JSON, plots, provenance) is the one every comparison writes.
 *
 * <p>Usage: {@code HeadToHead OUT_DIR [--config FILE] [--allow-dirty] [more lmkit compare options]}, e.g.
 * {@code --budget-minutes 0.5 --seed 2}; add {@code --resume} to continue a run that was killed or
 * stopped (its neural models checkpoint into {@code OUT_DIR.work}, see the README). Run from the repository root (the config's data folder,
 * {@code data/brown-v1}, is prepared there from {@code ../shared/data/brown} when missing).
 */
public final class HeadToHead {

    /** The config of record, relative to the repository root. */
    static final Path CONFIG = Path.of("benchmarks", "head-to-head.yaml");

    private HeadToHead() {
    }

    /** Runs the head-to-head and exits with lmkit's status (0 ok, 1 failure, 2 usage). */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the head-to-head in-process; returns lmkit's exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, Provenance.commitOfWorkingCopy());
    }

    /**
     * Runs the head-to-head from a working copy at {@code commit}: refused (status 1) when it has uncommitted
     * changes, unless {@code --allow-dirty} is given; then lmkit compare marks the report.
     */
    static int run(String[] allArgs, PrintWriter out, PrintWriter err, String commit) {
        Optional<List<String>> allowed = CleanCheckout.check("HeadToHead", List.of(allArgs), commit, err);
        if (allowed.isEmpty()) {
            return 1;
        }
        String[] args = allowed.get().toArray(String[]::new);
        if (args.length == 0 || args[0].startsWith("-")) {
            err.println("usage: HeadToHead OUT_DIR [--config FILE] [--allow-dirty] [lmkit compare options, e.g."
                    + " --budget-minutes N]");
            return 2;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        List<String> command = new ArrayList<>(List.of("compare", "--out", args[0]));
        if (!rest.contains("--config")) {
            if (!Files.isRegularFile(CONFIG)) {
                err.println("HeadToHead: " + CONFIG + " not found; run from the repository root or pass --config FILE");
                return 1;
            }
            command.addAll(List.of("--config", CONFIG.toString()));
        }
        command.addAll(rest);
        return Lmkit.run(command.toArray(String[]::new), out, err);
    }
}
