package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Compares command output with golden files under {@code src/test/resources/golden}. Run the tests
 * with {@code -Dlmkit.updateGoldens=true} to rewrite the files from the current output, then
 * review the diff before committing it.
 */
final class Golden {

    private static final Path SOURCE = Path.of("src/test/resources/golden");

    private Golden() {
    }

    /**
     * The shape of a JSON document, one line per field path and the type of its value
     * ({@code rows[].testPerplexity: number}), each path once, in order of first appearance: what a
     * script reading the document relies on, without the values (timings) that change from run to run.
     */
    static String jsonStructure(String json) {
        try {
            Set<String> lines = new LinkedHashSet<>();
            shape("", new ObjectMapper().readTree(json), lines);
            return String.join("\n", lines) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void shape(String path, JsonNode node, Set<String> lines) {
        if (node.isObject()) {
            lines.add((path.isEmpty() ? "." : path) + ": object");
            node.fields().forEachRemaining(f -> shape(path + "." + f.getKey(), f.getValue(), lines));
        } else if (node.isArray()) {
            lines.add(path + ": array");
            node.forEach(element -> shape(path + "[]", element, lines));
        } else {
            lines.add(path + ": " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * Asserts that {@code actual}, with {@code tempDir} written as {@code <DIR>}, line ends made
     * {@code \n} and wall-clock times as {@code <SECONDS>}, equals the golden file {@code name}.
     */
    static void assertMatches(String name, String actual, Path tempDir) {
        String normalised = actual.replace("\r\n", "\n")
                .replace(tempDir.toString(), "<DIR>")
                .replaceAll(" in [0-9]+\\.[0-9] s;", " in <SECONDS> s;");
        if (Boolean.getBoolean("lmkit.updateGoldens")) {
            try {
                Files.createDirectories(SOURCE);
                Files.writeString(SOURCE.resolve(name), normalised);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "no golden file " + name + "; run with -Dlmkit.updateGoldens=true to create it");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), normalised, "golden file " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
