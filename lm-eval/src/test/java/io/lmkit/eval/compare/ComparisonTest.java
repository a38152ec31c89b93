package io.lmkit.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.reference.UniformProvider;
import io.lmkit.core.reference.UnigramProvider;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.LinearMixture;
import io.lmkit.eval.report.ReportSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final Vocabulary V = Vocabulary.fromCounts(Map.of("a", 5L, "b", 2L, "c", 1L), 1, 10);
    private static final Corpus TRAIN = Corpus.of(V, List.of(List.of("a", "a", "b"), List.of("a"),
            List.of("a", "c", "a", "b")));
    private static final Corpus VALID = Corpus.of(V, List.of(List.of("a", "b"), List.of("c", "a")));
    private static final Corpus TEST = Corpus.of(V, List.of(List.of("a", "b"), List.of("a", "a", "c"),
            List.of("b")));
    private static final TrainingData DATA = new TrainingData(TRAIN, Optional.of(VALID));

    private final PluginRegistry<ModelProvider<?>> models = new PluginRegistry<>("model", "",
            List.of(new UniformProvider(), new UnigramProvider(), new TimedUnigramProvider()));

    private static ComparisonConfig twoModelsAndTheirMixture() {
        return ComparisonConfig.of(List.of(
                        new ComparisonConfig.ModelEntry("uniform", null, null, null),
                        new ComparisonConfig.ModelEntry("unigram", "add-half", Map.of("addK", "0.5"), null)))
                .withMixtures(List.of(MixtureSpec.parse("add-half + uniform")));
    }

    @Test
    void theStreamProtocolLabelsEveryRowAndAResumeUnderAnotherProtocolIsRefused(@org.junit.jupiter.api.io.TempDir
                                                                              java.nio.file.Path dir) {
        ComparisonConfig stream = twoModelsAndTheirMixture().withProtocol(io.lmkit.eval.ScoringProtocol.STREAM);
        ComparisonResult r = new Comparison(models, TrainingListener.NONE).run(stream, DATA, TEST, line -> { });
        ComparisonResult s = new Comparison(models, TrainingListener.NONE).run(twoModelsAndTheirMixture(), DATA, TEST,
                line -> { });
        // Models that restart at every sentence: the same numbers, labelled as what they are.
        assertEquals(s.row("add-half").testPerplexity(), r.row("add-half").testPerplexity(), 0.0);
        assertEquals(List.of("stream (per sentence)", "stream (per sentence)", "stream (per sentence)"),
                r.rows().stream().map(ComparisonRow::protocol).toList());
        assertEquals("sentence", s.row("add-half").protocol());

        java.nio.file.Path work = dir.resolve("out.work");
        ComparisonConfig timed = ComparisonConfig.of(List.of(new ComparisonConfig.ModelEntry("timed-unigram", "t",
                null, null, 100L)));
        new Comparison(models, TrainingListener.NONE).withWork(ComparisonWork.fresh(work)).run(timed, DATA, TEST,
                line -> { });
        LmkitException e = assertThrows(LmkitException.class, () -> new Comparison(models, TrainingListener.NONE)
                .withWork(ComparisonWork.resume(work)).run(timed.withProtocol(io.lmkit.eval.ScoringProtocol.STREAM),
                        DATA, TEST, line -> { }));
        assertTrue(e.getMessage().startsWith("cannot resume: the interrupted comparison scored t under the protocol"
                + " 'sentence', this run asks for 'stream (per sentence)'"), e.getMessage());
    }

    @Test
    void aModelFileBuiltBeforehandIsScoredLikeTheModelItHolds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        UnigramProvider.Config half = new UnigramProvider.Config(0.5);
        LanguageModel trained = new UnigramProvider().trainer().train(DATA, half, 1, TrainingListener.NONE);
        java.nio.file.Path file = dir.resolve("half.zip");
        io.lmkit.core.io.ModelFile.save(file, trained, "unigram", half, 1, "whitespace", TRAIN.fingerprint());
        ComparisonConfig config = ComparisonConfig.of(List.of(
                        new ComparisonConfig.ModelEntry("unigram", "add-half", Map.of("addK", "0.5"), null),
                        new ComparisonConfig.ModelEntry("file", null, Map.of("path", file.toString()), null)))
                .withMixtures(List.of(MixtureSpec.parse("half + add-half")));
        List<String> progress = new ArrayList<>();
        ComparisonResult r = new Comparison(models, TrainingListener.NONE).run(config, DATA, TEST, progress::add);
        ComparisonRow loaded = r.row("half");
        assertEquals(r.row("add-half").testPerplexity(), loaded.testPerplexity(), 1e-12);
        assertEquals(r.row("add-half").validPerplexity(), loaded.validPerplexity(), 1e-12);
        assertEquals("pre-built", loaded.budget().kind());
        assertEquals(0.0, loaded.trainSeconds());
        assertEquals(Map.of("path", file.toString()), loaded.config());
        assertTrue(progress.contains("loading half (model file " + file + ")"), progress.toString());
        assertEquals(r.row("add-half").testPerplexity(), r.row("half+add-half").testPerplexity(), 1e-9,
                "a mixture of a model with itself scores as the model, so the loaded file mixes like any entry");

        Vocabulary other = Vocabulary.fromCounts(Map.of("a", 5L, "z", 2L), 1, 10);
        Corpus otherTrain = Corpus.of(other, List.of(List.of("a", "z")));
        LanguageModel foreign = new UnigramProvider().trainer().train(new TrainingData(otherTrain, Optional.empty()),
                half, 1, TrainingListener.NONE);
        java.nio.file.Path foreignFile = dir.resolve("foreign.zip");
        io.lmkit.core.io.ModelFile.save(foreignFile, foreign, "unigram", half, 1, "whitespace",
                otherTrain.fingerprint());
        LmkitException e = assertThrows(LmkitException.class, () -> new Comparison(models, TrainingListener.NONE)
                .run(ComparisonConfig.of(List.of(new ComparisonConfig.ModelEntry("file", null,
                        Map.of("path", foreignFile.toString()), null))), DATA, TEST, line -> { }));
        assertTrue(e.getMessage().contains("model file " + foreignFile + " (entry 'foreign') has a vocabulary of 5"
                + " words that is not the comparison's (6 words)"), e.getMessage());
    }

    @Test
    void twoTinyModelsAndTheirMixtureEndToEnd() {
        List<String> progress = new ArrayList<>();
        ComparisonResult r = new Comparison(models, TrainingListener.NONE).run(twoModelsAndTheirMixture(), DATA, TEST,
                progress::add);
        assertEquals(List.of("uniform", "add-half", "add-half+uniform"),
                r.rows().stream().map(ComparisonRow::label).toList());
        assertEquals(5.0, r.row("uniform").testPerplexity(), 1e-12, "uniform over <unk>, </s>, a, b, c");
        assertEquals(5.0, r.row("uniform").validPerplexity(), 1e-12);
        assertEquals("0.5", r.row("add-half").config().get("addK"));
        assertTrue(r.row("add-half").testPerplexity() < 5.0);
        assertEquals(3, r.differences().size(), "every pair of the three rows");
        PairedDifference d = r.differences().get(0);
        assertEquals("uniform", d.first());
        assertEquals(r.row("uniform").testPerplexity() - r.row("add-half").testPerplexity(), d.difference(), 1e-9);
        assertEquals(1000, d.resamples());
        assertEquals(6, progress.size(), "start and end of each model and of the mixture");
    }

    @Test
    void theMixtureWeightIsTunedOnValidationThroughTheConfig() {
        ComparisonResult r = new Comparison(models, TrainingListener.NONE).run(twoModelsAndTheirMixture(), DATA, TEST,
                s -> { });
        LanguageModel unigram = new UnigramProvider().trainer().train(DATA, new UnigramProvider.Config(0.5), 1,
                TrainingListener.NONE);
        LanguageModel uniform = new UniformProvider().trainer().train(DATA, new UniformProvider().defaultConfig(), 1,
                TrainingListener.NONE);
        double expected = LinearMixture.tune(unigram, uniform, VALID);
        ComparisonRow mix = r.row("add-half+uniform");
        assertEquals("mixture", mix.model());
        assertEquals(expected, Double.parseDouble(mix.config().get("weight")), 1e-12);
        assertEquals("add-half", mix.config().get("first"));
        assertTrue(mix.validPerplexity() <= r.row("add-half").validPerplexity() * (1 + 1e-6)
                && mix.validPerplexity() <= r.row("uniform").validPerplexity() * (1 + 1e-6),
                "the weight maximises validation likelihood, so the mixture is no worse than either end: " + mix + " "
                        + r.rows());
        assertTrue(mix.note().contains("λ = "), mix.note());
    }

    @Test
    void theSameConfigAndSeedGiveTheSameNumbers() {
        ComparisonConfig c = twoModelsAndTheirMixture().withSeed(11);
        ComparisonResult once = new Comparison(models, TrainingListener.NONE).run(c, DATA, TEST, s -> { });
        ComparisonResult again = new Comparison(models, TrainingListener.NONE).run(c, DATA, TEST, s -> { });
        for (int i = 0; i < once.rows().size(); i++) {
            ComparisonRow a = once.rows().get(i);
            ComparisonRow b = again.rows().get(i);
            assertEquals(a.config(), b.config());
            assertEquals(a.validPerplexity(), b.validPerplexity());
            assertEquals(a.testPerplexity(), b.testPerplexity());
            assertEquals(a.size(), b.size());
        }
        assertEquals(once.differences(), again.differences());
    }

    @Test
    void budgetsBecomeMaxMinutesAndTheBackendIsPassedOn() {
        ComparisonConfig c = ComparisonConfig.of(List.of(
                new ComparisonConfig.ModelEntry("uniform", null, null, null),
                new ComparisonConfig.ModelEntry("timed-unigram", "own", null, 2.0),
                new ComparisonConfig.ModelEntry("timed-unigram", "shared-1", null, null),
                new ComparisonConfig.ModelEntry("timed-unigram", "shared-2", null, null),
                new ComparisonConfig.ModelEntry("timed-unigram", "fixed", Map.of("maxMinutes", "0.5"), null)))
                .withBudgetMinutes(10);
        c = new ComparisonConfig(c.title(), c.data(), c.seed(), c.budgetMinutes(), c.budgetTokens(), "reference", null,
                null, c.models(), null, null, null, null, null, null, null, null);
        List<ModelSpec> specs = new Comparison(models, TrainingListener.NONE).specs(c);
        assertEquals(Map.of(), specs.get(0).settings(), "a one-pass model takes no budget");
        assertEquals(Map.of("maxMinutes", "2.000", "backend", "reference"), specs.get(1).settings());
        assertEquals("4.000", specs.get(2).settings().get("maxMinutes"), "(10 - 2) / 2");
        assertEquals("4.000", specs.get(3).settings().get("maxMinutes"));
        assertEquals("0.5", specs.get(4).settings().get("maxMinutes"), "a setting given by hand is kept");
        ComparisonConfig tooMuch = ComparisonConfig.of(List.of(
                new ComparisonConfig.ModelEntry("timed-unigram", "a", null, 8.0))).withBudgetMinutes(5);
        assertThrows(LmkitException.class, () -> new Comparison(models, TrainingListener.NONE).specs(tooMuch));
        ComparisonConfig oneShot = ComparisonConfig.of(List.of(new ComparisonConfig.ModelEntry("unigram", null, null, 1.0)));
        LmkitException e = assertThrows(LmkitException.class,
                () -> new Comparison(models, TrainingListener.NONE).specs(oneShot));
        assertTrue(e.getMessage().contains("no maxMinutes setting"), e.getMessage());
    }

    @Test
    void aShorterTotalBudgetScalesTheModelsOwnBudgets() {
        ComparisonConfig c = ComparisonConfig.of(List.of(
                new ComparisonConfig.ModelEntry("timed-unigram", "a", null, 6.0),
                new ComparisonConfig.ModelEntry("timed-unigram", "b", null, 2.0),
                new ComparisonConfig.ModelEntry("timed-unigram", "c", null, null))).withBudgetMinutes(10);
        ComparisonConfig short_ = c.scaledTo(1);
        assertEquals(0.6, short_.models().get(0).budgetMinutes(), 1e-12);
        assertEquals(0.2, short_.models().get(1).budgetMinutes(), 1e-12);
        assertEquals(0.0, short_.models().get(2).budgetMinutes(), "no own budget stays none");
        assertEquals(1.0, short_.budgetMinutes());
        List<ModelSpec> specs = new Comparison(models, TrainingListener.NONE).specs(short_);
        assertEquals("0.200", specs.get(2).settings().get("maxMinutes"), "1 - 0.6 - 0.2 left for the third");
    }

    @Test
    void learningCurvesComeFromTheTrainersValidationEvents() {
        ComparisonConfig c = ComparisonConfig.of(List.of(new ComparisonConfig.ModelEntry("timed-unigram", "t", null, null),
                new ComparisonConfig.ModelEntry("uniform", null, null, null)));
        ComparisonResult r = new Comparison(models, TrainingListener.NONE).run(c, DATA, TEST, s -> { });
        assertEquals(1, r.curves().size(), "the uniform model trains in one pass: no curve");
        assertEquals(List.of(new LearningCurve.Point(100, 1.5, 9.0), new LearningCurve.Point(200, 3.0, 7.5)),
                r.curves().get(0).points());
    }

    @Test
    void aHeapThatDidNotGrowDuringTrainingGivesUnknownMemoryNotZero() {
        assertEquals(ComparisonRow.UNKNOWN_MEMORY, Comparison.retainedOrUnknown(-4096),
                "the collector freed more than the model took");
        assertEquals(ComparisonRow.UNKNOWN_MEMORY, Comparison.retainedOrUnknown(0));
        assertEquals(4096, Comparison.retainedOrUnknown(4096));
        ComparisonRow unknown = new ComparisonRow("m", "lstm", Map.of(), 1, 2, 1, -1, "", ComparisonRow.UNKNOWN_MEMORY,
                0, 0, "");
        assertTrue(ComparisonReport.table(List.of(unknown)).contains("| unknown |"), ComparisonReport.table(List.of(unknown)));
    }

    @Test
    void inspectorsContributeMemoryAndSections() {
        ModelInspector inspector = new ModelInspector() {
            @Override
            public Inspection inspect(String label, LanguageModel model, Corpus test) {
                return label.equals("uniform") ? new Inspection(OptionalLong.of(1234),
                        List.of(new ReportSection("about " + label, "tested on " + test.sentenceCount())))
                        : Inspection.NONE;
            }

            @Override
            public List<ReportSection> summary() {
                return List.of(new ReportSection("summary", "done"));
            }
        };
        ComparisonResult r = new Comparison(models, TrainingListener.NONE, List.of(inspector))
                .run(twoModelsAndTheirMixture().withSubset(2, 1), DATA, TEST, s -> { });
        assertEquals(1234, r.row("uniform").memoryBytes());
        long measured = r.row("add-half").memoryBytes();
        assertTrue(measured > 0 || measured == ComparisonRow.UNKNOWN_MEMORY,
                "measured on the heap, or unknown; never 0 B: " + measured);
        assertEquals(List.of(new ReportSection("about uniform", "tested on 1"), new ReportSection("summary", "done")),
                r.sections(), "evalSentences = 1 keeps the first test sentence only");
    }

    @Test
    void badSpecsFailBeforeAnythingIsTrained() {
        List<String> trained = new ArrayList<>();
        ComparisonConfig c = ComparisonConfig.of(List.of(new ComparisonConfig.ModelEntry("unigram", null, null, null),
                new ComparisonConfig.ModelEntry("unigram", "typo", Map.of("addk", "1"), null)));
        LmkitException e = assertThrows(LmkitException.class,
                () -> new Comparison(models, TrainingListener.NONE).run(c, DATA, TEST, trained::add));
        assertTrue(e.getMessage().contains("addk"), e.getMessage());
        assertEquals(List.of(), trained);
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("unigram:addK"));
        ModelSpec s = ModelSpec.parse("modified-kneser-ney:order=5,prune=0 0 1@mkn5");
        assertEquals("mkn5", s.label());
        assertEquals(Map.of("order", "5", "prune", "0 0 1"), s.settings());
        assertThrows(IllegalArgumentException.class, () -> MixtureSpec.parse("lstm and mkn-5"));
    }
}
