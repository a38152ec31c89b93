package io.lmkit.cli;

import io.lmkit.cli.internal.Main;
import java.io.PrintWriter;

/**
 * The {@code lmkit} command run from Java, for programs that drive it (the benchmarks' head-to-head,
 * scripts on the JVM): the same commands, options, output and exit codes as the command line.
 */
public final class Lmkit {

    private Lmkit() {
    }

    /**
     * Runs one {@code lmkit} command in this JVM, with no standard input and an empty environment (no
     * {@code LMKIT_*} variables).
     *
     * @param args the command line after {@code lmkit}, e.g. {@code compare --config FILE --out DIR}
     * @param out  where the command writes its output
     * @param err  where the command writes its messages
     * @return the exit code: 0 ok, 1 runtime failure, 2 usage error
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return Main.run(args, out, err);
    }
}
