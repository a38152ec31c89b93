package io.lmkit.eval.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.reference.UniformProvider;
import io.lmkit.core.reference.UnigramProvider;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.PerplexityEvaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output format {@code models}: a comparison saves every trained model into its work folder
 * as it is measured, and the report puts the files into {@code models/} of the report folder.
 */
class KeptModelsTest {

    private static final Vocabulary V = Vocabulary.fromCounts(Map.of("a", 5L, "b", 2L, "c", 1L), 1, 10);
    private static final Corpus TRAIN = Corpus.of(V, List.of(List.of("a", "a", "b"), List.of("a"),
            List.of("a", "c", "a", "b")));
    private static final Corpus VALID = Corpus.of(V, List.of(List.of("a", "b"), List.of("c", "a")));
    private static final Corpus TEST = Corpus.of(V, List.of(List.of("a", "b"), List.of("a", "a", "c")));
    private static final TrainingData DATA = new TrainingData(TRAIN, Optional.of(VALID));

    @TempDir
    Path dir;

    private final PluginRegistry<ModelProvider<?>> models = new PluginRegistry<>("model", "",
            List.of(new UniformProvider(), new UnigramProvider()));

    private static ComparisonConfig keeping(String... formats) {
        return ComparisonConfig.of(List.of(new ComparisonConfig.ModelEntry("uniform", null, null, null),
                        new ComparisonConfig.ModelEntry("unigram", "add half", Map.of("addK", "0.5"), null)))
                .withOutputs(new ComparisonConfig.Outputs(null, List.of(formats)));
    }

    @Test
    void everyTrainedModelIsSavedWhenMeasuredAndMovedIntoTheReportsModelsFolder() throws IOException {
        Path out = dir.resolve("report");
        Files.createDirectories(out.resolve("models"));
        Files.writeString(out.resolve("models").resolve("an-earlier-run.lmkit"), "old");
        ComparisonWork work = ComparisonWork.fresh(dir.resolve("report.work"));
        ComparisonResult result = new Comparison(models, TrainingListener.NONE).withWork(work)
                .run(keeping("markdown", "models"), DATA, TEST, line -> { });

        assertEquals(List.of("uniform", "add half"), result.models().stream().map(KeptModel::label).toList());
        for (KeptModel m : result.models()) {
            assertTrue(m.source().startsWith(work.folder()), "saved into the work folder: " + m.source());
            double loaded = new PerplexityEvaluator().evaluate(ModelFile.load(m.source(), models).model(), TEST)
                    .perplexity();
            assertEquals(result.row(m.label()).testPerplexity(), loaded, 0.0, m.label());
        }
        byte[] unigram = Files.readAllBytes(result.models().get(1).source());

        List<Path> written = new ComparisonReport(result, Provenance.capture(keeping("models"),
                java.time.Clock.systemUTC()), List.of(), List.of()).write(out, keeping("markdown", "models").outputs());
        Path kept = out.resolve("models").resolve(result.models().get(1).fileName());
        assertTrue(kept.getFileName().toString().matches("add_half-[0-9a-f]{8}\\.lmkit"), kept.toString());
        assertEquals(List.of("report.md", "models/" + result.models().get(0).fileName(),
                "models/" + kept.getFileName()), written.stream().map(p -> out.relativize(p).toString()
                .replace('\\', '/')).toList());
        assertArrayEquals(unigram, Files.readAllBytes(kept));
        try (Stream<Path> files = Files.list(out.resolve("models"))) {
            assertEquals(2, files.count(), "the earlier run's model is gone with its report");
        }
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "| add half | models/%s | %,d bytes |",
                kept.getFileName(), unigram.length)), md);
    }

    @Test
    void keepingModelsWithoutAWorkFolderIsRefusedBeforeTraining() {
        LmkitException e = assertThrows(LmkitException.class, () -> new Comparison(models, TrainingListener.NONE)
                .run(keeping("models"), DATA, TEST, line -> { }));
        assertEquals("the output format 'models' keeps the models' files, which a comparison writes into its work"
                + " folder: give the comparison one (withWork), or drop 'models' from the formats", e.getMessage());
    }

    @Test
    void modelsAreNotAmongTheDefaultFormatsAndAConfigFileOrTheFlagAddsThem() throws IOException {
        ComparisonConfig.Outputs defaults = ComparisonConfig.Outputs.DEFAULT;
        assertEquals(List.of("markdown", "html", "csv", "json", "plots"), defaults.formats());
        assertEquals(List.of("markdown", "html", "csv", "json", "plots", "models"),
                defaults.with("models").with("models").formats());
        Path yaml = Files.writeString(dir.resolve("c.yaml"), "models: [{model: uniform}]\n"
                + "outputs: {dir: out, formats: [json, models]}\n");
        ComparisonConfig read = ComparisonConfigFile.read(yaml);
        assertTrue(read.outputs().has("models"));
        assertTrue(ComparisonConfigFile.toYaml(read).contains("- models"), "the provenance's config keeps it");
    }
}
