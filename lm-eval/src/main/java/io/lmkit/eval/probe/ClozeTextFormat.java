package io.lmkit.eval.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the text format of cloze suites (format 1), the one the default suite is written in:
 *
 * <pre>
 * # a comment; blank lines are ignored
 * [trivia]
 * The capital of France is ___ . =&gt; Paris | London | Rome
 * </pre>
 *
 * <p>{@code [name]} starts a category. An item is one line, {@code PROMPT => ANSWER | DISTRACTOR ...}:
 * the prompt has exactly one blank {@code ___}, the first candidate after {@code =>} is the right
 * one and at least one distractor follows. Words are separated by spaces and written as the
 * model's training text has them (for brown-v1: case kept, punctuation as separate tokens).
 * Items are named {@code category-N}, N counting from 1 within the category.
 */
final class ClozeTextFormat {

    static final String ARROW = "=>";

    private ClozeTextFormat() {
    }

    /**
     * Parses a suite.
     *
     * @param file names the input in messages and in each item's source
     * @throws ClozeSuiteException naming the file, the line and the fix for the first problem
     */
    static ClozeSuite read(String file, BufferedReader in) throws IOException {
        List<ClozeItem> items = new ArrayList<>();
        Map<String, Integer> perCategory = new LinkedHashMap<>();
        String category = null;
        String text;
        int line = 0;
        while ((text = in.readLine()) != null) {
            line++;
            String t = text.strip();
            if (line == 1 && t.startsWith("\uFEFF")) {
                t = t.substring(1).strip();
            }
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("[")) {
                if (!t.endsWith("]")) {
                    throw new ClozeSuiteException(file, line, "'" + t + "' is not a category header; write it as"
                            + " [name], e.g. [trivia]");
                }
                category = ClozeItemRules.category(file, line, t.substring(1, t.length() - 1));
                continue;
            }
            if (category == null) {
                throw new ClozeSuiteException(file, line, "this item comes before any category header; add a line"
                        + " such as [trivia] above it");
            }
            int arrow = t.indexOf(ARROW);
            if (arrow < 0) {
                throw new ClozeSuiteException(file, line, "'" + t + "' has no '" + ARROW + "'; an item is written"
                        + " PROMPT " + ARROW + " ANSWER | DISTRACTOR | DISTRACTOR");
            }
            if (t.indexOf(ARROW, arrow + ARROW.length()) >= 0) {
                throw new ClozeSuiteException(file, line, "'" + t + "' has more than one '" + ARROW + "'; an item is"
                        + " one line, PROMPT " + ARROW + " ANSWER | DISTRACTOR | DISTRACTOR");
            }
            List<String> candidates = Arrays.asList(t.substring(arrow + ARROW.length()).split("\\|", -1));
            int n = perCategory.merge(category, 1, Integer::sum);
            items.add(ClozeItemRules.item(file, line, category + "-" + n, category, t.substring(0, arrow),
                    candidates.get(0), candidates.subList(1, candidates.size())));
        }
        if (items.isEmpty()) {
            throw new ClozeSuiteException(file, 0, "the suite has no items; write at least one line"
                    + " PROMPT " + ARROW + " ANSWER | DISTRACTOR under a [category] header");
        }
        return new ClozeSuite(file, items);
    }
}
