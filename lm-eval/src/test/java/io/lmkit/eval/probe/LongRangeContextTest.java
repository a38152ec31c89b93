package io.lmkit.eval.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.reference.UniformModel;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A model with a fixed context window (a Transformer's) in the long-range probe: the distances beyond
 * it, where the key is out of sight, are marked in the report; the other families' report is as before.
 */
class LongRangeContextTest {

    private static final LongRangeConfig FOUR = new LongRangeConfig(4, 3, 1, 4, 1, 1, 1);

    private static List<LongRangePoint> accuracies(double... a) {
        return java.util.stream.IntStream.range(0, a.length)
                .mapToObj(i -> new LongRangePoint(i + 1, 1, a[i], 0.5, 1.5)).toList();
    }

    private static final LongRangeCurve LSTM = new LongRangeCurve("lstm", "rnn", accuracies(1, 1, 1, 1));
    private static final LongRangeCurve TRANSFORMER = new LongRangeCurve("transformer", "t",
            accuracies(1, 1, 0.25, 0.25), OptionalInt.of(3));

    @Test
    void aWindowOfCPositionsWithItsSentenceStartHoldsTheKeyUpToDistanceCMinusOne() {
        assertFalse(TRANSFORMER.beyondContext(2), "<s>, the key and one filler: 3 positions");
        assertTrue(TRANSFORMER.beyondContext(3));
        assertFalse(LSTM.beyondContext(50));
    }

    @Test
    void theReportMarksTheDistancesBeyondTheContextAndSaysChanceIsExpectedThere() {
        String md = new LongRangeReport(FOUR, List.of(LSTM, TRANSFORMER)).toMarkdown();
        assertTrue(md.contains("Beyond the model's context: transformer's window holds 3 positions, <s> included, so at"
                + " d ≥ 3 the key is beyond the model's context. There the model cannot see the key and its accuracy is"
                + " expected to be chance (25%); those cells say (beyond context)."), md);
        assertTrue(md.contains("| 2 | 100 | 100 |\n| 3 | 100 | 25 (beyond context) |\n"), md);
        assertTrue(md.contains("| 4 | 0.50 | 0.50 (beyond context) |"), md);
    }

    @Test
    void withoutAWindowTheReportAndJsonReadAsBefore() {
        LongRangeReport report = new LongRangeReport(FOUR, List.of(LSTM));
        assertFalse(report.toMarkdown().contains("context"), report.toMarkdown());
        assertFalse(report.toJson().contains("context"), report.toJson());
        String both = new LongRangeReport(FOUR, List.of(LSTM, TRANSFORMER)).toJson();
        assertEquals(1, both.split("\"context\" : 3", -1).length - 1, both);
    }

    @Test
    void theFamilysContextReachesTheCurve() {
        LongRangeCorpus data = LongRangeCorpus.generate(FOUR);
        LongRangeCurve c = new LongRangeProbe().measure("t", "", new UniformModel(data.vocabulary()), data,
                OptionalInt.of(3));
        assertEquals(OptionalInt.of(3), c.context());
        assertEquals(OptionalInt.empty(), new LongRangeFamily("rnn", "rnn", Map.of()).context());
        assertThrows(IllegalArgumentException.class,
                () -> new LongRangeFamily("t", "transformer", Map.of(), OptionalInt.of(1)));
    }
}
