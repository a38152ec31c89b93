package io.lmkit.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV files lmkit writes and reads (RFC 4180, through Jackson's CSV format): a header line of
 * column names, then one line per row, {@code \n} line ends. A field with a comma, a quote or a line
 * end is quoted, with quotes doubled, so any label survives a round trip.
 */
public final class CsvTables {

    /** Strict quoting: without it Jackson quotes every string over 24 characters, needed or not. */
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    /** How string fields are quoted. */
    public enum Quoting {
        /** Only where the field needs it (a comma, a quote, a line end). */
        AS_NEEDED,
        /** Every string field, so a script can tell a label "1" from the number 1; numbers are not quoted. */
        STRINGS
    }

    private CsvTables() {
    }

    /**
     * A table as CSV text.
     *
     * @param header  the column names, written unquoted on the first line
     * @param rows    the rows, each with one value per column: strings, numbers (written as
     *                {@link Double#toString} and {@link Long#toString} write them) or booleans
     * @param quoting which string fields are quoted
     * @return the CSV text, ending with a line end
     */
    public static String write(List<String> header, List<? extends List<?>> rows, Quoting quoting) {
        for (List<?> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("a CSV row has " + row.size() + " fields for the " + header.size()
                        + " columns " + header + ": " + row);
            }
        }
        ObjectWriter body = MAPPER.writer(CsvSchema.emptySchema());
        if (quoting == Quoting.STRINGS) {
            body = body.with(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
        }
        try {
            return MAPPER.writer(CsvSchema.emptySchema()).writeValueAsString(List.of(header))
                    + (rows.isEmpty() ? "" : body.writeValueAsString(rows));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a CSV table with columns " + header + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a CSV table: the header line, then every row as its fields.
     *
     * @param in the CSV text (read to its end and closed)
     * @return the rows, the header first
     * @throws IOException when the text cannot be read or is not CSV (an unclosed quote), with
     *                     the line in the message
     */
    public static List<List<String>> read(Reader in) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = MAPPER.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(in)) {
            while (it.hasNextValue()) {
                rows.add(List.copyOf(it.nextValue()));
            }
        } catch (JsonProcessingException e) {
            // Jackson's own message ends in a source description that means nothing to a user; the line does.
            throw new IOException(e.getOriginalMessage() + " (line " + (e.getLocation() == null ? "?"
                    : e.getLocation().getLineNr()) + ")", e);
        }
        return rows;
    }
}
