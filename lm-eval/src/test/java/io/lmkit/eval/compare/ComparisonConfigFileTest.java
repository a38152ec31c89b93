package io.lmkit.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonConfigFileTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsYamlWithDefaultsFilledIn() throws IOException {
        ComparisonConfig c = ComparisonConfigFile.read(file("c.yaml", """
                seed: 7
                budgetMinutes: 30
                models:
                  - model: modified-kneser-ney
                    label: mkn-5
                    settings: {order: 5, prune: "0 0 1"}
                  - {model: lstm, budgetMinutes: 12, settings: {hidden: 200}}
                  - model: rnn
                mixtures:
                  - lstm + mkn-5
                  - rnn|lstm + mkn-5 @ best
                outputs: {dir: out, formats: [markdown, csv]}
                """));
        assertEquals(7L, c.seed());
        assertEquals(30.0, c.budgetMinutes());
        assertEquals(ComparisonData.folder("data/brown-v1"), c.data(), "the default");
        assertEquals("sentence", c.protocol(), "the default");
        assertEquals(1000, c.bootstrapResamples(), "the default");
        assertEquals(Map.of("order", "5", "prune", "0 0 1"), c.models().get(0).settings(), "numbers read as text");
        assertEquals("lstm", c.models().get(1).label(), "the label defaults to the plugin");
        assertEquals(12.0, c.models().get(1).budgetMinutes());
        assertEquals(new MixtureSpec("lstm+mkn-5", List.of("lstm"), "mkn-5"), c.mixtures().get(0));
        assertEquals(new MixtureSpec("best", List.of("rnn", "lstm"), "mkn-5"), c.mixtures().get(1));
        assertEquals(List.of("markdown", "csv"), c.outputs().formats());
    }

    @Test
    void jsonAndTheWrittenYamlReadBackToTheSameConfig() throws IOException {
        ComparisonConfig json = ComparisonConfigFile.read(file("c.json", """
                {"seed": 3, "models": [{"model": "unigram", "label": "u", "settings": {"addK": 0.5}},
                                       {"model": "uniform"}],
                 "mixtures": ["u + uniform"], "probes": false}
                """));
        assertEquals(3L, json.seed());
        ComparisonConfig again = ComparisonConfigFile.read(file("again.yaml", ComparisonConfigFile.toYaml(json)));
        assertEquals(json, again);
    }

    @Test
    void dataIsAFolderOrThreeFilesAndTheProtocolIsSentenceOrStream() throws IOException {
        ComparisonConfig c = ComparisonConfigFile.read(file("ptb.yaml", """
                data: {train: ../shared/data/ptb/ptb.train.txt, valid: ../shared/data/ptb/ptb.valid.txt,
                       test: ../shared/data/ptb/ptb.test.txt, maxVocab: 10000}
                protocol: stream
                models: [{model: lstm}]
                """));
        assertTrue(c.data().isFiles());
        assertEquals("../shared/data/ptb/ptb.valid.txt", c.data().valid());
        assertEquals(1L, c.data().minCount(), "the default");
        assertEquals(10000, c.data().maxVocab());
        assertEquals(io.lmkit.eval.ScoringProtocol.STREAM, c.scoringProtocol());
        // Written and read back: the files stay an object, a folder stays a string.
        assertEquals(c, ComparisonConfigFile.read(file("back.yaml", ComparisonConfigFile.toYaml(c))));
        ComparisonConfig folder = ComparisonConfigFile.read(file("f.yaml", "data: my/splits\nmodels: [{model: lstm}]\n"));
        assertEquals(ComparisonData.folder("my/splits"), folder.data());
        assertTrue(ComparisonConfigFile.toYaml(folder).contains("data: my/splits"));

        LmkitException partial = assertThrows(LmkitException.class, () -> ComparisonConfigFile.read(file("p.yaml",
                "data: {train: a.txt, test: c.txt}\n")));
        assertTrue(partial.getMessage().contains("data needs all three files: train, valid and test"),
                partial.getMessage());
        LmkitException protocol = assertThrows(LmkitException.class, () -> ComparisonConfigFile.read(file("q.yaml",
                "protocol: streaming\n")));
        assertTrue(protocol.getMessage().contains("unknown protocol 'streaming'; valid: [sentence, stream]"),
                protocol.getMessage());
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheKeyTheFileAndTheValidKeys() throws IOException {
        Path f = file("typo.yaml", "seed: 1\nmodles:\n  - model: uniform\n");
        LmkitException e = assertThrows(LmkitException.class, () -> ComparisonConfigFile.read(f));
        assertTrue(e.getMessage().contains("unknown key 'modles'"), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("models") && e.getMessage().contains("mixtures"), e.getMessage());
    }

    @Test
    void anUnknownKeyInsideAModelSaysWhere() throws IOException {
        Path f = file("nested.yaml", "models:\n  - model: uniform\n    setting: {order: 3}\n");
        LmkitException e = assertThrows(LmkitException.class, () -> ComparisonConfigFile.read(f));
        assertTrue(e.getMessage().contains("unknown key 'setting'") && e.getMessage().contains("models[0]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("[budgetMinutes, budgetTokens, label, model, path, settings]"), e.getMessage());
    }

    @Test
    void aModelFileBuiltBeforehandIsAnEntryWithAPathAndNoBudget() throws IOException {
        ComparisonConfig c = ComparisonConfigFile.read(file("big.yaml",
                "models:\n  - {model: file, path: models/kn5-1b.zip}\n  - {model: file, path: a.zip, label: mine}\n"));
        ComparisonConfig.ModelEntry big = c.models().get(0);
        assertEquals("file", big.model());
        assertEquals("kn5-1b", big.label(), "the label defaults to the file's name without .zip");
        assertEquals(Map.of("path", "models/kn5-1b.zip"), big.settings());
        assertEquals("mine", c.models().get(1).label());
        LmkitException other = assertThrows(LmkitException.class, () -> ComparisonConfigFile.read(file("p.yaml",
                "models: [{model: uniform, path: a.zip}]\n")));
        assertTrue(other.getMessage().contains("'path' belongs to a 'model: file' entry"), other.getMessage());
        LmkitException budget = assertThrows(LmkitException.class, () -> ComparisonConfigFile.read(file("b.yaml",
                "models: [{model: file, path: a.zip, budgetTokens: 1000}]\n")));
        assertTrue(budget.getMessage().contains("takes no budget"), budget.getMessage());
        LmkitException none = assertThrows(LmkitException.class, () -> ComparisonConfigFile.read(file("n.yaml",
                "models: [{model: file}]\n")));
        assertTrue(none.getMessage().contains("needs 'path: MODEL.zip'"), none.getMessage());
    }

    @Test
    void aMixtureOfAModelThatIsNotThereIsAnError() throws IOException {
        Path f = file("mix.yaml", "models: [{model: uniform}]\nmixtures: [uniform + lstm]\n");
        LmkitException e = assertThrows(LmkitException.class, () -> ComparisonConfigFile.read(f));
        assertTrue(e.getMessage().contains("'lstm'") && e.getMessage().contains(f.toString()), e.getMessage());
        assertThrows(LmkitException.class, () -> ComparisonConfigFile.read(file("fmt.yaml",
                "outputs: {formats: [pdf]}\n")));
        assertThrows(LmkitException.class, () -> ComparisonConfigFile.read(file("type.yaml", "seed: many\n")));
    }
}
