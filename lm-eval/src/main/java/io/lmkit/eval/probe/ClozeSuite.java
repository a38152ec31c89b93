package io.lmkit.eval.probe;

import io.lmkit.core.LmkitException;
import io.lmkit.eval.report.JsonOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A suite of cloze probes: the items every model is scored on, in order. The default suite
 * ({@link #defaultSuite()}) has about ten items in each of six categories: trivia, syntax,
 * coreference, sentiment, reasoning and plausibility; users write their own in the text format
 * ({@link ClozeTextFormat}) or in JSON ({@link ClozeJsonFormat}) and load it with {@link #load}.
 *
 * @param name  what the suite is called in reports (the file name unless the file says otherwise)
 * @param items the items, at least one; ids are unique
 */
public record ClozeSuite(String name, List<ClozeItem> items) {

    /** The resource that holds the default suite, in the text format. */
    public static final String DEFAULT_RESOURCE = "default-cloze-suite.txt";

    /** Copies the items and checks that their ids are unique. */
    public ClozeSuite {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new LmkitException("cloze suite '" + name + "' has no items; give it at least one");
        }
        Map<String, ClozeItem> ids = new HashMap<>();
        for (ClozeItem item : items) {
            ClozeItem before = ids.putIfAbsent(item.id(), item);
            if (before != null) {
                throw new LmkitException(item.source() + ": item id '" + item.id() + "' is already used at "
                        + before.source() + "; give every item its own id");
            }
        }
    }

    /** The categories in the order they first appear. */
    public List<String> categories() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        items.forEach(i -> out.add(i.category()));
        return List.copyOf(out);
    }

    /**
     * The suite in the JSON form that {@link #load} reads back to the same items, ids written out.
     */
    public String toJson() {
        return JsonOutput.pretty(new JsonSuite(name, items.stream().map(i -> new JsonItem(i.id(), i.category(),
                i.prompt(), i.answer(), i.distractors())).toList()));
    }

    /** The JSON form, as {@link ClozeJsonFormat} reads it. */
    private record JsonSuite(String name, List<JsonItem> items) {
    }

    private record JsonItem(String id, String category, String prompt, String answer, List<String> distractors) {
    }

    /** The suite shipped with lm-eval, written for models trained on brown-v1. */
    public static ClozeSuite defaultSuite() {
        try (InputStream in = ClozeSuite.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("lm-eval's jar lacks " + DEFAULT_RESOURCE);
            }
            return ClozeTextFormat.read(DEFAULT_RESOURCE,
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default cloze suite", e);
        }
    }

    /**
     * Reads a suite file: JSON when the name ends in {@code .json}, else the text format.
     *
     * @throws ClozeSuiteException naming the file and line of the first problem, and the fix
     */
    public static ClozeSuite load(Path file) {
        String name = file.toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return name.toLowerCase(Locale.ROOT).endsWith(".json")
                    ? ClozeJsonFormat.read(name, in) : ClozeTextFormat.read(name, in);
        } catch (NoSuchFileException e) {
            throw new ClozeSuiteException(name, 0, "the cloze suite file does not exist; check the path", e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ClozeSuiteException(name, 0, "the file is not UTF-8 text; save it as UTF-8", e);
        } catch (IOException e) {
            throw new ClozeSuiteException(name, 0, "cannot read the file: " + e.getMessage(), e);
        }
    }
}
