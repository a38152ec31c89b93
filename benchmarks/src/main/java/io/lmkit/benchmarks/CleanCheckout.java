package io.lmkit.benchmarks;

import io.lmkit.eval.compare.Provenance;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark commands make the numbers of record (BENCHMARKS.md), so each must be reproducible from a
 * commit: a command run from a git working copy with uncommitted changes to tracked files is refused, unless
 * {@code --allow-dirty} is given, and then its output is marked. (Outside a git working copy the commit is
 * {@code unknown} and the command runs.) {@code lmkit compare} itself never refuses, it only marks its report:
 * users run it on their own changes.
 */
final class CleanCheckout {

    /** The option that runs a benchmark from a working copy with uncommitted changes, marking its results. */
    static final String ALLOW_DIRTY = "--allow-dirty";

    private CleanCheckout() {
    }

    /**
     * For a benchmark's {@code main}: its arguments without {@link #ALLOW_DIRTY}; when the current folder's
     * working copy has uncommitted changes and the option is absent, prints why on standard error and exits
     * with status 1. A run allowed with the option prints {@link Provenance#UNCOMMITTED_NOTE} as the first
     * line of standard output as well.
     */
    static String[] require(String command, String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        String commit = Provenance.commitOfWorkingCopy();
        Optional<List<String>> allowed = check(command, List.of(args), commit, err);
        if (allowed.isEmpty()) {
            System.exit(1);
        }
        if (commit.endsWith(Provenance.CHANGES_SUFFIX)) {
            // Also the first line of the results on standard output, which is what gets recorded.
            System.out.println(Provenance.UNCOMMITTED_NOTE);
        }
        return allowed.get().toArray(String[]::new);
    }

    /**
     * The check itself: the arguments without {@link #ALLOW_DIRTY}, or empty when the run is refused (the
     * one-line reason is printed to {@code err}). A run allowed despite changes prints the mark to {@code err}.
     *
     * @param commit the working copy's commit as {@link Provenance#commitOfWorkingCopy()} gives it
     */
    static Optional<List<String>> check(String command, List<String> args, String commit, PrintWriter err) {
        List<String> rest = new ArrayList<>(args);
        boolean allowDirty = rest.removeIf(ALLOW_DIRTY::equals);
        if (!commit.endsWith(Provenance.CHANGES_SUFFIX)) {
            return Optional.of(rest);
        }
        if (!allowDirty) {
            err.println(command + ": refused: " + Provenance.UNCOMMITTED_NOTE + " (git commit " + commit + "); commit"
                    + " or stash the changes, or pass " + ALLOW_DIRTY + " to run anyway with the results marked");
            return Optional.empty();
        }
        err.println(command + ": " + Provenance.UNCOMMITTED_NOTE + " (git commit " + commit + "); running anyway ("
                + ALLOW_DIRTY + ")");
        return Optional.of(rest);
    }
}
