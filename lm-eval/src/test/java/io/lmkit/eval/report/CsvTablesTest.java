package io.lmkit.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV written and read back through {@link CsvTables}: quoting, numbers and a round trip of awkward labels. */
class CsvTablesTest {

    private static final String AWKWARD = "lstm, \"big\"\nsecond line";

    @Test
    void aFieldWithACommaAQuoteAndANewlineRoundTrips() throws IOException {
        String csv = CsvTables.write(List.of("label", "perplexity"), List.of(List.of(AWKWARD, 12.5), List.of("plain", 3.0)),
                CsvTables.Quoting.AS_NEEDED);
        assertEquals("label,perplexity\n\"lstm, \"\"big\"\"\nsecond line\",12.5\nplain,3.0\n", csv);
        assertEquals(List.of(List.of("label", "perplexity"), List.of(AWKWARD, "12.5"), List.of("plain", "3.0")),
                CsvTables.read(new StringReader(csv)));
    }

    @Test
    void quotingStringsQuotesEveryStringButNotNumbersOrTheHeader() throws IOException {
        String csv = CsvTables.write(List.of("label", "size", "scoring_tokens_per_second"),
                List.of(List.of("mkn-3", 300_000L, Double.NaN), List.of(AWKWARD, -1L, 150_000.0)),
                CsvTables.Quoting.STRINGS);
        assertEquals("label,size,scoring_tokens_per_second\n\"mkn-3\",300000,NaN\n"
                + "\"lstm, \"\"big\"\"\nsecond line\",-1,150000.0\n", csv);
        assertEquals(AWKWARD, CsvTables.read(new StringReader(csv)).get(2).get(0));
    }

    @Test
    void aLongFieldIsNotQuotedWithoutNeed() {
        String label = "a-label-longer-than-twenty-four-characters";
        assertEquals("model\n" + label + "\n", CsvTables.write(List.of("model"), List.of(List.of(label)),
                CsvTables.Quoting.AS_NEEDED));
    }

    @Test
    void anUnclosedQuoteIsAnErrorNotARowThatSwallowsTheFile() {
        IOException e = assertThrows(IOException.class,
                () -> CsvTables.read(new StringReader("label,perplexity\n\"lstm,12.5\nplain,3.0\n")));
        assertTrue(e.getMessage().startsWith("Missing closing quote for value") && e.getMessage().contains("(line "),
                e.getMessage());
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsAProgrammingError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvTables.write(List.of("a", "b"), List.of(List.of("only one")), CsvTables.Quoting.AS_NEEDED));
        assertEquals("a CSV row has 1 fields for the 2 columns [a, b]: [only one]", e.getMessage());
    }
}
