package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lmkit.neural.train.Checkpoint;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration test: {@code lmkit train} runs in a child JVM that is killed with SIGKILL at
 * different moments (after the first and the third checkpoint, and while a checkpoint is being
 * written) or stopped with SIGTERM (what Ctrl-C's shutdown path runs). Every time, the model file
 * that was there before is untouched, the checkpoint on disk is complete and loadable, and
 * {@code --resume} from it finishes with parameters bit-identical to an uninterrupted run with the
 * same seed on the same (reference) backend. A tiny fixed-window model keeps it to seconds a run.
 */
@Tag("integration")
class TrainingCrashIntegrationTest {

    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    static Path dir;
    static Path train;
    static Path valid;
    /** The model file and final checkpoint of the uninterrupted run. */
    static Path reference;
    static Path referenceCheckpoint;

    @BeforeAll
    static void trainWithoutInterruption() throws Exception {
        StringBuilder text = new StringBuilder();
        String[] words = "the a cat dog sat ran on under mat log big small red old new".split(" ");
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < 120; i++) {
            int n = 4 + random.nextInt(6);
            for (int j = 0; j < n; j++) {
                text.append(j > 0 ? " " : "").append(words[random.nextInt(words.length)]);
            }
            text.append('\n');
        }
        train = Files.writeString(dir.resolve("train.txt"), text.toString());
        valid = Files.writeString(dir.resolve("valid.txt"), "the cat sat on the mat\na dog ran under the log\n");
        reference = dir.resolve("reference.zip");
        referenceCheckpoint = dir.resolve("reference.ckpt");
        Process p = start("reference", List.of("--out", reference.toString(), "--checkpoint",
                referenceCheckpoint.toString()));
        assertEquals(0, finish(p, "reference"), log("reference"));
        assertTrue(Files.isRegularFile(reference));
    }

    /** The training command: a small fixed-window model whose checkpoints take a while to write. */
    static final List<String> FIXED_WINDOW = List.of("--model", "fixed-window", "--set", "order=3", "--set",
            "embedding=16", "--set", "hidden=160", "--set", "batchSize=16", "--set", "learningRate=0.003");
    /** A small LSTM, whose checkpoints also carry the hidden state of its parallel streams. */
    static final List<String> LSTM = List.of("--model", "lstm", "--set", "embedding=8", "--set", "hidden=32",
            "--set", "bptt=5", "--set", "batchSize=4", "--set", "learningRate=0.01");

    static List<String> trainArgs(List<String> model) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(model);
        args.addAll(List.of("--set", "backend=reference", "--set", "epochs=12", "--set", "patience=12", "--set",
                "threads=1", "--train", train.toString(), "--valid", valid.toString(), "--seed", "7"));
        return args;
    }

    static Process start(String name, List<String> extra) throws IOException {
        return start(name, FIXED_WINDOW, extra);
    }

    static Process start(String name, List<String> model, List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(trainArgs(model));
        command.addAll(extra);
        return new ProcessBuilder(withDefaultSigint(command)).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    static int finish(Process p, String name) throws Exception {
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), name + " did not finish: " + log(name));
        return p.exitValue();
    }

    static String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Waits until the checkpoint has been replaced {@code writes} times (each atomic write is a new file). */
    static void awaitCheckpointWrites(Process p, Path checkpoint, int writes) throws Exception {
        Object last = null;
        int seen = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (seen < writes) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "training ended before checkpoint " + writes);
            try {
                Object key = Files.readAttributes(checkpoint, java.nio.file.attribute.BasicFileAttributes.class)
                        .fileKey();
                if (!key.equals(last)) {
                    last = key;
                    seen++;
                }
            } catch (java.nio.file.NoSuchFileException notYet) {
                // Not written yet.
            }
            Thread.sleep(1);
        }
    }

    /** Kills the process (SIGKILL) as soon as a temporary checkpoint file is seen, i.e. mid-write. */
    static boolean killMidWrite(Process p, Path checkpoint) throws Exception {
        String prefix = "." + checkpoint.getFileName() + ".";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (p.isAlive() && System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(checkpoint.getParent())) {
                if (files.anyMatch(f -> f.getFileName().toString().startsWith(prefix)
                        && f.getFileName().toString().endsWith(".tmp")) && Files.exists(checkpoint)) {
                    p.destroyForcibly();
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Runs one interrupted training: a previous model file sits at --out; {@code interrupt} stops
     * the run; then the checks every interruption must pass, and the resume.
     */
    void interruptThenResume(String name, Interruption interrupt) throws Exception {
        interruptThenResume(name, FIXED_WINDOW, reference, referenceCheckpoint, interrupt);
    }

    void interruptThenResume(String name, List<String> model, Path reference, Path referenceCheckpoint,
                             Interruption interrupt) throws Exception {
        Path out = dir.resolve(name + ".zip");
        Path checkpoint = dir.resolve(name + ".zip.ckpt"); // the default: --out with .ckpt appended
        Files.copy(reference, out);
        byte[] previousModel = Files.readAllBytes(out);

        Process p = start(name, model, List.of("--out", out.toString()));
        try {
            interrupt.apply(p, checkpoint);
        } catch (AssertionError e) {
            p.destroyForcibly();
            throw new AssertionError(e.getMessage() + "; its output:\n" + log(name), e);
        }
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), name + " still runs after the signal");
        assertArrayEquals(previousModel, Files.readAllBytes(out), name + ": the previous model file is untouched");
        Checkpoint saved = Checkpoint.read(checkpoint);
        assertTrue(saved.step() > 0, name + ": the checkpoint holds progress");
        assertTrue(saved.epoch() <= 12, name + ": the checkpoint is from before the end: epoch " + saved.epoch());

        Process resumed = start(name + "-resume", model, List.of("--out", out.toString(), "--resume",
                checkpoint.toString()));
        assertEquals(0, finish(resumed, name + "-resume"), log(name + "-resume"));
        assertSameParameters(name, Checkpoint.read(referenceCheckpoint), Checkpoint.read(checkpoint));
        assertEquals(modelData(reference), modelData(out), name + ": the model file's parameters are bit-identical");
    }

    @FunctionalInterface
    interface Interruption {
        void apply(Process p, Path checkpoint) throws Exception;
    }

    @Test
    void sigkillAfterTheFirstCheckpointLosesNothingAndResumesExactly() throws Exception {
        interruptThenResume("kill-first", (p, checkpoint) -> {
            awaitCheckpointWrites(p, checkpoint, 1);
            p.destroyForcibly();
        });
    }

    @Test
    void sigkillAfterTheThirdCheckpointLosesNothingAndResumesExactly() throws Exception {
        interruptThenResume("kill-third", (p, checkpoint) -> {
            awaitCheckpointWrites(p, checkpoint, 3);
            Thread.sleep(37); // somewhere inside the next epoch
            p.destroyForcibly();
        });
    }

    @Test
    void sigkillWhileACheckpointIsBeingWrittenLeavesThePreviousOne() throws Exception {
        interruptThenResume("kill-mid-write", (p, checkpoint) -> assertTrue(killMidWrite(p, checkpoint),
                "no checkpoint write was caught in progress"));
    }

    @Test
    void sigtermStopsCleanlyAfterWritingACheckpointMidEpoch() throws Exception {
        interruptThenResume("sigterm", (p, checkpoint) -> {
            awaitCheckpointWrites(p, checkpoint, 2);
            Thread.sleep(20);
            p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            String log = log("sigterm");
            assertTrue(log.contains("training stopped on request") && log.contains("--resume " + checkpoint), log);
            assertEquals(128 + 15, p.exitValue(), "the JVM's status after SIGTERM");
            assertTrue(Checkpoint.read(checkpoint).nextBatch() > 0, "the stop's checkpoint is taken mid-epoch");
        });
    }

    @Test
    void ctrlCThatIsSigintStopsCleanlyAfterWritingACheckpoint() throws Exception {
        // Ctrl-C in a terminal sends SIGINT; Java's Process API only sends TERM and KILL, so kill(1) sends it.
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")), "needs /bin/kill to send SIGINT");
        interruptThenResume("sigint", (p, checkpoint) -> {
            awaitCheckpointWrites(p, checkpoint, 2);
            Thread.sleep(20);
            assertEquals(0, new ProcessBuilder("/bin/kill", "-INT", Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            String log = log("sigint");
            assertTrue(log.contains("training stopped on request") && log.contains("--resume " + checkpoint), log);
            assertEquals(128 + 2, p.exitValue(), "the JVM's status after SIGINT");
        });
    }

    @Test
    void sigtermStopsAnLstmMidEpochAndItsCarriedStateResumesExactly() throws Exception {
        Path lstmReference = dir.resolve("lstm-reference.zip");
        Path lstmCheckpoint = dir.resolve("lstm-reference.ckpt");
        Process p = start("lstm-reference", LSTM, List.of("--out", lstmReference.toString(), "--checkpoint",
                lstmCheckpoint.toString()));
        assertEquals(0, finish(p, "lstm-reference"), log("lstm-reference"));
        interruptThenResume("lstm-sigterm", LSTM, lstmReference, lstmCheckpoint, (child, checkpoint) -> {
            awaitCheckpointWrites(child, checkpoint, 2);
            Thread.sleep(20);
            child.destroy();
            assertTrue(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertTrue(log("lstm-sigterm").contains("training stopped on request"), log("lstm-sigterm"));
            Checkpoint stopped = Checkpoint.read(checkpoint);
            assertTrue(stopped.nextBatch() > 0 && !stopped.carried().isEmpty(),
                    "a mid-epoch checkpoint with the streams' hidden state");
        });
    }

    static void assertSameParameters(String name, Checkpoint expected, Checkpoint actual) {
        assertEquals(expected.step(), actual.step(), name + ": updates");
        assertEquals(expected.parameters().keySet(), actual.parameters().keySet());
        for (Map.Entry<String, double[]> e : expected.parameters().entrySet()) {
            assertArrayEquals(e.getValue(), actual.parameters().get(e.getKey()), 0.0,
                    name + ": parameter " + e.getKey() + " is bit-identical");
        }
        assertFalse(expected.parameters().isEmpty());
    }

    /** The SHA-256 of every model data entry and of the vocabulary, by name. */
    static Map<String, String> modelData(Path model) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(model.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                if (e.getName().startsWith("data/") || e.getName().equals("vocab.txt")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        out.put(e.getName(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(in.readAllBytes())));
                    }
                }
            }
        }
        return out;
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
