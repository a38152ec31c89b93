package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lmkit.cli.internal.CliTest.Run;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.eval.compare.Comparison;
import io.lmkit.eval.compare.ComparisonConfig;
import io.lmkit.eval.compare.ComparisonConfigFile;
import io.lmkit.eval.compare.ModelSpec;
import java.util.List;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lmkit compare} with a config file, end to end and in-process, on a tiny split folder. */
class CompareCliTest {

    @TempDir
    Path dir;

    private Path data;

    @BeforeEach
    void tinySplits() throws IOException {
        data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("brown.train.txt"), "the cat sat\nthe dog sat\na cat ran\nthe cat ran\n");
        Files.writeString(data.resolve("brown.valid.txt"), "the cat ran\na dog sat\n");
        Files.writeString(data.resolve("brown.test.txt"), "a dog sat\nthe cat sat\nthe dog ran\n");
        Files.writeString(data.resolve("vocab.txt"), "<unk>\n<s>\n</s>\nthe\ncat\nsat\ndog\na\nran\n");
    }

    private Path config(String name, String outDir) throws IOException {
        return Files.writeString(dir.resolve(name), """
                title: tiny comparison
                data: %s
                seed: 4
                bootstrapResamples: 200
                models:
                  - {model: uniform}
                  - {model: modified-kneser-ney, label: mkn-2, settings: {order: 2}}
                  - {model: witten-bell, label: wb-2, settings: {order: 2}}
                mixtures:
                  - mkn-2 + uniform
                outputs: {dir: %s}
                """.formatted(data.toString().replace('\\', '/'), outDir.replace('\\', '/')));
    }

    @Test
    void aYamlConfigTrainsMixesComparesAndWritesEveryFormat() throws IOException {
        Path out = dir.resolve("report");
        Run r = lmkit("compare", "--config", config("c.yaml", out.toString()).toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("| uniform | sentence | 8.00 | 8.00 |"), r.out());
        assertTrue(r.out().contains("| mkn-2+uniform |"), r.out());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.startsWith("# tiny comparison"), md);
        assertTrue(md.contains("## n-gram storage and sparsity: mkn-2"), md);
        assertTrue(md.contains("| mkn-2 | wb-2 |"), "the bootstrap of every pair: " + md);
        assertTrue(md.contains("seed: 4"), md);
        for (String f : new String[] {"report.html", "results.csv", "significance.csv", "learning-curves.csv",
            "results.json", "plots/perplexity-by-order.png", "plots/memory-by-order.png"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("data:image/png;base64,"));
    }

    @Test
    void aModelFileTrainedBeforeJoinsTheComparisonAndScoresAsTheSameModelTrainedInIt() throws IOException {
        Path model = dir.resolve("kn2.zip");
        Run trained = lmkit("train", "--model", "modified-kneser-ney", "--set", "order=2", "--train",
                data.resolve("brown.train.txt").toString(), "--vocab", data.resolve("vocab.txt").toString(), "--out",
                model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        Path out = dir.resolve("with-file");
        Path c = Files.writeString(dir.resolve("f.yaml"), """
                data: %s
                models:
                  - {model: modified-kneser-ney, label: mkn-2, settings: {order: 2}}
                  - {model: file, path: %s}
                outputs: {dir: %s, formats: [json]}
                """.formatted(data.toString().replace('\\', '/'), model.toString().replace('\\', '/'),
                out.toString().replace('\\', '/')));
        Run r = lmkit("compare", "--config", c.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode rows = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("rows");
        assertEquals("kn2", rows.get(1).get("label").asText());
        assertEquals(rows.get(0).get("testPerplexity").asDouble(), rows.get(1).get("testPerplexity").asDouble(), 0.0,
                "the file holds the model the comparison trains");

        Path missing = Files.writeString(dir.resolve("m.yaml"), "data: %s\nmodels: [{model: file, path: %s}]\n"
                .formatted(data.toString().replace('\\', '/'), dir.resolve("nope.zip").toString().replace('\\', '/')));
        Run refused = lmkit("compare", "--config", missing.toString(), "--out", dir.resolve("never").toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("model file " + dir.resolve("nope.zip") + " (entry 'nope', model: file) not"
                + " found"), refused.err());
    }

    @Test
    void aUsersOwnClozeSuiteScoresEveryModelInTheReport() throws IOException {
        Path suite = Files.writeString(dir.resolve("mine.txt"), "[syntax]\nthe cat ___ => sat | dog\n");
        Path out = dir.resolve("report");
        Run r = lmkit("compare", "--config", config("c.yaml", out.toString()).toString(), "--probe-suite",
                suite.toString());
        assertEquals(0, r.exitCode(), r.err());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Cloze probes ("), md);
        // The uniform model ties every candidate, and a tie is not a pass; the bigram prefers "cat sat".
        assertTrue(md.contains("uniform fails 1 of 1"), md);
        assertTrue(md.contains("mkn-2 fails 0 of 1"), md);
        Run off = lmkit("compare", "--config", config("c.yaml", dir.resolve("r2").toString()).toString());
        assertEquals(0, off.exitCode(), off.err());
        assertFalse(Files.readString(dir.resolve("r2").resolve("report.md")).contains("Cloze probes"),
                "probes are off unless the config or the command asks for them");
    }

    @Test
    void jsonOnStdoutAndTheSameConfigAndSeedGiveTheSameNumbers() throws IOException {
        Path c = config("c.yaml", dir.resolve("report").toString());
        Run once = lmkit("compare", "--config", c.toString(), "--json");
        Run again = lmkit("compare", "--config", c.toString(), "--json");
        assertEquals(0, once.exitCode(), once.err());
        JsonNode a = new ObjectMapper().readTree(once.out());
        JsonNode b = new ObjectMapper().readTree(again.out());
        assertEquals(4, a.get("rows").size());
        assertEquals(4L, a.get("provenance").get("seed").asLong());
        for (int i = 0; i < 4; i++) {
            assertEquals(a.get("rows").get(i).get("testPerplexity"), b.get("rows").get(i).get("testPerplexity"));
            assertEquals(a.get("rows").get(i).get("config"), b.get("rows").get(i).get("config"));
        }
        assertEquals(a.get("differences"), b.get("differences"));
        double weight = a.get("rows").get(3).get("config").get("weight").asDouble();
        assertTrue(weight > 0 && weight < 1, "tuned on validation: " + weight);
        // A heap-measured model's memory is null (unknown) when the heap did not grow while it trained, which
        // depends on the collector; the structure counts it as the number it is otherwise.
        String json = once.out().replaceAll("\"memoryBytes\"\\s*:\\s*null", "\"memoryBytes\" : 0");
        Golden.assertMatches("compare-results-structure.txt", Golden.jsonStructure(json), dir);
    }

    @Test
    void aReportFolderWithOtherFilesOrAResumeWithNothingToResumeIsRefusedBeforeAnyTraining() throws IOException {
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "precious");
        Run r = lmkit("compare", "--config", config("c.yaml", mine.toString()).toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("lmkit: cannot write the report to " + mine + ": it holds "
                + mine.resolve("thesis.tex") + ", which is not part of a comparison report"), r.err());
        assertFalse(r.err().contains("training"), "refused before training: " + r.err());
        assertEquals("precious", Files.readString(mine.resolve("thesis.tex")));

        Run resume = lmkit("compare", "--config", config("c.yaml", dir.resolve("new").toString()).toString(),
                "--resume");
        assertEquals(1, resume.exitCode(), resume.err());
        assertEquals("lmkit: --resume: there is no interrupted comparison to continue: its work folder "
                + dir.resolve("new.work") + " does not exist; run without --resume to start one\n", resume.err());
    }

    @Test
    void theRawCorpusFolderIsNeverTakenForTheSplitsFolder() throws IOException {
        Path raw = Files.createDirectory(dir.resolve("brown"));
        Files.writeString(raw.resolve("ca01"), "The/at Fulton/np-tl\n");
        Run r = lmkit("compare", "--data", raw.toString(), "--models", "uniform");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("holds the raw Brown corpus"), r.err());
        try (var files = Files.list(raw)) {
            assertEquals(1, files.count(), "nothing written into the corpus folder");
        }
    }

    @Test
    void anUnknownKeyFailsNamingTheKeyAndTheFile() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "models: [{model: uniform}]\nbudget: 3\n");
        Run r = lmkit("compare", "--config", bad.toString(), "--data", data.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("unknown key 'budget'") && r.err().contains(bad.toString())
                && r.err().contains("budgetMinutes"), r.err());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theReadmeExampleAndTheBenchmarkOfRecordAreValidConfigs() throws IOException {
        Path home = Path.of(System.getProperty("lmkit.home"));
        String readme = Files.readString(home.resolve("README.md"));
        int start = readme.indexOf("```yaml\ntitle: my comparison");
        assertTrue(start >= 0, "README's compare section shows a config");
        String yaml = readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 8));
        PluginRegistry<ModelProvider<?>> registry = PluginRegistry.discover((Class) ModelProvider.class,
                getClass().getClassLoader(), "model", "");
        Comparison comparison = new Comparison(registry, TrainingListener.NONE);
        List<ModelSpec> specs = comparison.specs(ComparisonConfigFile.read(Files.writeString(dir.resolve("r.yaml"),
                yaml)));
        assertEquals("6.000", specs.get(1).settings().get("maxMinutes"));
        assertEquals("4.000", specs.get(2).settings().get("maxMinutes"), "the rest of the 10 minutes, as it says");
        ComparisonConfig record = ComparisonConfigFile.read(home.resolve("benchmarks/head-to-head.yaml"));
        List<ModelSpec> all = comparison.specs(record);
        assertEquals(List.of("mkn-2", "mkn-3", "mkn-4", "mkn-5", "katz-3", "katz-5", "wb-3", "wb-5", "fixed-window",
                "rnn", "lstm", "gru", "transformer"), all.stream().map(ModelSpec::label).toList());
        long neural = record.models().stream().mapToLong(m -> m.budgetTokens()).sum();
        assertEquals(record.budgetTokens(), neural, "the per-model work budgets add up to the total");
        assertEquals(0.0, record.budgetMinutes(), "the benchmark of record has no wall-clock budget");
        ComparisonConfig ptb = ComparisonConfigFile.read(home.resolve("benchmarks/ptb.yaml"));
        assertEquals(List.of("mkn-5", "fixed-window", "rnn", "lstm", "gru"),
                comparison.specs(ptb).stream().map(ModelSpec::label).toList());
        assertEquals(io.lmkit.eval.ScoringProtocol.STREAM, ptb.scoringProtocol());
        ComparisonConfig part = ComparisonConfigFile.read(home.resolve("benchmarks/transformer-brown.yaml"));
        ModelSpec transformer = all.get(all.size() - 1);
        assertEquals(transformer, comparison.specs(part).get(1),
                "the transformer's part of the record trains it exactly as the whole head-to-head would");
        assertEquals(record.seed(), part.seed());
        assertEquals(record.data(), part.data());
        ComparisonConfig ptbTransformer = ComparisonConfigFile.read(home.resolve("benchmarks/ptb-transformer.yaml"));
        assertEquals(List.of("mkn-5", "transformer"),
                comparison.specs(ptbTransformer).stream().map(ModelSpec::label).toList());
        assertEquals(ptb.data(), ptbTransformer.data(), "the transformer's PTB run reads ptb.yaml's files");
        assertEquals(io.lmkit.eval.ScoringProtocol.STREAM, ptbTransformer.scoringProtocol());
    }

    @Test
    void quickPicksSmallModelsASubsetAndATinyWorkBudget() {
        Run bad = lmkit("compare", "--quick", "--budget-minutes", "0");
        assertEquals(2, bad.exitCode(), bad.err());
        Run both = lmkit("compare", "--quick", "--budget-minutes", "1", "--budget-tokens", "1000");
        assertEquals(2, both.exitCode(), both.err());
        assertTrue(both.err().contains("not both"), both.err());
        var c = CompareCommand.quick(ComparisonConfig.of(List.of()));
        assertEquals(4, c.models().size());
        assertEquals(1, c.mixtures().size());
        assertEquals(List.of(0L, 0L, 100_000L, 100_000L), c.models().stream().map(m -> m.budgetTokens()).toList());
        assertEquals(0.0, c.budgetMinutes(), "no wall-clock budget: the same numbers on any machine");
    }

    @Test
    void theDefaultJobHasWorkBudgetsAndBudgetMinutesTurnsThemIntoMinutesInTheirProportions() {
        var c = ComparisonConfig.of(CompareCommand.defaults());
        assertEquals(List.of(0L, 0L, 0L, 0L, 600_000L, 1_200_000L),
                c.models().stream().map(m -> m.budgetTokens()).toList());
        var timed = c.scaledTo(10);
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 10 / 3.0, 20 / 3.0),
                timed.models().stream().map(m -> m.budgetMinutes()).toList(), "600,000 : 1,200,000 tokens");
        assertFalse(timed.hasTokenBudget());
        var halved = c.scaledToTokens(1_000_000);
        assertEquals(List.of(333_333L, 666_667L), halved.models().subList(4, 6).stream().map(m -> m.budgetTokens())
                .toList());
    }
}
