package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model data whose SHA-256 in the manifest was forged to match (docs/RELIABILITY.md): every value read
 * from it is checked, and every error names the model file and the entry. (Sizes too large for the
 * heap are tried in child JVMs by {@link HostileInputTest}.)
 */
class ForgedModelDataTest {

    @TempDir
    Path dir;
    private Path train;

    @BeforeEach
    void writeACorpus() throws Exception {
        train = Files.writeString(dir.resolve("train.txt"), "the cat sat on the mat\nthe dog sat\n");
    }

    private Path trained(String model) {
        Path file = dir.resolve(model + ".zip");
        CliTest.Run run = CliTest.lmkit("--quiet", "train", "--model", model, "--set", "order=3", "--train",
                train.toString(), "--out", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        return file;
    }

    private static String refusal(Path model) {
        CliTest.Run run = CliTest.lmkit("score", "--model", model.toString(), "the", "cat");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        return run.err().strip();
    }

    /** {@code data} with the first occurrence of {@code from} replaced by {@code to}, a string of the same length. */
    private static byte[] replace(byte[] data, String from, String to) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(from), from);
        return text.replaceFirst(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void anUnknownScoreKindIsNamedWithTheFileAndEntry() throws Exception {
        Path forged = dir.resolve("kind.zip");
        HostileFiles.forge(trained("kneser-ney"), forged, "data/ngram.bin", d -> replace(d, "PROBABILITY", "PROBABILITZ"));
        assertEquals("lmkit: " + forged + ": entry 'data/ngram.bin': n-gram data names an unknown score kind"
                + " 'PROBABILITZ' (known: [PROBABILITY, SCORE]); the file is corrupt or was written by another lmkit",
                refusal(forged));
    }

    @Test
    void anUnknownSmoothingMethodIsNamedWithTheFileAndEntry() throws Exception {
        Path forged = dir.resolve("method.zip");
        HostileFiles.forge(trained("laplace"), forged, "data/counts.bin", d -> replace(d, "ADDITIVE", "ADDITIVX"));
        String m = refusal(forged);
        assertTrue(m.startsWith("lmkit: " + forged + ": entry 'data/counts.bin': count model data names an unknown"
                + " smoothing method 'ADDITIVX' (known: ["), m);
    }

    @Test
    void dataForAnotherVocabularySizeNamesTheFile() throws Exception {
        Path forged = dir.resolve("size.zip");
        HostileFiles.forge(trained("kneser-ney"), forged, "data/ngram.bin", d -> {
            ByteBuffer b = ByteBuffer.wrap(d.clone());
            int at = 8 + 2 + Short.toUnsignedInt(b.getShort(8)) + 4 + 1 + 1;
            b.putInt(at, b.getInt(at) + 1);
            return b.array();
        });
        String m = refusal(forged);
        assertTrue(m.startsWith("lmkit: " + forged + ": entry 'data/ngram.bin': n-gram data of order 3 over "), m);
        assertTrue(m.endsWith("words in the same file; the file is inconsistent"), m);
    }

    @Test
    void aCountTableLargerThanItsEntryIsRefusedBeforeAllocating() throws Exception {
        Path model = trained("laplace");
        Path forged = dir.resolve("counts.zip");
        HostileFiles.forge(model, forged, "data/counts.bin", d -> {
            ByteBuffer b = ByteBuffer.wrap(d.clone());
            int at = 8 + 2 + Short.toUnsignedInt(b.getShort(8)) + 8;
            int tableAt = at + 4 + 16 * b.getInt(at);
            b.putInt(tableAt, 200_000_000);
            return b.array();
        });
        String m = refusal(forged);
        assertTrue(m.startsWith("lmkit: " + forged + ": entry 'data/counts.bin': invalid model data (IOException: a"
                + " count table header announces 200000000 slots"), m);
    }

    @Test
    void truncatedDataWithAMatchingChecksumSaysItEndsEarly() throws Exception {
        Path forged = dir.resolve("short.zip");
        HostileFiles.forge(trained("kneser-ney"), forged, "data/ngram.bin", d -> java.util.Arrays.copyOf(d, 40));
        assertEquals("lmkit: " + forged + ": entry 'data/ngram.bin': the data ends early; the file is corrupt or was"
                + " not written by lmkit. Re-create it with 'lmkit train'", refusal(forged));
    }

    @Test
    void forgedKenlmIdsAreRefusedNamingTheEntry() throws Exception {
        // A file that lists </s> and <s> after "," keeps KenLM's ids of the two markers in kenlm-ids.txt.
        Path arpa = Files.writeString(dir.resolve("m.arpa"), "\\data\\\nngram 1=4\n\n\\1-grams:\n-1\t,\n"
                + "-1\t</s>\n-99\t<s>\n-1\t<unk>\n\n\\end\\\n");
        Path model = dir.resolve("m.zip");
        assertEquals(0, CliTest.lmkit("arpa", "import", "--arpa", arpa.toString(), "--out", model.toString())
                .exitCode());
        Path forged = dir.resolve("ids.zip");
        HostileFiles.forge(model, forged, "data/kenlm-ids.txt", d -> replace(d, "<s> 3", "<s> 2"));
        String m = refusal(forged);
        assertTrue(m.startsWith("lmkit: " + forged + ": "), m);
        assertTrue(m.contains("kenlm-ids.txt: KenLM ids of <s> and </s> must be distinct and at least 1, got 2 and 2;"
                + " the file is corrupt"), m);
    }

    @Test
    void recurrentAndWindowModelsRefuseMoreThanTheThreadCapAsAUsageError() {
        for (String model : new String[] {"lstm", "fixed-window"}) {
            CliTest.Run run = CliTest.lmkit("train", "--model", model, "--set", "threads=257", "--train",
                    train.toString(), "--out", dir.resolve("m.zip").toString());
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().contains("threads must be at most 256"), run.err());
            assertTrue(Files.notExists(dir.resolve("m.zip")));
        }
    }
}
