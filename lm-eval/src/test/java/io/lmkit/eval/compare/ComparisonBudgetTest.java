package io.lmkit.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.reference.UniformProvider;
import io.lmkit.core.reference.UnigramProvider;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work budgets in a comparison: {@code budgetTokens}, per model and in total, become the models'
 * {@code maxTokens} as {@code budgetMinutes} become {@code maxMinutes}, and the report says which
 * kind of budget each model had and what it used.
 */
class ComparisonBudgetTest {

    private static final Vocabulary V = Vocabulary.fromCounts(Map.of("a", 5L, "b", 2L, "c", 1L), 1, 10);
    /** 12 predicted tokens: 8 words and 4 {@code </s>}. */
    private static final Corpus TRAIN = Corpus.of(V, List.of(List.of("a", "a", "b"), List.of("a"),
            List.of("a", "c", "a", "b"), List.of()));
    private static final Corpus VALID = Corpus.of(V, List.of(List.of("a", "b"), List.of("c", "a")));

    private final PluginRegistry<ModelProvider<?>> models = new PluginRegistry<>("model", "",
            List.of(new UniformProvider(), new UnigramProvider(), new TimedUnigramProvider()));

    private List<ModelSpec> specs(ComparisonConfig c) {
        return new Comparison(models, TrainingListener.NONE).specs(c);
    }

    @Test
    void budgetTokensBecomeMaxTokensOwnOrSharedLikeBudgetMinutes() {
        ComparisonConfig c = ComparisonConfig.of(List.of(
                new ComparisonConfig.ModelEntry("uniform", null, null, null, null),
                new ComparisonConfig.ModelEntry("timed-unigram", "own", null, null, 300_000L),
                new ComparisonConfig.ModelEntry("timed-unigram", "shared-1", null, null, null),
                new ComparisonConfig.ModelEntry("timed-unigram", "shared-2", null, null, null),
                new ComparisonConfig.ModelEntry("timed-unigram", "timed", null, 2.0, null),
                new ComparisonConfig.ModelEntry("timed-unigram", "fixed", Map.of("maxTokens", "5"), null, null)))
                .withBudgetTokens(1_000_000).withBudgetMinutes(3);
        List<ModelSpec> specs = specs(c);
        assertEquals(Map.of(), specs.get(0).settings(), "a one-pass model takes no budget");
        assertEquals(Map.of("maxTokens", "300000"), specs.get(1).settings());
        // A model without a budget of its own shares every total, and stops at whichever runs out first.
        assertEquals(Map.of("maxMinutes", "0.500", "maxTokens", "350000"), specs.get(2).settings(),
                "(3 - 2) / 2 minutes and (1,000,000 - 300,000) / 2 tokens");
        assertEquals(Map.of("maxMinutes", "0.500", "maxTokens", "350000"), specs.get(3).settings());
        assertEquals(Map.of("maxMinutes", "2.000"), specs.get(4).settings(), "its own wall-clock budget only");
        assertEquals(Map.of("maxTokens", "5"), specs.get(5).settings(), "a setting given by hand is kept");
    }

    @Test
    void ownTokenBudgetsBeyondTheTotalOrOnAOnePassModelAreRefused() {
        ComparisonConfig tooMuch = ComparisonConfig.of(List.of(
                new ComparisonConfig.ModelEntry("timed-unigram", "a", null, null, 800L))).withBudgetTokens(500);
        LmkitException e = assertThrows(LmkitException.class, () -> specs(tooMuch));
        assertEquals("the models' own budgets add up to 800 tokens, more than the total budgetTokens 500; raise the"
                + " total or lower a model's budget", e.getMessage());
        ComparisonConfig oneShot = ComparisonConfig.of(List.of(
                new ComparisonConfig.ModelEntry("unigram", null, null, null, 1000L)));
        e = assertThrows(LmkitException.class, () -> specs(oneShot));
        assertEquals("model 'unigram' (unigram) has no maxTokens setting, so it cannot take budgetTokens; remove the"
                + " budget (it trains in one pass)", e.getMessage());
    }

    /** A one-pass plugin whose config happens to have a setting named maxTokens, but is no IterativeConfig. */
    static final class NamedLikeABudget implements ModelProvider<NamedLikeABudget.Config> {
        record Config(long maxTokens) {
        }

