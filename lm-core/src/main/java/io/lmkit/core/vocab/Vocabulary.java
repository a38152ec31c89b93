package io.lmkit.core.vocab;

import io.lmkit.core.LmkitException;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.core.files.InvalidUtf8;
import io.lmkit.core.files.TextLines;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An immutable, closed vocabulary: a dense id for every word a model knows.
 *
 * <p>Ids 0, 1 and 2 are always the reserved symbols {@code <unk>}, {@code <s>} and {@code </s>}.
 * Every other word follows in order of decreasing training count (ties in code-point order), so
 * small ids are frequent words. Lookup is O(1) in both directions; a word the vocabulary does not
 * know maps to {@link #unk()}.
 *
 * <p>{@code <s>} is context only: it is never predicted. The symbols a model predicts are
 * therefore every id except {@link #bos()}; there are {@link #predictedCount()} of them.
 */
public final class Vocabulary {

    /** The unknown word; every out-of-vocabulary word is mapped to it. */
    public static final String UNK = "<unk>";
    /** The beginning-of-sentence symbol: context for the first word, never predicted. */
    public static final String BOS = "<s>";
    /** The end-of-sentence symbol: predicted after the last word of every sentence. */
    public static final String EOS = "</s>";

    private static final List<String> RESERVED = List.of(UNK, BOS, EOS);

    private final String[] words;
    private final Map<String, Integer> ids;

    private Vocabulary(String[] words) {
        this.words = words;
        this.ids = new HashMap<>(words.length * 2);
        for (int i = 0; i < words.length; i++) {
            if (ids.putIfAbsent(words[i], i) != null) {
                throw new LmkitException("vocabulary lists the word '" + words[i] + "' twice (ids "
                        + ids.get(words[i]) + " and " + i + "); every word must appear once");
            }
        }
    }

    /**
     * Builds a vocabulary from word counts.
     *
     * @param counts   how often each word occurs in the training text; the reserved symbols may be
     *                 present and always get their fixed ids whatever their count
     * @param minCount keep only words seen at least this often (1 keeps every word)
     * @param maxSize  keep at most this many words besides the three reserved symbols, the most
     *                 frequent first; {@code Integer.MAX_VALUE} for no limit
     */
    public static Vocabulary fromCounts(Map<String, Long> counts, long minCount, int maxSize) {
        if (minCount < 1) {
            throw new LmkitException("minimum count must be at least 1, got " + minCount);
        }
        if (maxSize < 0) {
            throw new LmkitException("maximum vocabulary size must be 0 or more, got " + maxSize);
        }
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (!RESERVED.contains(e.getKey()) && e.getValue() >= minCount) {
                kept.add(e);
            }
        }
        kept.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        int n = Math.min(kept.size(), maxSize);
        String[] words = new String[RESERVED.size() + n];
        for (int i = 0; i < RESERVED.size(); i++) {
            words[i] = RESERVED.get(i);
        }
        for (int i = 0; i < n; i++) {
            words[RESERVED.size() + i] = kept.get(i).getKey();
        }
        return new Vocabulary(words);
    }

    /**
     * Builds a vocabulary from words in id order; the first three must be {@code <unk>},
     * {@code <s>} and {@code </s>}.
     */
    public static Vocabulary ofWords(List<String> wordsInIdOrder) {
        if (wordsInIdOrder.size() < RESERVED.size()
                || !wordsInIdOrder.subList(0, RESERVED.size()).equals(RESERVED)) {
            throw new LmkitException("a vocabulary must start with " + RESERVED + " as ids 0, 1, 2; got "
                    + wordsInIdOrder.subList(0, Math.min(3, wordsInIdOrder.size())));
        }
        for (String w : wordsInIdOrder) {
            if (w.isEmpty() || hasWhitespace(w)) {
                throw new LmkitException("vocabulary word '" + w + "' is empty or contains whitespace;"
                        + " words are whitespace-free tokens");
            }
        }
        return new Vocabulary(wordsInIdOrder.toArray(new String[0]));
    }

    // A plain loop: a stream per word costs a model's load milliseconds of lambda set-up in a fresh JVM.
    private static boolean hasWhitespace(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (Character.isWhitespace(w.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The id of {@code <unk>} (always 0). */
    public int unk() {
        return 0;
    }

    /** The id of {@code <s>} (always 1). */
    public int bos() {
        return 1;
    }

    /** The id of {@code </s>} (always 2). */
    public int eos() {
        return 2;
    }

    /** The number of ids, the three reserved symbols included. */
    public int size() {
        return words.length;
    }

    /** The number of symbols a model predicts: every id except {@code <s>}. */
    public int predictedCount() {
        return words.length - 1;
    }

    /** The id of a word, or {@link #unk()} when the vocabulary does not know it. */
    public int id(String word) {
        Integer id = ids.get(word);
        return id == null ? unk() : id;
    }

    /** Whether the vocabulary has its own id for this word. */
    public boolean contains(String word) {
        return ids.containsKey(word);
    }

    /** The word with this id. */
    public String word(int id) {
        if (id < 0 || id >= words.length) {
            throw new IndexOutOfBoundsException("word id " + id + " is outside this vocabulary of "
                    + words.length + " ids");
        }
        return words[id];
    }

    /** All words in id order, as an unmodifiable list. */
    public List<String> words() {
        return Collections.unmodifiableList(Arrays.asList(words));
    }

    /** A SHA-256 of the words in id order: two vocabularies with equal fingerprints are equal. */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String w : words) {
                sha.update(w.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** Writes the vocabulary as UTF-8 text, one word a line in id order, atomically. */
    public void save(Path file) {
        AtomicFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (String word : words) {
                w.write(word);
                w.write('\n');
            }
            w.flush();
        });
    }

    /**
     * Reads a vocabulary written by {@link #save(Path)}.
     *
     * @throws LmkitException naming the file and line of a blank line, invalid UTF-8 (with its byte
     *                        offset) or an over-long line, or a missing or unreadable file
     */
    public static Vocabulary load(Path file) {
        List<String> lines = new ArrayList<>();
        TextLines.forEach(file, "vocabulary file", InvalidUtf8.FAIL, (line, lineNo) -> {
            if (line.isBlank()) {
                throw new LmkitException(file + ":" + lineNo + ": blank line in vocabulary file;"
                        + " a vocabulary file has one word a line");
            }
            lines.add(line.strip());
        });
        try {
            return ofWords(lines);
        } catch (LmkitException e) {
            throw new LmkitException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && Arrays.equals(words, v.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "Vocabulary[" + words.length + " ids]";
    }
}
