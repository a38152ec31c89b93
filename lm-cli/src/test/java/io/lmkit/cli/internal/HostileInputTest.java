package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files end in a one-line error, never an {@link OutOfMemoryError} (docs/RELIABILITY.md): each
 * command runs in a child JVM with a 256 MiB heap and must exit with status 1 (2 for a bad setting), print
 * exactly one line, {@code lmkit: ...}, on standard error, with no stack trace, and leave no file behind.
 * The hostile files are built in a few megabytes: zip entries that inflate to 3 GiB of zeros, a gzip of one
 * 3 GiB line, {@code /dev/zero}, a corpus line one byte over the 64 MiB limit, forged model data.
 */
class HostileInputTest {

    private static final long GIB_IN_MIB = 1024;

    @TempDir
    static Path shared;
    private static Path model;

    @TempDir
    Path dir;

    /** A small trigram model file to corrupt, trained once. */
    @BeforeAll
    static void trainAModel() throws IOException {
        Path train = Files.writeString(shared.resolve("train.txt"), "the cat sat on the mat\nthe dog sat\n");
        model = shared.resolve("kn.zip");
        CliTest.Run run = CliTest.lmkit("--quiet", "train", "--model", "kneser-ney", "--set", "order=3", "--train",
                train.toString(), "--out", model.toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    /** What a child {@code lmkit} printed on standard error, after its exit status was checked. */
    private String refused(int expectedStatus, String... args) throws Exception {
        return refusedReading(ProcessBuilder.Redirect.PIPE, expectedStatus, args);
    }

    /** As {@link #refused} with standard input read from {@code input}. */
    private String refusedReading(ProcessBuilder.Redirect input, int expectedStatus, String... args) throws Exception {
        Set<String> before = files();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(input)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
        // The JVM itself warns once that an incubator module is in use; that line is not lmkit's.
        List<String> lines = err.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
        assertEquals(expectedStatus, p.exitValue(), err);
        assertFalse(err.contains("OutOfMemoryError") || err.contains("\tat "), err);
        assertEquals(expectedStatus == 2 ? 2 : 1, lines.size(), "one message line (and the usage hint): " + err);
        assertTrue(lines.get(0).startsWith("lmkit: "), err);
        assertEquals(before, files(), "no file is left behind");
        return lines.get(0);
    }

    private Set<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void aManifestThatInflatesToThreeGibibytes() throws Exception {
        Path bomb = dir.resolve("manifest-bomb.zip");
        HostileFiles.zeroBomb(model, bomb, "manifest.properties", 3 * GIB_IN_MIB, -1);
        assertTrue(Files.size(bomb) < 4 << 20, "a few megabytes: " + Files.size(bomb));
        String m = refused(1, "score", "--model", bomb.toString(), "the", "cat");
        assertEquals("lmkit: " + bomb + ": entry 'manifest.properties' inflates to more than 1.0 MiB, the most lmkit"
                + " reads for it; the file is corrupt or not an lmkit model file. Re-create it with 'lmkit train'", m);
    }

    @Test
    void aManifestThatInflatesToThreeGibibytesWhileItsArchiveClaimsOneKilobyte() throws Exception {
        Path bomb = dir.resolve("lying-bomb.zip");
        HostileFiles.zeroBomb(model, bomb, "manifest.properties", 3 * GIB_IN_MIB, 1000);
        String m = refused(1, "score", "--model", bomb.toString(), "the", "cat");
        assertTrue(m.contains("entry 'manifest.properties' inflates to more than 1.0 MiB"), m);
    }

    @Test
    void aVocabularyThatInflatesToThreeGibibytes() throws Exception {
        Path bomb = dir.resolve("vocab-bomb.zip");
        HostileFiles.zeroBomb(model, bomb, "vocab.txt", 3 * GIB_IN_MIB, -1);
        String m = refused(1, "score", "--model", bomb.toString(), "the", "cat");
        assertEquals("lmkit: " + bomb + ": entry 'vocab.txt' inflates to more than 1.0 GiB, the most lmkit reads for"
                + " it; the file is corrupt or not an lmkit model file. Re-create it with 'lmkit train'", m);
    }

    @Test
    void aVocabularyUnderTheLimitButOverTheHeapWithAForgedChecksum() throws Exception {
        // 100 MiB in one line: under the 1 GiB limit, but more than a 256 MiB heap can read into words.
        Path forged = dir.resolve("vocab-heap.zip");
        HostileFiles.forge(model, forged, "vocab.txt", old -> new byte[100 << 20]);
        String m = refused(1, "score", "--model", forged.toString(), "the", "cat");
        assertTrue(m.startsWith("lmkit: not enough memory for the vocabulary of " + forged + " (vocab.txt, 100.0 MiB)"), m);
    }

    @Test
    void aForgedNgramTableCapacityOfFourHundredMillion() throws Exception {
        Path forged = dir.resolve("capacity.zip");
        HostileFiles.forge(model, forged, "data/ngram/order-2.bin", HostileInputTest::bigBigramTable);
        String m = refused(1, "score", "--model", forged.toString(), "the", "cat");
        assertTrue(m.startsWith("lmkit: " + forged + ": entry 'data/ngram/order-2.bin': invalid model data (IOException:"
                + " an n-gram table header announces 400000000 slots (8000000000 bytes) but the entry holds "), m);
    }

    @Test
    void aForgedNgramTableCapacityInAnOldModelFile() throws Exception {
        Path forged = dir.resolve("old-capacity.zip");
        HostileFiles.forge(OldModelFilesTest.resource("models/format-1/mkn3.zip"), forged, "data/ngram.bin",
                HostileInputTest::bigBigramTableOfDataVersion2);
        String m = refused(1, "score", "--model", forged.toString(), "the", "cat");
        assertTrue(m.startsWith("lmkit: " + forged + ": entry 'data/ngram.bin': invalid model data (IOException: an"
                + " n-gram table header announces 400000000 slots (8000000000 bytes) but the whole entry holds "), m);
    }

    /** The bigram table entry (little-endian, data version 3) with its capacity set to 4·10^8. */
    static byte[] bigBigramTable(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data.clone()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(5, b.getInt(4), "the bigram table's stride (with backoffs)");
        b.putInt(8, 400_000_000);
        return b.array();
    }

    /** The n-gram data of version 2 (one big-endian entry) with its bigram table's capacity set to 4·10^8. */
    static byte[] bigBigramTableOfDataVersion2(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data.clone());
        int kind = Short.toUnsignedInt(b.getShort(8));
        int vocabularyAt = 8 + 2 + kind + 4 + 1 + 1;
        int tableAt = vocabularyAt + 4 + 16 * b.getInt(vocabularyAt);
        assertEquals(5, b.getInt(tableAt), "the bigram table's stride (with backoffs)");
        b.putInt(tableAt + 4, 400_000_000);
        return b.array();
    }

    @Test
    void aGzippedArpaFileOfOneThreeGibibyteLine() throws Exception {
        Path gz = dir.resolve("line.arpa.gz");
        HostileFiles.gzipOfOneLine(gz, (int) (3 * GIB_IN_MIB));
        String m = refused(1, "arpa", "import", "--arpa", gz.toString(), "--out", dir.resolve("m.zip").toString());
        assertEquals("lmkit: " + gz + ":1: the line is longer than 1048576 characters, the longest line lmkit reads;"
                + " this is not an ARPA file (or it is binary or corrupt)", m);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void devZeroAsAnArpaFile() throws Exception {
        String m = refused(1, "arpa", "import", "--arpa", "/dev/zero", "--out", dir.resolve("m.zip").toString());
        assertEquals("lmkit: /dev/zero:1: the line is longer than 1048576 characters, the longest line lmkit reads;"
                + " this is not an ARPA file (or it is binary or corrupt)", m);
    }

    @Test
    void devZeroOnStandardInputOfScore() throws Exception {
        String m = refusedReading(ProcessBuilder.Redirect.from(new java.io.File("/dev/zero")), 1, "score", "--model",
                model.toString());
        assertEquals("lmkit: standard input:1: the line starting at byte offset 0 is longer than 67108864 bytes"
                + " (64.0 MiB), the longest line lmkit reads; give one sentence a line (is this a text file?)", m);
    }

    @Test
    void aCorpusLineOneByteOverSixtyFourMebibytes() throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        try (OutputStream out = Files.newOutputStream(corpus)) {
            out.write("a short first line\n".getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) 'w');
            for (int i = 0; i < 64; i++) {
                out.write(block);
            }
            out.write('w');
        }
        String m = refused(1, "--quiet", "train", "--model", "kneser-ney", "--train", corpus.toString(), "--out",
                dir.resolve("m.zip").toString());
        assertEquals("lmkit: " + corpus + ":2: the line starting at byte offset 19 is longer than 67108864 bytes"
                + " (64.0 MiB), the longest line lmkit reads; give one sentence a line (is this a text file?)", m);
    }

    @Test
    void aHundredThousandThreads() throws Exception {
        Path train = Files.writeString(dir.resolve("train.txt"), "the cat sat\n");
        String m = refused(2, "--quiet", "train", "--model", "fixed-window", "--set", "backend=simd", "--set", "threads=100000",
                "--train", train.toString(), "--out", dir.resolve("m.zip").toString());
        assertTrue(m.contains("threads must be at most 256") && m.contains("got 100000"), m);
    }

    @Test
    void aVocabularyFileThatIsNotUtf8() throws Exception {
        Path train = Files.writeString(dir.resolve("train.txt"), "the cat sat\n");
        Path vocab = dir.resolve("vocab.txt");
        Files.write(vocab, "<unk>\n<s>\n</s>\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        String m = refused(1, "--quiet", "train", "--model", "kneser-ney", "--vocab", vocab.toString(), "--train",
                train.toString(), "--out", dir.resolve("m.zip").toString());
        assertEquals("lmkit: " + vocab + ":4: the file is not valid UTF-8 (byte offset 18); convert it to UTF-8, e.g."
                + " with iconv -f latin1 -t utf-8", m);
    }
}
