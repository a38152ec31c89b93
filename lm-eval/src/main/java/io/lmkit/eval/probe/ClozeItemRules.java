package io.lmkit.eval.probe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules an item of a suite file must follow, shared by the text and the JSON reader so both
 * formats give the same message, naming the file and line, for the same mistake.
 */
final class ClozeItemRules {

    private static final Pattern CATEGORY = Pattern.compile("[A-Za-z0-9_-]+");

    private ClozeItemRules() {
    }

    /** Checks a category name, as written in a header or a JSON item. */
    static String category(String file, int line, String name) {
        if (name == null || name.isBlank()) {
            throw new ClozeSuiteException(file, line, "the item has no category; give it one, e.g. \"trivia\"");
        }
        if (!CATEGORY.matcher(name.strip()).matches()) {
            throw new ClozeSuiteException(file, line, "category '" + name + "' may use only letters, digits, '-' and"
                    + " '_'; rename it, e.g. [simple-reasoning]");
        }
        return name.strip();
    }

    /**
     * Builds an item after checking its prompt and candidates.
     *
     * @throws ClozeSuiteException naming the file, the line, the bad part and the fix
     */
    static ClozeItem item(String file, int line, String id, String category, String prompt, String answer,
                          List<String> distractors) {
        String where = file + ":" + line;
        if (prompt == null || prompt.isBlank()) {
            throw new ClozeSuiteException(file, line, "the item has no prompt; write the sentence with the blank "
                    + ClozeItem.BLANK + " where the candidates go");
        }
        long blanks = ClozeItem.words(prompt).stream().filter(ClozeItem.BLANK::equals).count();
        if (blanks == 0) {
            throw new ClozeSuiteException(file, line, "the prompt '" + prompt.strip() + "' has no blank; write "
                    + ClozeItem.BLANK + " (three underscores, with a space on each side) where the candidates go");
        }
        if (blanks > 1) {
            throw new ClozeSuiteException(file, line, "the prompt '" + prompt.strip() + "' has " + blanks
                    + " blanks; an item has exactly one " + ClozeItem.BLANK + " (split it into several items)");
        }
        String right = candidate(file, line, "the answer", answer);
        if (distractors == null || distractors.isEmpty()) {
            throw new ClozeSuiteException(file, line, "the item has an answer but no distractor; add wrong"
                    + " fillers after the answer: PROMPT => ANSWER | DISTRACTOR | DISTRACTOR");
        }
        List<String> wrong = new ArrayList<>();
        Set<String> seen = new HashSet<>(List.of(right));
        for (int i = 0; i < distractors.size(); i++) {
            String d = candidate(file, line, "distractor " + (i + 1), distractors.get(i));
            if (!seen.add(d)) {
                throw new ClozeSuiteException(file, line, "the candidate '" + d + "' is given twice"
                        + (d.equals(right) ? " (as the answer and as a distractor)" : "") + "; every candidate"
                        + " must differ");
            }
            wrong.add(d);
        }
        return new ClozeItem(id, category, normalise(prompt), right, wrong, where);
    }

    private static String candidate(String file, int line, String what, String text) {
        if (text == null || text.isBlank()) {
            throw new ClozeSuiteException(file, line, what + " is empty; write one or more words (two '|' with"
                    + " nothing between them leave an empty candidate)");
        }
        if (text.contains(ClozeItem.BLANK)) {
            throw new ClozeSuiteException(file, line, what + " '" + text.strip() + "' contains the blank "
                    + ClozeItem.BLANK + "; the blank belongs in the prompt, before '=>'");
        }
        return normalise(text);
    }

    /** Words joined by single spaces, so that equal candidates compare equal. */
    private static String normalise(String text) {
        return String.join(" ", ClozeItem.words(text));
    }
}
