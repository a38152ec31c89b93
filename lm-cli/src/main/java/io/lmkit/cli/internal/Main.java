package io.lmkit.cli.internal;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine;

/**
 * Entry point of the {@code lmkit} command. Exit codes: 0 success, 1 runtime failure (the message
 * names the bad input and the fix), 2 usage error.
 */
public final class Main {

    /** The message of the {@link java.io.IOException} a write to a pipe whose reader has gone fails with. */
    private static final String BROKEN_PIPE = "Broken pipe";
    /** 128 + SIGPIPE: what a shell reports for a program that a closed pipe ended. */
    static final int EXIT_BROKEN_PIPE = 141;

    private Main() {
    }

    /** Runs {@code lmkit} with the process's arguments and exits with its status. */
    public static void main(String[] args) {
        LauncherStandardError.adopt(); // first, before anything (Log4j included) takes System.err
        int code;
        try {
            code = run(args, CliEnvironment.ofProcess(), StandardOutput.ofProcess(), new PrintWriter(System.err, true));
        } catch (OutOfMemoryError e) {
            // Outputs are written atomically, so nothing half-written is left; say what ran out and how to give more.
            System.err.println(outOfMemoryMessage(Runtime.getRuntime().maxMemory()));
            code = 1;
        }
        System.exit(code);
    }

    /**
     * What to say when the heap of {@code maxHeapBytes} ran out: a heap half as large again as this one (at least
     * 4 GiB), since suggesting the size that just failed helps nobody.
     */
    static String outOfMemoryMessage(long maxHeapBytes) {
        long mb = maxHeapBytes / (1 << 20);
        long suggestGb = Math.max(4, (mb * 3 / 2 + 1023) / 1024);
        return "lmkit: out of memory: the Java heap (at most " + mb + " MB) is too small for this input (a very long"
                + " line or a large corpus); give the JVM more with LMKIT_JAVA_OPTS=-Xmx" + suggestGb + "g (or more),"
                + " or split the input into shorter lines; a bounded-memory estimation (memory=) needs a heap of"
                + " memory=, an eighth more and 256 MB, which the lmkit command gives it where the machine has it, unless"
                + " LMKIT_JAVA_OPTS sizes it";
    }

    /** Runs {@code lmkit} in-process with no input and an empty environment; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, new CliEnvironment(InputStream.nullInputStream(), false, Map.of()), out, err);
    }

    /**
     * Runs {@code lmkit} in-process, reading from and writing to the given streams; returns the exit
     * code, 1 when the results could not all be written to {@code out} (a full disk, a closed pipe).
     */
    public static int run(String[] args, CliEnvironment environment, PrintWriter out, PrintWriter err) {
        // eval and score of an n-gram model and its estimation, the runs people time against KenLM, need neither
        // Guice nor picocli's model of every command; anything the fast paths do not take runs the general way.
        OptionalInt fast = NgramEvalFastPath.run(args, environment, out, err);
        if (fast.isEmpty()) {
            fast = NgramScoreFastPath.run(args, environment, out, err);
        }
        if (fast.isEmpty()) {
            fast = NgramTrainFastPath.run(args, environment, out, err);
        }
        int code = fast.isPresent() ? fast.getAsInt() : CommandTree.run(args, environment, out, err);
        // PrintWriter keeps write errors to itself; checkError() flushes and reports them.
        if (out.checkError()) {
            String why = out instanceof StandardOutput s && s.failure().isPresent()
                    ? s.failure().get().getMessage() : "the stream reported an error";
            if (BROKEN_PIPE.equals(why)) {
                // The reader went away on purpose (`lmkit score ... | head`): stop quietly with the
                // status a shell gives a program that SIGPIPE ended, as Unix tools do.
                return EXIT_BROKEN_PIPE;
            }
            err.println("lmkit: could not write the results to standard output: " + why
                    + "; the output is incomplete (is the disk full or the pipe closed?)");
            err.flush();
            return code == CommandLine.ExitCode.OK ? CommandLine.ExitCode.SOFTWARE : code;
        }
        return code;
    }

}
