package io.lmkit.eval.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One cloze probe: a sentence with one blank, the right filler and wrong ones. A model passes the
 * item when the sentence with the right filler is more probable than with any wrong one.
 *
 * @param id          a short name for reports, unique in its suite, e.g. {@code trivia-3}
 * @param category    what the item tests, e.g. {@code syntax}
 * @param prompt      the sentence as space-separated words with exactly one {@link #BLANK}
 * @param answer      the right filler: one or more space-separated words
 * @param distractors the wrong fillers (at least one), each one or more words
 * @param source      where the item was read, {@code file:line}, for messages
 */
public record ClozeItem(String id, String category, String prompt, String answer, List<String> distractors,
                        String source) {

    /** The blank in a prompt: three underscores, written as a word of its own. */
    public static final String BLANK = "___";

    /** Copies the distractors and checks the item is well formed (parsers give friendlier messages first). */
    public ClozeItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(source, "source");
        distractors = List.copyOf(distractors);
        if (words(prompt).stream().filter(BLANK::equals).count() != 1) {
            throw new IllegalArgumentException(source + ": the prompt '" + prompt + "' must contain the blank "
                    + BLANK + " exactly once, as a word of its own");
        }
        if (distractors.isEmpty()) {
            throw new IllegalArgumentException(source + ": item '" + prompt + "' has no distractor");
        }
    }

    /** The right filler first, then the distractors in the order given. */
    public List<String> candidates() {
        List<String> all = new ArrayList<>(distractors.size() + 1);
        all.add(answer);
        all.addAll(distractors);
        return all;
    }

    /** The words of the sentence with {@code candidate} in the blank. */
    public List<String> filled(String candidate) {
        List<String> out = new ArrayList<>();
        for (String w : words(prompt)) {
            if (w.equals(BLANK)) {
                out.addAll(words(candidate));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** The whitespace-separated words of a text. */
    static List<String> words(String text) {
        String t = text.strip();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }
}
