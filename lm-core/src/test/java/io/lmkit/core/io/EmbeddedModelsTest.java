package io.lmkit.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.model.Score;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.reference.UnigramProvider;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file inside a model file ({@link EmbeddedModels}): it reads back with its own manifest and scores, it is
 * covered by the outer file's checks, its manifest has the manifest's size limit, and embedding stops at
 * {@link EmbeddedModels#MAX_DEPTH}.
 */
class EmbeddedModelsTest {

    private static final Vocabulary V = Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "a", "b"));
    private static final LanguageModel UNIGRAM = new UnigramProvider().trainer().train(TrainingData.of(Corpus.of(V,
            List.of(List.of("a", "a", "b")))), new UnigramProvider.Config(0.5), 1, TrainingListener.NONE);

    /** A model that is another model, saved embedded: the shape of a saved mixture, in a few lines. */
    private record Wrapper(ModelFile.Loaded inner) implements LanguageModel {
        @Override
        public Vocabulary vocabulary() {
            return inner.model().vocabulary();
        }

        @Override
        public ModelState begin() {
            return inner.model().begin();
        }

        @Override
        public Score score(ModelState state, int word) {
            return inner.model().score(state, word);
        }

        @Override
        public void nextLnProbs(ModelState state, double[] lnProbs) {
            inner.model().nextLnProbs(state, lnProbs);
        }

        @Override
        public void writeData(ModelDataSink sink) throws IOException {
            EmbeddedModels.write(sink, "inner", inner.manifest(), inner.model());
        }
    }

    /** The wrapper's plugin. */
    private static final class WrapperProvider implements ModelProvider<UnigramProvider.Config> {
        @Override
        public String name() {
            return "wrapper";
        }

        @Override
        public String description() {
            return "a model embedding another";
        }

        @Override
        public Class<UnigramProvider.Config> configType() {
            return UnigramProvider.Config.class;
        }

        @Override
        public UnigramProvider.Config defaultConfig() {
            return new UnigramProvider.Config(1);
        }

        @Override
        public Trainer<UnigramProvider.Config> trainer() {
            return (data, config, seed, listener) -> {
                throw new UnsupportedOperationException("not trained");
            };
        }

        @Override
        public LanguageModel load(ModelDataSource data, UnigramProvider.Config config, Vocabulary vocabulary)
                throws IOException {
            return new Wrapper(EmbeddedModels.read(data, "inner"));
        }
    }

    private final PluginRegistry<ModelProvider<?>> models =
            new PluginRegistry<>("model", "", List.of(new UnigramProvider(), new WrapperProvider()));

    @TempDir
    Path dir;

    /** A unigram model file wrapped {@code levels} times, each level saved and read back before the next. */
    private Path wrapped(int levels) {
        Path file = dir.resolve("level-0.zip");
        ModelFile.save(file, UNIGRAM, "unigram", new UnigramProvider.Config(0.5), 42, "whitespace", "fingerprint-0");
        for (int level = 1; level <= levels; level++) {
            ModelFile.Loaded inner = ModelFile.load(file, models);
            file = dir.resolve("level-" + level + ".zip");
            ModelFile.save(file, new Wrapper(inner), "wrapper", new UnigramProvider.Config(1), 0, "whitespace",
                    "fingerprint-" + level);
        }
        return file;
    }

    @Test
    void anEmbeddedModelReadsBackWithItsManifestAndItsScores() throws IOException {
        Path file = wrapped(1);
        ModelFile.Loaded loaded = ModelFile.load(file, models);
        ModelFile.Loaded inner = ((Wrapper) loaded.model()).inner();
        assertEquals("unigram", inner.manifest().model());
        assertEquals(42, inner.manifest().seed());
        assertEquals("fingerprint-0", inner.manifest().dataFingerprint());
        assertEquals(Map.of("addK", "0.5"), inner.manifest().config());
        assertArrayEquals(UNIGRAM.scoreSentence(new int[] {3, 4, 0}), inner.model().scoreSentence(new int[] {3, 4, 0}),
                0.0);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertTrue(zip.getEntry("data/inner/manifest.properties") != null);
            assertTrue(zip.getEntry("data/inner/vocab.txt") != null);
            assertTrue(zip.getEntry("data/inner/data/counts.bin") != null);
        }
    }

    @Test
    void embeddingGoesAtMostFourModelsDeep() {
        assertEquals(4, EmbeddedModels.MAX_DEPTH);
        Path four = wrapped(4);
        assertEquals("wrapper", ModelFile.load(four, models).manifest().model());
        Path five = wrapped(5);
        String m = assertThrows(ModelFileException.class, () -> ModelFile.load(five, models)).getMessage();
        assertTrue(m.startsWith(five + " (its embedded model data/inner/data/inner/data/inner/data/inner/data/inner)"
                + " lies more than 4 embedded models deep, the most lmkit reads"), m);
    }

    @Test
    void anEmbeddedManifestThatInflatesPastOneMebibyteIsRefusedBeforeItIsRead() throws Exception {
        Path file = wrapped(1);
        byte[] padding = ("#" + "x".repeat(1022) + "\n").repeat(1025).getBytes(StandardCharsets.US_ASCII);
        Path forged = forge(file, "data/inner/manifest.properties", padding);
        String m = assertThrows(ModelFileException.class, () -> ModelFile.load(forged, models)).getMessage();
        assertEquals(forged + ": entry 'data/inner/manifest.properties' inflates to more than 1.0 MiB, the most lmkit"
                + " reads for it; the file is corrupt or not an lmkit model file. Re-create it with 'lmkit train'", m);
    }

    @Test
    void anEntryTheEmbeddedManifestDoesNotListIsRefused() throws Exception {
        Path forged = forge(wrapped(1), "data/inner/data/extra.bin", new byte[] {1, 2, 3});
        String m = assertThrows(ModelFileException.class, () -> ModelFile.load(forged, models)).getMessage();
        assertEquals(forged + " (its embedded model data/inner): entry 'data/inner/data/extra.bin' is not listed in"
                + " its embedded manifest; the file was modified after lmkit wrote it", m);
    }

    @Test
    void verifyChecksTheEmbeddedModelsEntriesAndTheirManifests() throws Exception {
        Path file = wrapped(2);
        ModelFile.Verified verified = ModelFile.verify(file);
        assertTrue(verified.entries().containsKey("data/inner/data/inner/data/counts.bin"), verified.toString());
        String listed = "sha256.vocab.txt=" + "0".repeat(64) + "\n";
        Path forged = forge(wrapped(1), "data/inner/manifest.properties", listed.getBytes(StandardCharsets.US_ASCII));
        String expected = forged + " (its embedded model data/inner): entry 'data/inner/vocab.txt' fails the checksum"
                + " of its embedded manifest (SHA-256 ";
        String onVerify = assertThrows(ModelFileException.class, () -> ModelFile.verify(forged)).getMessage();
        assertTrue(onVerify.startsWith(expected), onVerify);
        String onLoad = assertThrows(ModelFileException.class, () -> ModelFile.load(forged, models)).getMessage();
        assertTrue(onLoad.startsWith(expected), onLoad);
    }

    /**
     * A copy of {@code file} with {@code entry} added or its bytes replaced ({@code appended} after the original
     * for an existing entry), and the outer manifest's SHA-256 list updated to match, as a forger would.
     */
    private Path forge(Path file, String entry, byte[] appended) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
            byte[] old = entries.getOrDefault(entry, new byte[0]);
            byte[] bytes = new byte[old.length + appended.length];
            System.arraycopy(old, 0, bytes, 0, old.length);
            System.arraycopy(appended, 0, bytes, old.length, appended.length);
            entries.put(entry, bytes);
            Map<String, String> checksums = ManifestCodec.checksums(file, zip);
            checksums.put(entry, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            entries.put(ModelFile.MANIFEST, ManifestCodec.encode(ManifestCodec.decode(file, zip), checksums));
        }
        Path out = dir.resolve("forged.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out;
    }
}
