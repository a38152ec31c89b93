package io.lmkit.core.corpus;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Counts how often each word occurs in a text, streaming it; the input to a vocabulary. */
public final class WordCounts {

    private WordCounts() {
    }

    /** The count of every word of {@code file} as {@code reader} splits it. */
    public static Map<String, Long> of(Path file, SentenceReader reader) {
        Map<String, Long> counts = new HashMap<>();
        reader.read(file, (words, line) -> {
            for (String w : words) {
                counts.merge(w, 1L, Long::sum);
            }
        });
        return counts;
    }
}
