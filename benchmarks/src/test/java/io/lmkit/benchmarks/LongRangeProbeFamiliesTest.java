package io.lmkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.eval.probe.LongRangeConfig;
import io.lmkit.eval.probe.LongRangeCurve;
import io.lmkit.eval.probe.LongRangeFamily;
import io.lmkit.eval.probe.LongRangePoint;
import io.lmkit.eval.probe.LongRangeReport;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;

/** Which families the long-range probe runs, and the transformer's context on its plot. */
class LongRangeProbeFamiliesTest {

    private static List<String> labels(List<LongRangeFamily> families) {
        return families.stream().map(LongRangeFamily::label).toList();
    }

    @Test
    void byDefaultTodaysFiveRunAsRecordedAndTheTransformerJoinsWhenItsPluginIsThere() {
        List<LongRangeFamily> without = LongRangeProbe.families(Map.of(), 6.5, 64, "1", false);
        assertEquals(List.of("mkn-3", "mkn-5", "fixed-window", "rnn", "lstm"), labels(without));
        assertEquals("2.60", without.get(3).settings().get("maxMinutes"), "the rnn keeps 0.4 of the budget");
        List<LongRangeFamily> with = LongRangeProbe.families(Map.of(), 6.5, 64, "1", true);
        assertEquals(List.of("mkn-3", "mkn-5", "fixed-window", "rnn", "lstm", "transformer"), labels(with));
        assertEquals(without, with.subList(0, 5), "the recorded families train exactly as before");
        LongRangeFamily t = with.get(5);
        assertEquals("transformer", t.plugin());
        assertEquals(OptionalInt.of(32), t.context());
        assertEquals("32", t.settings().get("context"));
        assertEquals("2.60", t.settings().get("maxMinutes"));
    }

    @Test
    void familiesChoosesWhichRunInReportOrderAndTheContextCanBeSet() {
        List<LongRangeFamily> f = LongRangeProbe.families(Map.of("families", "transformer,rnn",
                "transformerContext", "16"), 6.5, 64, "1", true);
        assertEquals(List.of("rnn", "transformer"), labels(f));
        assertEquals(OptionalInt.of(16), f.get(1).context());
    }

    @Test
    void askingForTheTransformerWithoutItsPluginFailsBeforeAnythingTrains() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LongRangeProbe.families(Map.of("families", "lstm,transformer"), 6.5, 64, "1", false));
        assertEquals("families=lstm,transformer asks for the transformer, but no model plugin 'transformer' is on"
                + " the classpath; add lm-transformer to the benchmarks module's dependencies and rebuild, or leave"
                + " transformer out of families=", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LongRangeProbe.families(
                Map.of("families", "gpt"), 6.5, 64, "1", true)).getMessage().contains("'gpt' is not one of"));
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
