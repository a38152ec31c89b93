package io.lmkit.ngram.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) while runs are spilled: the JVM's shutdown hook removes the temporary folder. */
class SpillFolderInterruptTest {

    @TempDir
    Path temp;

    @Test
    void ctrlCRemovesTheSpilledRuns() throws Exception {
        // Ctrl-C in a terminal sends SIGINT; Java's Process API only sends TERM and KILL, so kill(1) sends it.
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")), "needs /bin/kill to send SIGINT");
        Process p = new ProcessBuilder(withDefaultSigint(List.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                SpillFolderChild.class.getName(), temp.toString()))).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String[] line = out.readLine().split(" ");
            Path folder = Path.of(line[0]);
            assertTrue(Integer.parseInt(line[1]) > 10, "the child spilled runs: " + line[1]);
            try (var runs = Files.list(folder)) {
                assertEquals(Integer.parseInt(line[1]), runs.count(), "its runs are on disk while it runs");
            }
            assertEquals(0, new ProcessBuilder("/bin/kill", "-INT", Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(128 + 2, p.exitValue(), "the JVM's status after SIGINT");
            assertFalse(Files.exists(folder), "the shutdown hook deleted " + folder);
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * The command run with SIGINT at its default action. A shell starts background jobs with SIGINT ignored,
     * and a JVM that starts with it ignored never runs its shutdown hooks on Ctrl-C; a test run from such a
     * job (a CI script started with {@code &}) would then wait for a child that cannot hear the signal.
     * {@code env --default-signal} (GNU coreutils 8.31 and later) restores the default before exec.
     */
    static List<String> withDefaultSigint(List<String> command) {
        List<String> out = new ArrayList<>();
        try {
            Process probe = new ProcessBuilder("/usr/bin/env", "--default-signal=INT", "true").start();
            if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                out.addAll(List.of("/usr/bin/env", "--default-signal=INT"));
            }
        } catch (IOException | InterruptedException e) {
            // Without env's option the command runs as it is: SIGINT is then whatever the test runner had.
        }
        out.addAll(command);
        return out;
    }
}
