package io.lmkit.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.eval.probe.LongRangeConfig;
import io.lmkit.eval.probe.LongRangeCorpus;
import io.lmkit.eval.probe.LongRangeCurve;
import io.lmkit.eval.probe.LongRangeFamily;
import io.lmkit.eval.probe.LongRangePoint;
import io.lmkit.eval.probe.LongRangeProbe;
import io.lmkit.eval.probe.LongRangeReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The long-range probe on a real n-gram model, where the answer follows from the model's order:
 * a trigram's context is the two previous words. At d = 1 that is (&lt;s&gt;, key) and at d = 2
 * (key, filler), both always followed by the key's value in training, so the model is right.
 * From d = 3 on the context is two fillers, drawn independently of the key, so whatever the model
 * predicts cannot depend on the key: its expected accuracy is exactly 1 / keys.
 */
class LongRangeNgramTest {

    @Test
    void aTrigramIsRightUpToDistanceTwoAndAtChanceBeyond() {
        LongRangeConfig config = new LongRangeConfig(4, 3, 1, 8, 300, 200, 11);
        LongRangeCorpus data = LongRangeCorpus.generate(config);
        PluginRegistry<ModelProvider<?>> registry = new PluginRegistry<>("model", "",
                List.of(new io.lmkit.ngram.plugin.ModifiedKneserNeyProvider()));
        LongRangeReport report = new LongRangeProbe().trainAndMeasure(registry,
                List.of(new LongRangeFamily("mkn-3", "modified-kneser-ney", Map.of("order", "3"))), data, 1,
                line -> { });
        LongRangeCurve curve = report.curves().get(0);
        List<LongRangePoint> points = curve.points();
        assertEquals(1.0, points.get(0).accuracy(), 1e-12);
        assertEquals(1.0, points.get(1).accuracy(), 1e-12);
        assertEquals(2, curve.reach(0.9));
        // 200 test sentences a distance: one standard deviation of the accuracy at chance is 0.031.
        for (LongRangePoint p : points.subList(2, points.size())) {
            assertTrue(Math.abs(p.accuracy() - 0.25) < 0.12, "accuracy at d = " + p.distance() + ": " + p.accuracy());
            assertTrue(p.valueLogLoss() > Math.log(4) - 0.1, "value log-loss at d = " + p.distance());
        }
        assertEquals(0.25, curve.meanAccuracy(3, 8), 0.05);
        assertTrue(points.get(0).valueLogLoss() < 0.1, "value log-loss at d = 1: " + points.get(0).valueLogLoss());
    }
}
