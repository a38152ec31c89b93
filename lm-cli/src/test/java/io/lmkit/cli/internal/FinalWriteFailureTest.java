package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the model file cannot be written after training (the output folder became a file while an
 * LSTM trained), the error says that the checkpoint holds the trained model and prints the
 * {@code --resume} command that writes it; that command works.
 */
class FinalWriteFailureTest {

    @TempDir
    Path dir;

    @Test
    void aFailedFinalWriteNamesTheCheckpointAndTheResumeCommandThatWritesTheModel() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("the cat sat on the mat ").append(i % 7).append('\n');
        }
        Path train = Files.writeString(dir.resolve("t.txt"), text);
        Path folder = Files.createDirectory(dir.resolve("out"));
        Path checkpoint = dir.resolve("m.ckpt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of("train", "--model", "lstm", "--set", "embedding=4", "--set", "hidden=8", "--set",
                "epochs=25", "--set", "patience=25", "--set", "backend=reference", "--set", "threads=1",
                "--train", train.toString(), "--out", folder.resolve("m.zip").toString(), "--checkpoint",
                checkpoint.toString()));
        Path log = dir.resolve("log.txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // The first checkpoint shows that the output was checked and training runs; then the folder goes.
        while (!Files.exists(checkpoint)) {
            assertTrue(p.isAlive(), "training ended before its first checkpoint: " + Files.readString(log));
            Thread.sleep(5);
        }
        Files.delete(folder);
        Files.writeString(folder, "a file where the output folder was");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String out = Files.readString(log);
        assertEquals(1, p.exitValue(), out);
        String marker = "The checkpoint " + checkpoint + " holds the trained model; write it (with a writable"
                + " --out) by running: lmkit ";
        assertTrue(out.contains("cannot write " + folder.resolve("m.zip") + ": " + folder + " is a file")
                && out.contains(marker), out);
        String resume = out.substring(out.indexOf(marker) + marker.length()).lines().findFirst().orElseThrow();
        assertTrue(resume.endsWith("--resume " + checkpoint), resume);

        Path written = dir.resolve("m.zip");
        String[] args = resume.replace(folder.resolve("m.zip").toString(), written.toString()).split(" ");
        Run r = lmkit(args);
        assertEquals(0, r.exitCode(), Arrays.toString(args) + ": " + r.err());
        assertTrue(r.out().contains("epochs=25") && r.out().endsWith("wrote " + written + "\n"), r.out());
        assertTrue(Files.isRegularFile(written));
    }
}
