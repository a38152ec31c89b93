package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mapped n-gram model files (docs/RELIABILITY.md, "Mapped model files"): tables stored uncompressed and
 * aligned, mapped on load; {@code lmkit verify} checks the checksums loading skips; {@code ngram convert}
 * changes the layout without changing a score; damaged and rewritten files fail with one clear line.
 */
class MappedModelFilesTest {

    private static final String SENTENCES = "the cat sat\nthe dog sat on the mat\na cat saw the dog\n";

    @TempDir
    Path dir;
    private Path model;
    private Path input;

    private Path train;

    @BeforeEach
    void train() throws IOException {
        train = Files.writeString(dir.resolve("train.txt"),
                "the cat sat on the mat\nthe dog sat on the log\na cat and a dog\nthe cat saw the dog\n"
                        + "a dog sat on a cat\nthe mat saw a log\n");
        input = Files.writeString(dir.resolve("input.txt"), SENTENCES);
        model = dir.resolve("kn4.zip");
        ok(CliTest.lmkit("--quiet", "train", "--model", "modified-kneser-ney", "--set", "order=4", "--train",
                train.toString(), "--out", model.toString()));
    }

    private static Run ok(Run run) {
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    private static String refusal(Run run) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        return run.err().strip();
    }

    private String scores(Path m) {
        return ok(CliTest.lmkit("score", "--model", m.toString(), "--input", input.toString())).out();
    }

    @Test
    void tablesAreStoredUncompressedAndVerifyChecksEveryEntry() throws IOException {
        try (ZipFile zip = new ZipFile(model.toFile())) {
            for (String name : new String[] {"data/ngram/unigrams.bin", "data/ngram/order-2.bin",
                "data/ngram/order-4.bin"}) {
                assertEquals(ZipEntry.STORED, zip.getEntry(name).getMethod(), name);
            }
            assertEquals(ZipEntry.DEFLATED, zip.getEntry("vocab.txt").getMethod());
        }
        Run verify = ok(CliTest.lmkit("verify", model.toString()));
        assertTrue(verify.out().contains("ok  data/ngram/order-3.bin"), verify.out());
        assertTrue(verify.out().contains(model + ": 6 entries, ") && verify.out().contains("every checksum matches"),
                verify.out());
    }