        @Override
        public String name() {
            return "named-like-a-budget";
        }

        @Override
        public String description() {
            return "a unigram model with an unrelated maxTokens setting (tests only)";
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public Config defaultConfig() {
            return new Config(0);
        }

        @Override
        public Trainer<Config> trainer() {
            return (data, config, seed, listener) -> new UnigramProvider().trainer().train(data,
                    new UnigramProvider.Config(1.0), seed, listener);
        }

        @Override
        public LanguageModel load(ModelDataSource data, Config config, Vocabulary vocabulary) {
            throw new UnsupportedOperationException("tests only train this plugin");
        }
    }

    @Test
    void whetherAModelTakesABudgetIsDecidedByItsConfigsTypeNotBySettingNames() {
        Comparison comparison = new Comparison(new PluginRegistry<>("model", "", List.of(new NamedLikeABudget(),
                new TimedUnigramProvider())), TrainingListener.NONE);
        List<ModelSpec> specs = comparison.specs(ComparisonConfig.of(List.of(
                new ComparisonConfig.ModelEntry("named-like-a-budget", null, null, null, null),
                new ComparisonConfig.ModelEntry("timed-unigram", null, null, null, null))).withBudgetTokens(1000));
        assertEquals(Map.of(), specs.get(0).settings(), "no IterativeConfig: no share of the budget");
        assertEquals(Map.of("maxTokens", "1000"), specs.get(1).settings());
    }

    @Test
    void theReportSaysWhichBudgetEachModelHadAndWhatItUsed() {
        ComparisonConfig c = ComparisonConfig.of(List.of(
                new ComparisonConfig.ModelEntry("unigram", "one-pass", null, null, null),
                new ComparisonConfig.ModelEntry("timed-unigram", "worked", null, null, 30L),
                new ComparisonConfig.ModelEntry("timed-unigram", "timed", null, 0.5, null)));
        ComparisonResult r = new Comparison(models, TrainingListener.NONE).run(c,
                new TrainingData(TRAIN, Optional.of(VALID)), VALID, s -> { });
        TrainingBudget worked = r.row("worked").budget();
        assertEquals("tokens", worked.kind());
        assertEquals("30 tokens", worked.limit());
        assertEquals(30, worked.tokens());
        assertEquals(2.5, worked.epochs(), 1e-12, "30 of the 12 training tokens an epoch");
        TrainingBudget timed = r.row("timed").budget();
        assertEquals("minutes", timed.kind());
        assertEquals("0.50 minutes", timed.limit());
        assertEquals(200, timed.tokens());
        assertEquals("one pass", r.row("one-pass").budget().kind());
        ComparisonReport report = new ComparisonReport(r, Provenance.capture(c, Clock.systemUTC()), List.of(),
                List.of());
        String md = report.markdown();
        assertTrue(md.contains("## Training budgets"), md);
        assertTrue(md.contains("| worked | tokens | 30 tokens | 30 | 2.50 |"), md);
        assertTrue(md.contains("| timed | minutes | 0.50 minutes | 200 | 16.67 |"), md);
        String csv = report.resultsCsv();
        assertTrue(csv.lines().findFirst().orElseThrow().endsWith(",budget_kind,budget_limit,tokens_used,epochs_used,protocol"),
                csv);
        assertTrue(csv.contains("\"tokens\",\"30 tokens\",30,2.5"), csv);
        assertTrue(report.json().contains("\"budget\""), "results.json has each row's budget");
    }

    @Test
    void aConfigFileTakesBudgetTokensPerModelAndInTotal(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                budgetTokens: 1000
                models:
                  - {model: timed-unigram, label: a, budgetTokens: 400}
                  - {model: timed-unigram, label: b}
                """);
        ComparisonConfig c = ComparisonConfigFile.read(file);
        assertEquals(1000L, c.budgetTokens());
        assertEquals(400L, c.models().get(0).budgetTokens());
        assertEquals("600", specs(c).get(1).settings().get("maxTokens"));
        assertTrue(ComparisonConfigFile.toYaml(c).contains("budgetTokens: 1000"), ComparisonConfigFile.toYaml(c));
    }
}
