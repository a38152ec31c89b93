package io.lmkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.eval.compare.ComparisonConfig;
import io.lmkit.eval.compare.ComparisonConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every comparison config under benchmarks/ reads as lmkit compare reads it, so a benchmark that runs for an hour
 * never stops at its first line; and the PTB configs agree on what they share.
 */
class BenchmarkConfigsTest {

    /** The configs, from the module folder the tests run in. */
    private static List<Path> configs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("."))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyConfigReads() throws IOException {
        List<Path> configs = configs();
        assertTrue(configs.size() >= 5, configs.toString());
        for (Path file : configs) {
            ComparisonConfig config = ComparisonConfigFile.read(file);
            assertFalse(config.models().isEmpty(), file + " lists no model");
        }
    }

    @Test
    void thePtbSentenceConfigScoresTheStreamRunsModelsOnTheSameDataUnderTheOtherProtocol() {
        ComparisonConfig stream = ComparisonConfigFile.read(Path.of("ptb.yaml"));
        ComparisonConfig sentence = ComparisonConfigFile.read(Path.of("ptb-sentence.yaml"));
        assertEquals(stream.data(), sentence.data());
        assertEquals(stream.seed(), sentence.seed());
        assertEquals("stream", stream.protocol());
        assertEquals("sentence", sentence.protocol());
        assertEquals(stream.models().stream().map(ComparisonConfig.ModelEntry::label).toList(),
                sentence.models().stream().map(ComparisonConfig.ModelEntry::label).toList());
        assertEquals(stream.mixtures(), sentence.mixtures());
    }

    @Test
    void thePtbLstmConfigReRunsPtbYamlsLstmAndAddsAnLstmWithTheGrusSettingsOnTheSameData() {
        ComparisonConfig table = ComparisonConfigFile.read(Path.of("ptb.yaml"));
        ComparisonConfig lstms = ComparisonConfigFile.read(Path.of("ptb-lstm.yaml"));
        assertEquals(table.data(), lstms.data());
        assertEquals(table.seed(), lstms.seed());
        assertEquals(table.protocol(), lstms.protocol());
        assertEquals(table.validationTokens(), lstms.validationTokens());
        assertEquals(entry(table, "mkn-5"), entry(lstms, "mkn-5"));
        assertEquals(entry(table, "lstm"), entry(lstms, "lstm"));
        ComparisonConfig.ModelEntry gru = entry(table, "gru");
        ComparisonConfig.ModelEntry lstmDropout = entry(lstms, "lstm-dropout");
        assertEquals("lstm", lstmDropout.model());
        assertEquals(gru.settings(), lstmDropout.settings());
        assertEquals(gru.budgetTokens(), lstmDropout.budgetTokens());
    }

    @Test
    void thePtbFixedWindowConfigChangesOnlyTheRegularisationOfPtbYamlsFixedWindowModel() {
        ComparisonConfig table = ComparisonConfigFile.read(Path.of("ptb.yaml"));
        ComparisonConfig regularised = ComparisonConfigFile.read(Path.of("ptb-fixed-window.yaml"));
        assertEquals(table.data(), regularised.data());
        assertEquals(table.seed(), regularised.seed());
        assertEquals(table.protocol(), regularised.protocol());
        assertEquals(table.validationTokens(), regularised.validationTokens());
        assertEquals(entry(table, "mkn-5"), entry(regularised, "mkn-5"));
        java.util.Map<String, String> before = new java.util.TreeMap<>(entry(table, "fixed-window").settings());
        java.util.Map<String, String> after = new java.util.TreeMap<>(entry(regularised, "fixed-window-dropout")
                .settings());
        assertEquals("0.1", before.remove("dropout"));
        assertEquals("0.3", after.remove("dropout"));
        assertEquals("100", after.remove("embedding"));
        assertEquals(before, after, "only dropout and the embedding width change");
    }

    @Test
    void thePtbFixedWindowWideConfigWidensOnlyTheHiddenLayerOfTheRegularisedModel() {
        ComparisonConfig regularised = ComparisonConfigFile.read(Path.of("ptb-fixed-window.yaml"));
        ComparisonConfig wide = ComparisonConfigFile.read(Path.of("ptb-fixed-window-wide.yaml"));
        assertEquals(regularised.data(), wide.data());
        assertEquals(regularised.seed(), wide.seed());
        assertEquals(regularised.protocol(), wide.protocol());
        assertEquals(regularised.validationTokens(), wide.validationTokens());
        assertEquals(entry(regularised, "mkn-5"), entry(wide, "mkn-5"));
        java.util.Map<String, String> before = new java.util.TreeMap<>(entry(regularised, "fixed-window-dropout")
                .settings());
        java.util.Map<String, String> after = new java.util.TreeMap<>(entry(wide, "fixed-window-wide").settings());
        assertEquals("200", before.remove("hidden"));
        assertEquals("400", after.remove("hidden"));
        assertEquals(before, after, "only the hidden layer's width changes");
    }

    @Test
    void thePtbScheduleConfigChangesOnlyTheScheduleOfTheRecordedFixedWindowAndRnnModels() {
        ComparisonConfig table = ComparisonConfigFile.read(Path.of("ptb.yaml"));
        ComparisonConfig regularised = ComparisonConfigFile.read(Path.of("ptb-fixed-window.yaml"));
        ComparisonConfig cosine = ComparisonConfigFile.read(Path.of("ptb-schedule.yaml"));
        assertEquals(table.data(), cosine.data());
        assertEquals(table.seed(), cosine.seed());
        assertEquals(table.protocol(), cosine.protocol());
        assertEquals(table.validationTokens(), cosine.validationTokens());
        assertEquals(entry(table, "mkn-5"), entry(cosine, "mkn-5"));

        java.util.Map<String, String> fixedWindow = new java.util.TreeMap<>(
                entry(regularised, "fixed-window-dropout").settings());
        java.util.Map<String, String> fixedWindowCosine = new java.util.TreeMap<>(
                entry(cosine, "fixed-window-cosine").settings());
        assertEquals("cosine", fixedWindowCosine.remove("schedule"));
        assertEquals("30", fixedWindowCosine.remove("patience"));
        assertEquals(fixedWindow, fixedWindowCosine, "only the schedule and patience change");
        assertEquals(entry(regularised, "fixed-window-dropout").budgetTokens(),
                entry(cosine, "fixed-window-cosine").budgetTokens());

        java.util.Map<String, String> longer = new java.util.TreeMap<>(entry(cosine, "fixed-window-cosine-8")
                .settings());
        assertEquals("8", longer.remove("order"));
        java.util.Map<String, String> shorter = new java.util.TreeMap<>(entry(cosine, "fixed-window-cosine")
                .settings());
        assertEquals("5", shorter.remove("order"));
        assertEquals(shorter, longer, "only the window's length changes");

        java.util.Map<String, String> rnn = new java.util.TreeMap<>(entry(table, "rnn").settings());
        java.util.Map<String, String> rnnCosine = new java.util.TreeMap<>(entry(cosine, "rnn-cosine").settings());
        assertEquals("cosine", rnnCosine.remove("schedule"));
        assertEquals(rnn, rnnCosine, "only the schedule changes");
        assertEquals(entry(table, "rnn").budgetTokens(), entry(cosine, "rnn-cosine").budgetTokens());
    }

    @Test
    void thePtbDirectConfigAddsOnlyDirectConnectionsAndASmallerBudgetToTheCosineFixedWindowModel() {
        ComparisonConfig table = ComparisonConfigFile.read(Path.of("ptb.yaml"));
        ComparisonConfig cosine = ComparisonConfigFile.read(Path.of("ptb-schedule.yaml"));
        ComparisonConfig direct = ComparisonConfigFile.read(Path.of("ptb-direct.yaml"));
        assertEquals(table.data(), direct.data());
        assertEquals(table.seed(), direct.seed());
        assertEquals(table.protocol(), direct.protocol());
        assertEquals(table.validationTokens(), direct.validationTokens());
        assertEquals(entry(table, "mkn-5"), entry(direct, "mkn-5"));
        java.util.Map<String, String> withDirect = new java.util.TreeMap<>(
                entry(direct, "fixed-window-direct").settings());
        assertEquals("true", withDirect.remove("direct"));
        assertEquals(new java.util.TreeMap<>(entry(cosine, "fixed-window-cosine").settings()), withDirect,
                "only the direct connections change");
        assertEquals(4_000_000L, entry(direct, "fixed-window-direct").budgetTokens());
    }

    @Test
    void thePtbDirectWeightDecayConfigChangesOnlyTheOptimizerOfTheDirectConnectionModel() {
        ComparisonConfig direct = ComparisonConfigFile.read(Path.of("ptb-direct.yaml"));
        ComparisonConfig decay = ComparisonConfigFile.read(Path.of("ptb-direct-wd.yaml"));
        assertEquals(direct.data(), decay.data());
        assertEquals(direct.seed(), decay.seed());
        assertEquals(direct.protocol(), decay.protocol());
        assertEquals(direct.validationTokens(), decay.validationTokens());
        assertEquals(entry(direct, "mkn-5"), entry(decay, "mkn-5"));
        java.util.Map<String, String> withDecay = new java.util.TreeMap<>(
                entry(decay, "fixed-window-direct-wd").settings());
        assertEquals("adamw", withDecay.remove("optimizer"));
        assertEquals("0.1", withDecay.remove("weightDecay"));
        assertEquals(new java.util.TreeMap<>(entry(direct, "fixed-window-direct").settings()), withDecay,
                "only the optimizer and its weight decay change");
        assertEquals(entry(direct, "fixed-window-direct").budgetTokens(),
                entry(decay, "fixed-window-direct-wd").budgetTokens());
    }

    @Test
    void thePtbRnnBudgetConfigChangesOnlyTheRecordedRnnsBudget() {
        ComparisonConfig table = ComparisonConfigFile.read(Path.of("ptb.yaml"));
        ComparisonConfig longer = ComparisonConfigFile.read(Path.of("ptb-rnn-budget.yaml"));
        assertEquals(table.data(), longer.data());
        assertEquals(table.seed(), longer.seed());
        assertEquals(table.protocol(), longer.protocol());
        assertEquals(table.validationTokens(), longer.validationTokens());
        assertEquals(entry(table, "mkn-5"), entry(longer, "mkn-5"));
        assertEquals(entry(table, "rnn").settings(), entry(longer, "rnn-13m").settings());
        assertEquals(10_000_000L, entry(table, "rnn").budgetTokens());
        assertEquals(13_000_000L, entry(longer, "rnn-13m").budgetTokens());
    }

    @Test
    void thePtbRnnWideConfigChangesOnlyTheWidthDropoutAndBudgetOfTheRecordedRnn() {
        ComparisonConfig longer = ComparisonConfigFile.read(Path.of("ptb-rnn-budget.yaml"));
        ComparisonConfig wide = ComparisonConfigFile.read(Path.of("ptb-rnn-wide.yaml"));
        assertEquals(longer.data(), wide.data());
        assertEquals(longer.seed(), wide.seed());
        assertEquals(longer.protocol(), wide.protocol());
        assertEquals(longer.validationTokens(), wide.validationTokens());
        assertEquals(entry(longer, "mkn-5"), entry(wide, "mkn-5"));
        java.util.Map<String, String> widened = new java.util.TreeMap<>(entry(wide, "rnn-512").settings());
        java.util.Map<String, String> recorded = new java.util.TreeMap<>(entry(longer, "rnn-13m").settings());
        assertEquals("512", widened.remove("hidden"));
        assertEquals("256", recorded.remove("hidden"));
        assertEquals("0.4", widened.remove("dropout"));
        assertEquals("0.25", recorded.remove("dropout"));
        assertEquals(recorded, widened, "only the width and the dropout change");
        assertEquals(7_000_000L, entry(wide, "rnn-512").budgetTokens());
    }

    @Test
    void thePtbRnnTiedConfigTiesOnlyTheOutputWeightsOfTheThirteenMillionTokenRnn() {
        ComparisonConfig longer = ComparisonConfigFile.read(Path.of("ptb-rnn-budget.yaml"));
        ComparisonConfig tied = ComparisonConfigFile.read(Path.of("ptb-rnn-tied.yaml"));
        assertEquals(longer.data(), tied.data());
        assertEquals(longer.seed(), tied.seed());
        assertEquals(longer.protocol(), tied.protocol());
        assertEquals(longer.validationTokens(), tied.validationTokens());
        assertEquals(entry(longer, "mkn-5"), entry(tied, "mkn-5"));
        java.util.Map<String, String> withTying = new java.util.TreeMap<>(entry(tied, "rnn-tied").settings());
        assertEquals("true", withTying.remove("tied"));
        assertEquals(new java.util.TreeMap<>(entry(longer, "rnn-13m").settings()), withTying,
                "only the tying changes");
        assertEquals(entry(longer, "rnn-13m").budgetTokens(), entry(tied, "rnn-tied").budgetTokens());
    }

    @Test
    void thePtbDirectWeightDecay3ConfigTriplesOnlyTheWeightDecayOfTheDirectConnectionModel() {
        ComparisonConfig decay = ComparisonConfigFile.read(Path.of("ptb-direct-wd.yaml"));
        ComparisonConfig stronger = ComparisonConfigFile.read(Path.of("ptb-direct-wd3.yaml"));
        assertEquals(decay.data(), stronger.data());
        assertEquals(decay.seed(), stronger.seed());
        assertEquals(decay.protocol(), stronger.protocol());
        assertEquals(decay.validationTokens(), stronger.validationTokens());
        assertEquals(entry(decay, "mkn-5"), entry(stronger, "mkn-5"));
        java.util.Map<String, String> strongerSettings = new java.util.TreeMap<>(
                entry(stronger, "fixed-window-direct-wd3").settings());
        java.util.Map<String, String> recorded = new java.util.TreeMap<>(
                entry(decay, "fixed-window-direct-wd").settings());
        assertEquals("0.3", strongerSettings.remove("weightDecay"));
        assertEquals("0.1", recorded.remove("weightDecay"));
        assertEquals(recorded, strongerSettings, "only the weight decay changes");
        assertEquals(entry(decay, "fixed-window-direct-wd").budgetTokens(),
                entry(stronger, "fixed-window-direct-wd3").budgetTokens());
    }

    @Test
    void thePtbDirectWeightDecayLongConfigChangesOnlyTheBudgetOfTheWeightDecayModel() {
        ComparisonConfig decay = ComparisonConfigFile.read(Path.of("ptb-direct-wd.yaml"));
        ComparisonConfig longer = ComparisonConfigFile.read(Path.of("ptb-direct-wd-long.yaml"));
        assertEquals(decay.data(), longer.data());
        assertEquals(decay.seed(), longer.seed());
        assertEquals(decay.protocol(), longer.protocol());
        assertEquals(decay.validationTokens(), longer.validationTokens());
        assertEquals(entry(decay, "mkn-5"), entry(longer, "mkn-5"));
        assertEquals(entry(decay, "fixed-window-direct-wd").settings(),
                entry(longer, "fixed-window-direct-wd-5m").settings(), "the same model, schedule and optimizer");
        assertEquals(4_000_000L, entry(decay, "fixed-window-direct-wd").budgetTokens());
        assertEquals(5_500_000L, entry(longer, "fixed-window-direct-wd-5m").budgetTokens());
    }

    @Test
    void thePtbDirectWeightDecayThirtyMinuteConfigChangesOnlyTheBudgetOfTheLongRun() {
        ComparisonConfig longer = ComparisonConfigFile.read(Path.of("ptb-direct-wd-long.yaml"));
        ComparisonConfig full = ComparisonConfigFile.read(Path.of("ptb-direct-wd-30min.yaml"));
        assertEquals(longer.data(), full.data());
        assertEquals(longer.seed(), full.seed());
        assertEquals(longer.protocol(), full.protocol());
        assertEquals(longer.validationTokens(), full.validationTokens());
        assertEquals(entry(longer, "mkn-5"), entry(full, "mkn-5"));
        assertEquals(entry(longer, "fixed-window-direct-wd-5m").settings(),
                entry(full, "fixed-window-direct-wd-5.8m").settings(), "the same model, schedule and optimizer");
        assertEquals(5_800_000L, entry(full, "fixed-window-direct-wd-5.8m").budgetTokens());
    }

    private static ComparisonConfig.ModelEntry entry(ComparisonConfig config, String label) {
        return config.models().stream().filter(m -> m.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no model labelled " + label + " in " + config.title()));
    }
}