    @Test
    void aDamagedTableLoadsUnreadButVerifyNamesIt() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        int table = indexOf(bytes, "PRB1".getBytes(StandardCharsets.US_ASCII), 0);
        int second = indexOf(bytes, "PRB1".getBytes(StandardCharsets.US_ASCII), table + 4);
        bytes[second + 64 + 9] ^= 0x40; // a byte of a slot of the trigram table
        Path damaged = Files.write(dir.resolve("damaged.zip"), bytes);
        assertEquals(0, CliTest.lmkit("score", "--model", damaged.toString(), "the", "cat").exitCode(),
                "loading maps the table and does not read it");
        String m = refusal(CliTest.lmkit("verify", damaged.toString()));
        assertTrue(m.startsWith("lmkit: " + damaged + ": entry 'data/ngram/order-3.bin' fails its checksum (CRC-32 "), m);
    }

    @Test
    void verifyChecksNeuralAndOldModelFilesToo() {
        for (String file : new String[] {"models/format-1/fixed-window.zip", "models/format-1/mkn3.zip"}) {
            Run r = ok(CliTest.lmkit("verify", OldModelFilesTest.resource(file).toString()));
            assertTrue(r.out().contains("ok  vocab.txt"), r.out());
        }
    }

    @Test
    void everyLayoutScoresAlikeAndTheTrieIsSmaller() throws IOException {
        Path trie = dir.resolve("trie.zip");
        Run converted = ok(CliTest.lmkit("ngram", "convert", "--model", model.toString(), "--out", trie.toString(),
                "--layout", "trie"));
        assertTrue(converted.out().startsWith("wrote " + trie + ": layout trie, "), converted.out());
        assertEquals(scores(model), scores(trie));
        Path back = dir.resolve("back.zip");
        ok(CliTest.lmkit("ngram", "convert", "--model", trie.toString(), "--out", back.toString(), "--layout",
                "probing"));
        assertEquals(scores(model), scores(back));
        assertTrue(Files.size(trie) < Files.size(model), Files.size(trie) + " against " + Files.size(model));
        // This model has fewer than 256 distinct values an order, so 8 bits would keep it exact; 2 bits do not.
        Path q = dir.resolve("q2.zip");
        ok(CliTest.lmkit("ngram", "convert", "--model", model.toString(), "--out", q.toString(), "--layout", "trie",
                "--quantize-prob", "2", "--quantize-backoff", "2"));
        assertNotEquals(scores(model), scores(q));
        Run stats = ok(CliTest.lmkit("ngram", "stats", q.toString()));
        assertTrue(stats.out().contains("layout trie (probabilities 2 bits, backoffs 2 bits)"), stats.out());
        assertTrue(stats.out().contains("data/ngram/order-2.bin") && stats.out().contains("stored, mapped"),
                stats.out());
        assertTrue(stats.out().matches("(?s).*\nfile q2\\.zip +" + String.format(java.util.Locale.ROOT, "%,d",
                Files.size(q)) + "\n.*"), stats.out());
    }

    @Test
    void theLayoutCanBeChosenAtEstimation() throws IOException {
        Path trie = dir.resolve("trained-trie.zip");
        ok(CliTest.lmkit("--quiet", "train", "--model", "modified-kneser-ney", "--set", "order=4", "--set", "layout=trie",
                "--train", train.toString(), "--out", trie.toString()));
        assertEquals(scores(model), scores(trie));
        assertTrue(ok(CliTest.lmkit("ngram", "stats", trie.toString())).out().contains("\nlayout trie\n"));
        Run neural = CliTest.lmkit("train", "--model", "lstm", "--set", "layout=trie", "--train", train.toString(),
                "--out", dir.resolve("lstm.zip").toString());
        assertEquals(2, neural.exitCode(), neural.err());
        assertTrue(neural.err().contains("model 'lstm' has no table layout"), neural.err());
        Run counts = CliTest.lmkit("train", "--model", "laplace", "--set", "layout=trie", "--train", train.toString(),
                "--out", dir.resolve("laplace.zip").toString());
        assertEquals(1, counts.exitCode(), counts.err());
        assertTrue(counts.err().contains("model 'laplace' keeps counts"), counts.err());
        assertTrue(Files.notExists(dir.resolve("laplace.zip")));
    }

    @Test
    void anOldDeflatedModelFileConvertsAndScoresAsBefore() {
        Path old = OldModelFilesTest.resource("models/format-1/mkn3.zip");
        Path trie = dir.resolve("old-trie.zip");
        ok(CliTest.lmkit("ngram", "convert", "--model", old.toString(), "--out", trie.toString(), "--layout", "trie"));
        assertEquals(scores(old), scores(trie));
    }

    @Test
    void quantisationWithoutTheTrieIsAUsageError() {
        Run r = CliTest.lmkit("ngram", "convert", "--model", model.toString(), "--out", dir.resolve("x.zip").toString(),
                "--layout", "probing", "--quantize-prob", "8");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("quantisation needs the trie layout (--layout trie)"), r.err());
        assertEquals(2, CliTest.lmkit("ngram", "convert", "--model", model.toString(), "--out",
                dir.resolve("x.zip").toString(), "--layout", "hash").exitCode());
    }

    @Test
    void aTableEntryShorterThanItsHeaderSaysIsNamed() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        int table = indexOf(bytes, "PRB1".getBytes(StandardCharsets.US_ASCII), 0);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(table + 8, 1_000_000);
        Path forged = Files.write(dir.resolve("capacity.zip"), bytes);
        String m = refusal(CliTest.lmkit("score", "--model", forged.toString(), "the", "cat"));
        assertTrue(m.startsWith("lmkit: " + forged + ": entry 'data/ngram/order-2.bin': invalid model data (IOException:"
                + " an n-gram table header announces 1000000 slots (20000000 bytes) but the entry holds "), m);
    }

    @Test
    void aStoredTableAtAnUnalignedOffsetIsRefusedAndADeflatedOneIsRead() throws Exception {
        Path unaligned = dir.resolve("unaligned.zip");
        rezip(model, unaligned, true);
        String m = refusal(CliTest.lmkit("score", "--model", unaligned.toString(), "the", "cat"));
        assertTrue(m.matches("lmkit: " + java.util.regex.Pattern.quote(unaligned.toString())
                + ": entry 'data/ngram/unigrams.bin' starts at byte offset [0-9]+, not a multiple of 64 as lmkit writes"
                + " it, so it cannot be mapped; the file was rewritten by another program\\. Re-create it with lmkit"
                + " \\(e\\.g\\. 'lmkit ngram convert'\\)"), m);
        Path deflated = dir.resolve("deflated.zip");
        rezip(model, deflated, false);
        assertEquals(scores(model), scores(deflated), "a re-compressed file is read into memory and scores the same");
        ok(CliTest.lmkit("verify", deflated.toString()));
    }

    /** Copies a model file entry by entry, the data entries stored at odd offsets, or everything deflated. */
    private static void rezip(Path from, Path to, boolean storedUnaligned) throws IOException {
        Map<String, byte[]> entries = HostileFiles.entries(from);
        try (OutputStream file = Files.newOutputStream(to); Counting counting = new Counting(file);
             ZipOutputStream zip = new ZipOutputStream(counting)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (storedUnaligned && e.getKey().startsWith("data/ngram/")) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                    // An extra block of 4 or 5 bytes, whichever puts the data off a multiple of 64.
                    long data = counting.count + 30 + e.getKey().length() + 4;
                    entry.setExtra(data % 64 == 0 ? new byte[] {(byte) 0xFE, (byte) 0xCA, 1, 0, 0}
                            : new byte[] {(byte) 0xFE, (byte) 0xCA, 0, 0});
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    /** Counts the bytes written through it. */
    private static final class Counting extends java.io.FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    private static int indexOf(byte[] bytes, byte[] what, int from) {
        outer:
        for (int i = from; i <= bytes.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
