package io.lmkit.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads the recorded outputs a table is made from: CSV with a header line (Jackson's CSV format), JSON, text. */
final class RecordedFiles {

    private static final CsvMapper CSV = new CsvMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedFiles() {
    }

    /** The rows of a CSV file, each a map from column name to field. */
    static List<Map<String, String>> csvRows(Path file) {
        requireFile(file);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class).with(schema)
                .readValues(file.toFile())) {
            return rows.readAll();
        } catch (IOException | RuntimeException e) {
            throw new TableSourceException(file + ": not a CSV file with a header line (" + e.getMessage() + ")");
        }
    }

    static JsonNode json(Path file) {
        requireFile(file);
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new TableSourceException(file + ": not JSON (" + e.getMessage() + ")");
        }
    }

    static List<String> lines(Path file) {
        requireFile(file);
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TableSourceException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A column of a CSV row, or an error naming the file and the column. */
    static String field(Map<String, String> row, String column, Path file) {
        String value = row.get(column);
        if (value == null) {
            throw new TableSourceException(file + ": no column '" + column + "'; re-run the benchmark that wrote it");
        }
        return value;
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TableSourceException(file + ": no such recorded output; run the benchmark that writes it"
                    + " (benchmarks/run.sh NAME) or fix the path in the table's comment");
        }
    }
}
