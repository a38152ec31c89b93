package io.lmkit.eval.compare;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.lmkit.core.LmkitException;
import io.lmkit.eval.report.JsonOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a {@link ComparisonConfig} from a JSON ({@code .json}) or YAML ({@code .yaml}, {@code .yml})
 * file, and writes one as YAML for the report's provenance. Unknown keys are errors that name the
 * key, the file, the line and the valid keys, so a typo never falls back to a default silently.
 */
public final class ComparisonConfigFile {

    private ComparisonConfigFile() {
    }

    /** Whether {@code file}'s name says it is a JSON or YAML config. */
    public static boolean isConfigFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /**
     * Reads and validates {@code file}.
     *
     * @throws LmkitException naming the file, the line and the problem (an unknown key with the
     *                        valid keys, a value of the wrong type, a rejected value)
     */
    public static ComparisonConfig read(Path file) {
        ObjectMapper mapper = isJson(file) ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        try {
            ComparisonConfig config = mapper.readValue(file.toFile(), ComparisonConfig.class);
            if (config == null) {
                throw new LmkitException("comparison config " + file + " is empty; see the README's compare section"
                        + " for an example");
            }
            return config;
        } catch (UnrecognizedPropertyException e) {
            String valid = e.getKnownPropertyIds() == null ? "none"
                    : e.getKnownPropertyIds().stream().map(Object::toString)
                    .collect(Collectors.toCollection(TreeSet::new)).toString();
            throw new LmkitException("unknown key '" + e.getPropertyName() + "' in comparison config " + file
                    + lineOf(file, e.getPropertyName()) + inside(e) + "; valid keys there: " + valid, e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new LmkitException("invalid comparison config " + file + where(e.getLocation()) + ": "
                    + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new LmkitException("cannot read comparison config " + file + where(e.getLocation()) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new LmkitException("cannot read comparison config " + file + ": " + e.getMessage(), e);
        }
    }

    /** The config as YAML, every default written out, as recorded in a report's provenance. */
    public static String toYaml(ComparisonConfig config) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                .registerModule(JsonOutput.readableNumbers()); // budgetMinutes: 2.4, not 2.4000000000000004
        try {
            return mapper.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a comparison config could not be written as YAML", e);
        }
    }

    private static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
    }

    /**
     * The line where {@code key} is written. Jackson reports where the parser stopped, which for a key
     * with a nested value is past it, so the file is searched for the first line that sets the key.
     */
    private static String lineOf(Path file, String key) {
        java.util.regex.Pattern setting = java.util.regex.Pattern.compile("(^|[\\s{,\\-])\"?"
                + java.util.regex.Pattern.quote(key) + "\"?\\s*:");
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (setting.matcher(lines.get(i)).find()) {
                    return " (line " + (i + 1) + ")";
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    private static String inside(UnrecognizedPropertyException e) {
        String path = e.getPath().stream().limit(Math.max(0, e.getPath().size() - 1))
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? " at the top level" : " under " + path.replace(".[", "[");
    }
}
