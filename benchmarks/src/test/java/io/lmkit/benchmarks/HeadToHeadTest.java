package io.lmkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark-of-record command's own handling; the comparison itself is tested in lm-eval and lm-cli. */
class HeadToHeadTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs from a clean working copy, whatever the state of the one the test runs in. */
    private int run(String... args) {
        return HeadToHead.run(args, new PrintWriter(out, true), new PrintWriter(err, true), "e4ac493");
    }

    private int runWithChanges(String... args) {
        return HeadToHead.run(args, new PrintWriter(out, true), new PrintWriter(err, true), "e4ac493+changes");
    }

    @Test
    void withoutAnOutputFolderItPrintsItsUsage() {
        assertEquals(2, run());
        assertEquals(2, run("--budget-minutes", "1"));
        assertTrue(err.toString().contains("usage: HeadToHead OUT_DIR"), err.toString());
    }

    @Test
    void itRunsLmkitCompareOnTheGivenConfigIntoTheGivenFolder() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("brown.train.txt"), "the cat sat\nthe dog sat\na cat ran\n");
        Files.writeString(data.resolve("brown.valid.txt"), "the cat ran\n");
        Files.writeString(data.resolve("brown.test.txt"), "a dog sat\n");
        Files.writeString(data.resolve("vocab.txt"), "<unk>\n<s>\n</s>\nthe\ncat\nsat\ndog\na\nran\n");
        Path config = Files.writeString(dir.resolve("c.yaml"), "models: [{model: uniform}, {model: unigram}]\n");
        Path report = dir.resolve("report");
        assertEquals(0, run(report.toString(), "--config", config.toString(), "--data", data.toString()), err.toString());
        assertTrue(out.toString().contains("| uniform | sentence | 8.00 | 8.00 |"), out.toString());
        assertTrue(Files.isRegularFile(report.resolve("report.html")));
    }

    @Test
    void aWorkingCopyWithUncommittedChangesIsRefusedWithoutAllowDirty() throws IOException {
        Path report = dir.resolve("report");
        assertEquals(1, runWithChanges(report.toString(), "--config", smallComparison().toString()));
        assertEquals("HeadToHead: refused: uncommitted changes: results not reproducible from a commit (git commit"
                + " e4ac493+changes); commit or stash the changes, or pass --allow-dirty to run anyway with the results"
                + " marked\n", err.toString());
        assertFalse(Files.exists(report), "nothing is run");
    }

    @Test
    void allowDirtyRunsAndSaysTheResultsAreNotFromACommit() throws IOException {
        Path report = dir.resolve("report");
        assertEquals(0, runWithChanges(report.toString(), "--allow-dirty", "--config", smallComparison().toString(),
                "--data", dir.resolve("data").toString()), err.toString());
        assertTrue(err.toString().startsWith("HeadToHead: uncommitted changes: results not reproducible from a commit"
                + " (git commit e4ac493+changes); running anyway (--allow-dirty)\n"), err.toString());
        assertTrue(Files.isRegularFile(report.resolve("report.md")));
    }

    /** A two-model config and its data folder (dir/data). */
    private Path smallComparison() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("brown.train.txt"), "the cat sat\nthe dog sat\na cat ran\n");
        Files.writeString(data.resolve("brown.valid.txt"), "the cat ran\n");
        Files.writeString(data.resolve("brown.test.txt"), "a dog sat\n");
        Files.writeString(data.resolve("vocab.txt"), "<unk>\n<s>\n</s>\nthe\ncat\nsat\ndog\na\nran\n");
        return Files.writeString(dir.resolve("c.yaml"), "models: [{model: uniform}, {model: unigram}]\n");
    }
}
