package io.lmkit.eval.probe;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON form of a cloze suite, the alternative to {@link ClozeTextFormat}:
 *
 * <pre>
 * {"name": "my probes",
 *  "items": [
 *    {"category": "trivia", "prompt": "The capital of France is ___ .",
 *     "answer": "Paris", "distractors": ["London", "Rome"]},
 *    {"id": "fork", "category": "syntax", "prompt": "He bought ___ apple .", "answer": "an", "distractors": ["a"]}
 *  ]}
 * </pre>
 *
 * <p>{@code name} and an item's {@code id} are optional (items default to {@code category-N});
 * any other key is an error, so a typo is never ignored. The items follow the same rules as in
 * the text format, and errors name the line where the item starts.
 */
final class ClozeJsonFormat {

    /** One item as written in JSON; missing keys arrive as null and are reported by the rules. */
    private record JsonItem(String id, String category, String prompt, String answer, List<String> distractors) {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ClozeJsonFormat() {
    }

    /**
     * Parses a suite.
     *
     * @param file names the input in messages and in each item's source
     * @throws ClozeSuiteException naming the file, the line and the fix for the first problem
     */
    static ClozeSuite read(String file, Reader in) throws IOException {
        try (JsonParser p = MAPPER.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ClozeSuiteException(file, line(p), "a JSON suite is an object {\"items\": [...]}");
            }
            String name = file;
            List<ClozeItem> items = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line(p);
                p.nextToken();
                switch (key) {
                    case "name" -> name = p.getValueAsString(file);
                    case "items" -> items = items(file, p);
                    default -> throw new ClozeSuiteException(file, keyLine, "unknown key '" + key + "'; a suite has"
                            + " \"items\" and optionally \"name\"");
                }
            }
            if (items == null || items.isEmpty()) {
                throw new ClozeSuiteException(file, 0, "the suite has no items; give \"items\": [{\"category\": ...,"
                        + " \"prompt\": ..., \"answer\": ..., \"distractors\": [...]}]");
            }
            return new ClozeSuite(name, items);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ClozeSuiteException(file, at == null ? 0 : at.getLineNr(), "not valid for a cloze suite: "
                    + e.getOriginalMessage() + "; see the JSON form in the lm-eval probe documentation", e);
        }
    }

    private static List<ClozeItem> items(String file, JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ClozeSuiteException(file, line(p), "\"items\" must be an array of item objects");
        }
        List<ClozeItem> items = new ArrayList<>();
        Map<String, Integer> perCategory = new LinkedHashMap<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int line = line(p);
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new ClozeSuiteException(file, line, "an entry of \"items\" must be an object with"
                        + " \"category\", \"prompt\", \"answer\" and \"distractors\"");
            }
            JsonItem j = MAPPER.readValue(p, JsonItem.class);
            String category = ClozeItemRules.category(file, line, j.category());
            int n = perCategory.merge(category, 1, Integer::sum);
            String id = j.id() == null || j.id().isBlank() ? category + "-" + n : j.id().strip();
            items.add(ClozeItemRules.item(file, line, id, category, j.prompt(), j.answer(), j.distractors()));
        }
        return items;
    }

    private static int line(JsonParser p) {
        return p.currentLocation().getLineNr();
    }
}
