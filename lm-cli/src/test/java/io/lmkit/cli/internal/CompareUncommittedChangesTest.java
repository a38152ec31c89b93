package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmkit compare} run from a git working copy with uncommitted changes (issue 20): it runs (users compare
 * their own changes) but says so on standard error and in the first section of report.md, since no commit
 * holds the code that made the numbers. A child JVM in a fresh git repository; skipped without git.
 */
class CompareUncommittedChangesTest {

    private static final String NOTE = "uncommitted changes: results not reproducible from a commit";

    @TempDir
    Path repo;

    @Test
    void aRunWithUncommittedChangesIsMarkedAndACleanOneIsNot() throws Exception {
        assumeTrue(git("init", "-q").exit() == 0, "skipped: git is not available");
        Path config = writeSmallComparison();
        Files.writeString(repo.resolve("tracked.txt"), "v1\n");
        assertEquals(0, git("add", "-A").exit());
        assertEquals(0, git("-c", "user.name=lmkit test", "-c", "user.email=test@localhost", "commit", "-qm", "v1").exit());
        String head = git("rev-parse", "HEAD").out().strip();

        Files.writeString(repo.resolve("tracked.txt"), "v2\n");
        Result dirty = compare(config, "dirty");
        assertEquals(0, dirty.exit(), dirty.err());
        assertTrue(dirty.err().contains("lmkit: " + NOTE + " (git commit " + head + "+changes); the report says so."
                + " Commit first for numbers anyone can reproduce"), dirty.err());
        String report = Files.readString(repo.resolve("dirty/report.md"));
        String firstSection = report.substring(0, report.indexOf("\n## "));
        assertTrue(firstSection.contains("**" + NOTE + "**: the working copy of commit " + head), firstSection);

        assertEquals(0, git("-c", "user.name=lmkit test", "-c", "user.email=test@localhost", "commit", "-qam", "v2")
                .exit());
        Result clean = compare(config, "clean");
        assertEquals(0, clean.exit(), clean.err());
        assertFalse(clean.err().contains(NOTE), clean.err());
        assertFalse(Files.readString(repo.resolve("clean/report.md")).contains(NOTE));
    }

    @Test
    void rewritingRecordedBenchmarkOutputIsNotAChangeToTheCode() throws Exception {
        assumeTrue(git("init", "-q").exit() == 0, "skipped: git is not available");
        Path config = writeSmallComparison();
        Path recorded = Files.createDirectories(repo.resolve("benchmarks/results/some-benchmark"));
        Files.writeString(recorded.resolve("command.log"), "the recorded run\n");
        assertEquals(0, git("add", "-A").exit());
        assertEquals(0, git("-c", "user.name=lmkit test", "-c", "user.email=test@localhost", "commit", "-qm", "v1").exit());

        // benchmarks/run.sh empties a benchmark's result folder before running it again.
        Files.delete(recorded.resolve("command.log"));
        Result rerun = compare(config, "rerun");
        assertEquals(0, rerun.exit(), rerun.err());
        assertFalse(rerun.err().contains(NOTE), rerun.err());

        Files.writeString(repo.resolve("c.yaml"), "models: [{model: uniform}]\n");
        Result changed = compare(config, "changed");
        assertTrue(changed.err().contains(NOTE), "a change outside benchmarks/results still counts: " + changed.err());
    }

    private Path writeSmallComparison() throws IOException {
        Path data = Files.createDirectory(repo.resolve("data"));
        Files.writeString(data.resolve("brown.train.txt"), "the cat sat\nthe dog sat\na cat ran\n");
        Files.writeString(data.resolve("brown.valid.txt"), "the cat ran\n");
        Files.writeString(data.resolve("brown.test.txt"), "a dog sat\n");
        Files.writeString(data.resolve("vocab.txt"), "<unk>\n<s>\n</s>\nthe\ncat\nsat\ndog\na\nran\n");
        return Files.writeString(repo.resolve("c.yaml"), "models: [{model: uniform}, {model: unigram}]\n");
    }

    private record Result(int exit, String out, String err) {
    }

    private Result compare(Path config, String out) throws Exception {
        return run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "compare", "--config", config.toString(), "--data", "data", "--out", out));
    }

    private Result git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            return run(command);
        } catch (IOException e) {
            return new Result(-1, "", e.getMessage());
        }
    }

    private Result run(List<String> command) throws Exception {
        Path err = Files.createTempFile("lmkit-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).directory(repo.toFile())
                    .redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished: " + command);
            return new Result(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
