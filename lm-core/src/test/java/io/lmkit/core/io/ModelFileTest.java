package io.lmkit.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.LmkitVersion;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.reference.UniformProvider;
import io.lmkit.core.reference.UnigramProvider;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    private static final Vocabulary VOCABULARY = Vocabulary.fromCounts(Map.of("a", 3L, "b", 2L, "c", 1L), 1, 10);
    private static final Corpus CORPUS = Corpus.of(VOCABULARY, List.of(List.of("a", "b", "a"), List.of("c", "a")));

    private final PluginRegistry<ModelProvider<?>> models =
            new PluginRegistry<>("model", "", List.of(new UniformProvider(), new UnigramProvider()));

    @TempDir
    Path dir;
    private Path file;
    private LanguageModel unigram;

    @BeforeEach
    void saveAUnigramModel() {
        unigram = new UnigramProvider().trainer().train(TrainingData.of(CORPUS), new UnigramProvider.Config(0.5), 7,
                TrainingListener.NONE);
        file = dir.resolve("unigram.zip");
        ModelFile.save(file, unigram, "unigram", new UnigramProvider.Config(0.5), 7, "whitespace",
                CORPUS.fingerprint());
    }

    @Test
    void aSavedModelLoadsBackWithItsProvenanceAndScoresIdentically() {
        ModelFile.Loaded loaded = ModelFile.load(file, models);
        ModelManifest m = loaded.manifest();
        assertEquals(ModelFile.FORMAT_VERSION, m.formatVersion());
        assertEquals("unigram", m.model());
        assertEquals(Map.of("addK", "0.5"), m.config());
        assertEquals(7, m.seed());
        assertEquals("whitespace", m.tokenizer());
        assertEquals(CORPUS.fingerprint(), m.dataFingerprint());
        assertEquals(LmkitVersion.get(), m.lmkitVersion());
        assertEquals(VOCABULARY, loaded.model().vocabulary());
        for (int s = 0; s < CORPUS.sentenceCount(); s++) {
            assertArrayEquals(unigram.scoreSentence(CORPUS.sentence(s)),
                    loaded.model().scoreSentence(CORPUS.sentence(s)));
        }
        assertEquals(m, ModelFile.readManifest(file));
    }

    @Test
    void aMissingFileSaysSo() {
        String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(dir.resolve("no.zip"), models))
                .getMessage();
        assertTrue(msg.contains("does not exist"), msg);
    }

    @Test
    void aTruncatedFileIsReportedAsTruncated() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(truncated, models)).getMessage();
        assertTrue(msg.contains(truncated.toString()) && msg.contains("truncated"), msg);
    }

    @Test
    void aFileThatIsNotAZipIsReported() throws IOException {
        Path text = Files.writeString(dir.resolve("model.zip"), "\\data\\\nngram 1=3\n");
        String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(text, models)).getMessage();
        assertTrue(msg.contains("is not an lmkit model file"), msg);
    }

    /** The unigram model with one more entry, {@code data/table.bin}, written as mappable (stored). */
    private LanguageModel withAStoredTable(byte[] table) {
        return new LanguageModel() {
            @Override
            public Vocabulary vocabulary() {
                return unigram.vocabulary();
            }

            @Override
            public io.lmkit.core.model.ModelState begin() {
                return unigram.begin();
            }

            @Override
            public io.lmkit.core.model.Score score(io.lmkit.core.model.ModelState state, int word) {
                return unigram.score(state, word);
            }

            @Override
            public void nextLnProbs(io.lmkit.core.model.ModelState state, double[] lnProbs) {
                unigram.nextLnProbs(state, lnProbs);
            }

            @Override
            public void writeData(io.lmkit.core.model.ModelDataSink sink) throws IOException {
                unigram.writeData(sink);
                try (OutputStream out = sink.mappableEntry("table.bin")) {
                    out.write(table);
                }
            }
        };
    }

    @Test
    void aStoredEntryIsListedByItsCrc32AndVerifyCatchesAChangeToIt() throws IOException {
        byte[] table = new byte[100_000];
        new java.util.Random(16).nextBytes(table);
        Path stored = dir.resolve("stored.zip");
        ModelFile.save(stored, withAStoredTable(table), "unigram", new UnigramProvider.Config(0.5), 7, "whitespace",
                CORPUS.fingerprint());
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(table);
        String manifest;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(stored.toFile())) {
            assertEquals(ZipEntry.STORED, zip.getEntry("data/table.bin").getMethod());
            manifest = new String(zip.getInputStream(zip.getEntry("manifest.properties")).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        assertTrue(manifest.contains("\ncrc32.data/table.bin=" + String.format("%08x", crc.getValue()) + "\n"),
                manifest);
        assertTrue(!manifest.contains("sha256.data/table.bin") && manifest.contains("sha256.data/counts.bin="),
                manifest);
        assertEquals(List.of("data/counts.bin", "data/table.bin", "vocab.txt"),
                List.copyOf(ModelFile.verify(stored).entries().keySet()));

        Path changed = dir.resolve("changed.zip");
        rewrite(stored, changed, (name, data) -> {
            if (name.equals("data/table.bin")) {
                data[54_321] ^= 4;
            }
            return data;
        });
        String msg = assertThrows(ModelFileException.class, () -> ModelFile.verify(changed)).getMessage();
        assertTrue(msg.contains("'data/table.bin' fails its checksum (CRC-32 "), msg);
        assertTrue(msg.contains(", manifest says " + String.format("%08x", crc.getValue()) + ")"), msg);
    }

    @Test
    void anEntryChangedAndZippedAgainIsCaughtByVerify() throws IOException {
        Path corrupt = dir.resolve("corrupt.zip");
        rewrite(file, corrupt, (name, data) -> {
            if (name.equals("data/counts.bin")) {
                data[data.length - 1] ^= 1;
            }
            return data;
        });
        String msg = assertThrows(ModelFileException.class, () -> ModelFile.verify(corrupt)).getMessage();
        assertTrue(msg.contains("'data/counts.bin' fails its checksum (SHA-256 "), msg);
        assertEquals(List.of("data/counts.bin", "vocab.txt"), List.copyOf(ModelFile.verify(file).entries().keySet()));
    }

    @Test
    void theCreationTimeReadsBackAsWritten() {
        for (String t : List.of("2026-11-29T18:25:37Z", "2026-11-29T18:25:37.100Z", "2026-11-29T18:25:37.123456Z",
                "2026-11-29T18:25:37.123456789Z", "1970-01-01T00:00:00Z", "+12026-11-29T18:25:37Z")) {
            java.time.Instant expected = java.time.Instant.parse(t);
            assertEquals(expected, ManifestCodec.instant(t), t);
            assertEquals(expected, ManifestCodec.instant(expected.toString()), t);
        }
        assertThrows(java.time.format.DateTimeParseException.class, () -> ManifestCodec.instant("2026-13-29T18:25:37Z"));
    }

    @Test
    void anEntryThatDisagreesWithItsCrcIsCaughtOnLoading() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] name = "data/counts.bin".getBytes(StandardCharsets.US_ASCII);
        int central = -1;
        for (int i = 0; i + name.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + name.length, name, 0, name.length)) {
                central = i - 46; // the last occurrence is the central directory's record, its name at byte 46
            }
        }
        bytes[central + 16] ^= 1; // a bit of the CRC-32 the directory records
        Path corrupt = Files.write(dir.resolve("crc.zip"), bytes);
        String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(corrupt, models)).getMessage();
        assertTrue(msg.startsWith(corrupt + ": entry 'data/counts.bin' fails its CRC-32 ("), msg);
    }

    @Test
    void aNewerFormatVersionNamesBothVersions() throws IOException {
        Path newer = dir.resolve("newer.zip");
        rewrite(file, newer, (name, data) -> name.equals(ModelFile.MANIFEST)
                ? new String(data, StandardCharsets.UTF_8).replace("formatVersion=1", "formatVersion=9")
                        .getBytes(StandardCharsets.UTF_8)
                : data);
        String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(newer, models)).getMessage();
        assertTrue(msg.contains("format version 9") && msg.contains("reads versions up to 1")
                && msg.contains("Upgrade lmkit"), msg);
    }

    @Test
    void aModelWhosePluginIsMissingNamesThePlugin() {
        PluginRegistry<ModelProvider<?>> onlyUniform = new PluginRegistry<>("model", "Add lm-x.",
                List.of(new UniformProvider()));
        String msg = assertThrows(LmkitException.class, () -> ModelFile.load(file, onlyUniform)).getMessage();
        assertTrue(msg.contains("No model 'unigram'; available: [uniform]"), msg);
    }

    @Test
    void savingOverAnExistingFileReplacesItAtomically() {
        LanguageModel uniform = new UniformProvider().trainer().train(TrainingData.of(CORPUS),
                new UniformProvider.Config(), 1, TrainingListener.NONE);
        ModelFile.save(file, uniform, "uniform", new UniformProvider.Config(), 1, "whitespace", CORPUS.fingerprint());
        assertEquals("uniform", ModelFile.load(file, models).manifest().model());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    interface EntryRewrite {
        byte[] apply(String name, byte[] data);
    }

    /** Copies a zip, passing every entry's bytes through {@code rewrite}. */
    static void rewrite(Path from, Path to, EntryRewrite rewrite) throws IOException {
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(from.toFile());
             OutputStream os = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(os)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] data = in.getInputStream(e).readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(rewrite.apply(e.getName(), data));
                out.closeEntry();
            }
        }
    }
}
