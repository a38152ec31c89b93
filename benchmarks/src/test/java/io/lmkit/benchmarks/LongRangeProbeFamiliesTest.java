package io.lmkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.eval.probe.LongRangeConfig;
import io.lmkit.eval.probe.LongRangeCurve;
import io.lmkit.eval.probe.LongRangeFamily;
import io.lmkit.eval.probe.LongRangePoint;
import io.lmkit.eval.probe.LongRangeReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;

/** Which families the long-range probe runs, their work budgets, and the transformer's context on its plot. */
class LongRangeProbeFamiliesTest {

    private static List<String> labels(List<LongRangeFamily> families) {
        return families.stream().map(LongRangeFamily::label).toList();
    }

    @Test
    void byDefaultTodaysFiveRunAndTheTransformerJoinsWhenItsPluginIsThere() {
        List<LongRangeFamily> without = LongRangeProbe.families(Map.of(), 64, "1", false);
        assertEquals(List.of("mkn-3", "mkn-5", "fixed-window", "rnn", "lstm"), labels(without));
        List<LongRangeFamily> with = LongRangeProbe.families(Map.of(), 64, "1", true);
        assertEquals(List.of("mkn-3", "mkn-5", "fixed-window", "rnn", "lstm", "transformer"), labels(with));
        assertEquals(without, with.subList(0, 5), "the transformer changes nothing for the others");
        LongRangeFamily t = with.get(5);
        assertEquals("transformer", t.plugin());
        assertEquals(OptionalInt.of(32), t.context());
        assertEquals("32", t.settings().get("context"));
    }

    @Test
    void eachNeuralFamilyTrainsForItsWorkBudgetInTokensAndNoClock() {
        Map<String, String> budgets = new LinkedHashMap<>();
        for (LongRangeFamily f : LongRangeProbe.families(Map.of(), 64, "1", true)) {
            assertFalse(f.settings().containsKey("maxMinutes"), f.label() + " has no wall-clock budget");
            budgets.put(f.label(), f.settings().get("maxTokens"));
            if (f.settings().containsKey("maxTokens")) {
                // Nothing but the budget stops training: epochs and patience far beyond it, a constant rate.
                assertEquals("1000", f.settings().get("epochs"));
                assertEquals("1000", f.settings().get("patience"));
                assertEquals("constant", f.settings().get("schedule"));
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("mkn-3", null);
        expected.put("mkn-5", null);
        expected.put("fixed-window", "70000000");
        expected.put("rnn", "100000000");
        expected.put("lstm", "30000000");
        expected.put("transformer", "6000000");
        assertEquals(expected, budgets);
    }

    @Test
    void aFamilysBudgetCanBeOverriddenByItsOwnKey() {
        List<LongRangeFamily> f = LongRangeProbe.families(LongRangeProbe.arguments(new String[] {
            "families=rnn,lstm,transformer", "lstmTokens=2_000_000", "transformerTokens=50000"}), 64, "1", true);
        assertEquals(List.of("100000000", "2000000", "50000"),
                f.stream().map(x -> x.settings().get("maxTokens")).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LongRangeProbe.families(Map.of("rnnTokens", "0"), 64, "1", false));
        assertEquals("rnnTokens=0 is not a positive whole number of training tokens; give e.g."
                + " rnnTokens=100000000 (the default)", e.getMessage());
    }

    @Test
    void theOldWallClockKeysFailNamingTheWorkBudgetKeys() {
        String expected = "the long-range probe no longer trains on a wall-clock budget (its accuracies depended on"
                + " how busy the machine was); give work budgets in training tokens instead: fixedWindowTokens=70000000,"
                + " rnnTokens=100000000, lstmTokens=30000000, transformerTokens=6000000";
        assertEquals("argument 'minutes=6.5': " + expected, assertThrows(IllegalArgumentException.class,
                () -> LongRangeProbe.arguments(new String[] {"minutes=6.5"})).getMessage());
        assertEquals("argument 'transformerMinutes=2.6': " + expected, assertThrows(IllegalArgumentException.class,
                () -> LongRangeProbe.arguments(new String[] {"out=x", "transformerMinutes=2.6"})).getMessage());
    }

    @Test
    void familiesChoosesWhichRunInReportOrderAndTheContextCanBeSet() {
        List<LongRangeFamily> f = LongRangeProbe.families(Map.of("families", "transformer,rnn",
                "transformerContext", "16"), 64, "1", true);
        assertEquals(List.of("rnn", "transformer"), labels(f));
        assertEquals(OptionalInt.of(16), f.get(1).context());
    }

    @Test
    void askingForTheTransformerWithoutItsPluginFailsBeforeAnythingTrains() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LongRangeProbe.families(Map.of("families", "lstm,transformer"), 64, "1", false));
        assertEquals("families=lstm,transformer asks for the transformer, but no model plugin 'transformer' is on"
                + " the classpath; add lm-transformer to the benchmarks module's dependencies and rebuild, or leave"
                + " transformer out of families=", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LongRangeProbe.families(
                Map.of("families", "gpt"), 64, "1", true)).getMessage().contains("'gpt' is not one of"));
    }

    @Test
    void thePlotMarksTheTransformersContext() {
        List<LongRangePoint> points = IntStream.rangeClosed(1, 4)
                .mapToObj(d -> new LongRangePoint(d, 1, d <= 2 ? 1 : 0.25, 0, 0)).toList();
        LongRangeReport report = new LongRangeReport(new LongRangeConfig(4, 3, 1, 4, 1, 1, 1), List.of(
                new LongRangeCurve("lstm", "", points), new LongRangeCurve("transformer", "", points,
                        OptionalInt.of(2))));
        JFreeChart chart = LongRangeProbe.chart(report);
        @SuppressWarnings("unchecked")
        java.util.Collection<Marker> markers = chart.getXYPlot().getDomainMarkers(Layer.FOREGROUND);
        assertEquals(1, markers.size());
        ValueMarker m = (ValueMarker) markers.iterator().next();
        assertEquals(1.5, m.getValue(), "between d = 1, whose key the window of 2 holds with <s>, and d = 2");
        assertEquals("transformer context (2): beyond it, chance", m.getLabel());
    }
}
