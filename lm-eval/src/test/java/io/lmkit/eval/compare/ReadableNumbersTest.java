package io.lmkit.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.eval.compare.ComparisonConfig.ModelEntry;
import io.lmkit.eval.report.JsonOutput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Numbers in a report ({@code results.json}, the config in its provenance) print in their shortest form. */
class ReadableNumbersTest {

    @Test
    void floatingPointNoiseIsRoundedAwayBeforePrinting() {
        assertEquals("2.4000000000000004", Double.toString(6 * 0.4), "the noise this is about");
        assertEquals("2.4", Double.toString(JsonOutput.readable(6 * 0.4)));
        assertEquals("0.3", Double.toString(JsonOutput.readable(0.1 + 0.2)));
        assertEquals("170.4321", Double.toString(JsonOutput.readable(170.4321)), "real digits are kept");
        assertEquals("1.0E-7", Double.toString(JsonOutput.readable(1e-7)));
        assertEquals(-12.5, JsonOutput.readable(-12.5));
        assertEquals(0.0, JsonOutput.readable(0.0));
        assertTrue(Double.isNaN(JsonOutput.readable(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, JsonOutput.readable(Double.POSITIVE_INFINITY));
    }

    @Test
    void aScaledBudgetPrintsAsTwoPointFourInTheConfigYaml() {
        // A 6- and a 4-minute model run short at 4 minutes in all: the first gets 6 x 0.4 minutes.
        ComparisonConfig config = ComparisonConfig.of(List.of(new ModelEntry("lstm", null, Map.of(), 6.0),
                new ModelEntry("gru", null, Map.of(), 4.0))).scaledTo(4);
        assertEquals(2.4000000000000004, config.models().get(0).budgetMinutes(), 0.0);
        String yaml = ComparisonConfigFile.toYaml(config);
        assertFalse(yaml.contains("2.4000000000000004"), yaml);
        assertTrue(yaml.contains("budgetMinutes: 2.4\n") && yaml.contains("budgetMinutes: 1.6\n"), yaml);
    }
}
