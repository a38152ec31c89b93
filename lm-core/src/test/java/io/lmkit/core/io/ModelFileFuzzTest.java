package io.lmkit.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of model files: every truncation length class, single and multiple bit flips
 * anywhere in the archive, wrong format versions and non-zip content. Each outcome must be the
 * documented {@link ModelFileException} or the original model, unchanged (a flip in bytes that
 * carry no meaning, such as a zip timestamp): never a different model, another exception or a hang.
 */
class ModelFileFuzzTest {

    private static final Vocabulary VOCABULARY = Vocabulary.fromCounts(Map.of("a", 3L, "b", 2L, "c", 1L), 1, 10);
    private static final Corpus CORPUS = Corpus.of(VOCABULARY, List.of(List.of("a", "b", "a"), List.of("c", "a")));

    private final PluginRegistry<ModelProvider<?>> models =
            new PluginRegistry<>("model", "", List.of(new UniformProvider(), new UnigramProvider()));

    @TempDir
    Path dir;
    private byte[] original;
    private ModelFile.Loaded expected;

    @BeforeEach
    void saveAUnigramModel() throws IOException {
        LanguageModel unigram = new UnigramProvider().trainer().train(TrainingData.of(CORPUS),
                new UnigramProvider.Config(0.5), 7, TrainingListener.NONE);
        Path file = dir.resolve("unigram.zip");
        ModelFile.save(file, unigram, "unigram", new UnigramProvider.Config(0.5), 7, "whitespace",
                CORPUS.fingerprint());
        original = Files.readAllBytes(file);
        expected = ModelFile.load(file, models);
    }

    @Test
    void everyTruncationIsTheDocumentedError() throws IOException {
        for (int length = 0; length < original.length; length++) {
            expectErrorOrOriginal("truncated to " + length, Arrays.copyOf(original, length), false);
        }
    }

    @Test
    void everySingleBitFlipIsCaughtOrHarmless() throws IOException {
        for (int at = 0; at < original.length; at++) {
            byte[] flipped = original.clone();
            flipped[at] ^= (byte) (1 << (at % 8));
            expectErrorOrOriginal("bit " + (at % 8) + " of byte " + at + " flipped", flipped, true);
        }
    }

    @Test
    void randomMultiByteCorruptionIsCaughtOrHarmless() throws IOException {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 1000; i++) {
            byte[] corrupt = original.clone();
            int n = 1 + random.nextInt(6);
            for (int j = 0; j < n; j++) {
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            }
            expectErrorOrOriginal("random corruption #" + i, corrupt, true);
        }
    }

    @Test
    void wrongFormatVersionsAreNamed() throws IOException {
        for (String version : List.of("0", "-1", "2", "99999999999", "one", "")) {
            Path bad = dir.resolve("v" + version + ".zip");
            Path good = Files.write(dir.resolve("good.zip"), original);
            ModelFileTest.rewrite(good, bad, (name, data) -> name.equals(ModelFile.MANIFEST)
                    ? new String(data, StandardCharsets.UTF_8).replace("formatVersion=1", "formatVersion=" + version)
                            .getBytes(StandardCharsets.UTF_8) : data);
            String msg = assertThrows(ModelFileException.class, () -> ModelFile.load(bad, models)).getMessage();
            assertTrue(msg.startsWith(bad.toString()) && msg.contains("version"), version + ": " + msg);
        }
    }

    @Test
    void nonZipContentIsTheDocumentedError() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        for (byte[] content : List.of(new byte[0], "PK".getBytes(StandardCharsets.US_ASCII),
                "\\data\\\nngram 1=3\n".getBytes(StandardCharsets.US_ASCII), new byte[] {0x1f, (byte) 0x8b, 8, 0},
                randomBytes(random, 4096), "PK\u0003\u0004garbage".getBytes(StandardCharsets.ISO_8859_1))) {
            expectErrorOrOriginal("non-zip " + content.length + " bytes", content, false);
        }
    }

    private static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private void expectErrorOrOriginal(String what, byte[] content, boolean mayLoad) throws IOException {
        Path file = Files.write(dir.resolve("fuzzed.zip"), content);
        Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                return ModelFile.load(file, models);
            } catch (Throwable t) {
                return t;
            }
        }, what + " hangs");
        if (outcome instanceof ModelFileException e) {
            assertTrue(e.getMessage().contains(file.toString()), what + ": " + e.getMessage());
            return;
        }
        if (outcome instanceof Throwable t) {
            throw new AssertionError(what + ": " + t + " instead of a ModelFileException", t);
        }
        assertTrue(mayLoad, what + " loaded");
        ModelFile.Loaded loaded = (ModelFile.Loaded) outcome;
        assertEquals(expected.manifest(), loaded.manifest(), what + " loaded with another manifest");
        assertEquals(expected.model().vocabulary(), loaded.model().vocabulary(), what);
        for (int s = 0; s < CORPUS.sentenceCount(); s++) {
            assertArrayEquals(expected.model().scoreSentence(CORPUS.sentence(s)),
                    loaded.model().scoreSentence(CORPUS.sentence(s)), what + " loaded a different model");
        }
    }
}
