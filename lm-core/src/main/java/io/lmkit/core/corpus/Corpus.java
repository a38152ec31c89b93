package io.lmkit.core.corpus;

import io.lmkit.core.LmkitException;
import io.lmkit.core.vocab.Vocabulary;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A tokenized corpus in compact form: the word ids of every sentence in one {@code int[]}, and
 * the offsets where sentences start. Immutable and safe to share between threads.
 *
 * <p>Sentence boundaries are not stored as symbols: {@code <s>} and {@code </s>} are implied
 * around every sentence. The tokens a model predicts over a corpus are its words plus one
 * {@code </s>} per sentence ({@link #tokenCount()}).
 */
public final class Corpus {

    private final Vocabulary vocabulary;
    private final int[] ids;
    private final int[] starts;
    private final long unknownWords;

    Corpus(Vocabulary vocabulary, int[] ids, int[] starts, long unknownWords) {
        this.vocabulary = vocabulary;
        this.ids = ids;
        this.starts = starts;
        this.unknownWords = unknownWords;
    }

    /**
     * Reads and encodes a whole file with {@code reader}; words outside the vocabulary become {@code <unk>}. The
     * reader runs on a thread of its own, the encoding on the caller's, so that each has a core; {@code reader}
     * must not need the caller's thread (the sentences come to the corpus in file order all the same).
     */
    public static Corpus read(Path file, SentenceReader reader, Vocabulary vocabulary) {
        CorpusBuilder builder = new CorpusBuilder(vocabulary, file.toString());
        BackgroundSentences.read(file, reader, builder::add);
        return builder.build();
    }

    /**
     * Reads a training text once into a corpus and the vocabulary of its own word counts: the same corpus, id
     * for id, as {@link #read} with {@code Vocabulary.fromCounts(WordCounts.of(file, reader), minCount,
     * maxVocabulary)}, which reads the file twice.
     *
     * @throws io.lmkit.core.LmkitException as {@link #read}, and for a minimum count below 1 or a negative
     *                                      maximum, as {@link Vocabulary#fromCounts}
     */
    public static Corpus readWithOwnVocabulary(Path file, SentenceReader reader, long minCount, int maxVocabulary) {
        return OwnVocabularyReader.read(file, reader, minCount, maxVocabulary);
    }

    /**
     * A corpus of sentences its reader encoded itself (as lmkit's byte-level readers do): {@code ids} holds every
     * sentence's word ids one after another, sentence {@code s} from {@code starts[s]} to {@code starts[s + 1]},
     * so {@code starts} has one entry more than there are sentences, the first 0 and the last {@code ids.length}.
     * The arrays are copied.
     *
     * @param unknownWords how many of the source's words were outside the vocabulary (a written {@code <unk>}
     *                     is not one)
     * @throws IllegalArgumentException for an id outside the vocabulary, {@code <s>} or {@code </s>} among the
     *                                  words, an empty sentence, or starts that do not cover {@code ids}
     */
    public static Corpus ofIds(Vocabulary vocabulary, int[] ids, int[] starts, long unknownWords) {
        if (starts.length == 0 || starts[0] != 0 || starts[starts.length - 1] != ids.length || unknownWords < 0) {
            throw new IllegalArgumentException("sentence starts must run from 0 to the " + ids.length + " ids, got "
                    + starts.length + " starts; and unknownWords must be at least 0, got " + unknownWords);
        }
        for (int s = 0; s + 1 < starts.length; s++) {
            if (starts[s + 1] <= starts[s]) {
                throw new IllegalArgumentException("sentence " + s + " is empty or its start goes back: starts "
                        + starts[s] + " then " + starts[s + 1]);
            }
        }
        int size = vocabulary.size();
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= size || id == vocabulary.bos() || id == vocabulary.eos()) {
                throw new IllegalArgumentException("id " + id + " at position " + i + " is not a word of the vocabulary"
                        + " of " + size + " (sentence boundaries are implicit)");
            }
        }
        return new Corpus(vocabulary, ids.clone(), starts.clone(), unknownWords);
    }

    /** Encodes sentences given as lists of words; for tests and small in-memory corpora. */
    public static Corpus of(Vocabulary vocabulary, List<List<String>> sentences) {
        CorpusBuilder builder = new CorpusBuilder(vocabulary, "in-memory corpus");
        long line = 0;
        for (List<String> s : sentences) {
            builder.add(s, ++line);
        }
        return builder.build();
    }

    /** The vocabulary the ids refer to. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The number of sentences. */
    public int sentenceCount() {
        return starts.length - 1;
    }

    /** The number of words, without sentence boundaries. */
    public long wordCount() {
        return ids.length;
    }

    /** The number of predicted tokens: every word plus one {@code </s>} per sentence. */
    public long tokenCount() {
        return (long) ids.length + sentenceCount();
    }

    /** How many words of the source text were not in the vocabulary and became {@code <unk>}. */
    public long unknownWordCount() {
        return unknownWords;
    }

    /** The number of words of sentence {@code s}. */
    public int sentenceLength(int s) {
        return starts[s + 1] - starts[s];
    }

    /** The position in the id stream of the first word of sentence {@code s}. */
    public int sentenceStart(int s) {
        return starts[s];
    }

    /** The word id at a position of the id stream (0 ≤ position &lt; {@link #wordCount()}). */
    public int wordAt(int position) {
        return ids[position];
    }

    /** A copy of the word ids of sentence {@code s}. */
    public int[] sentence(int s) {
        if (s < 0 || s >= sentenceCount()) {
            throw new IndexOutOfBoundsException("sentence " + s + " of a corpus of " + sentenceCount());
        }
        return Arrays.copyOfRange(ids, starts[s], starts[s + 1]);
    }

    /** A new corpus of the sentences {@code [from, to)}, sharing nothing with this one. */
    public Corpus slice(int from, int to) {
        if (from < 0 || to > sentenceCount() || from > to) {
            throw new IndexOutOfBoundsException("sentences [" + from + ", " + to + ") of " + sentenceCount());
        }
        int[] sliceIds = Arrays.copyOfRange(ids, starts[from], starts[to]);
        int[] sliceStarts = new int[to - from + 1];
        for (int i = 0; i < sliceStarts.length; i++) {
            sliceStarts[i] = starts[from + i] - starts[from];
        }
        return new Corpus(vocabulary, sliceIds, sliceStarts, 0);
    }

    /**
     * A new corpus of every {@code step}-th sentence, from the first: a sample that spans the whole
     * corpus (every genre of a corpus stored genre by genre), sharing nothing with this one.
     *
     * @throws IllegalArgumentException when {@code step} is below 1
     */
    public Corpus everyNth(int step) {
        if (step < 1) {
            throw new IllegalArgumentException("the step must be at least 1, got " + step);
        }
        int count = (sentenceCount() + step - 1) / step;
        int[] sampleStarts = new int[count + 1];
        int size = 0;
        for (int i = 0; i < count; i++) {
            size += sentenceLength(i * step);
            sampleStarts[i + 1] = size;
        }
        int[] sampleIds = new int[size];
        for (int i = 0; i < count; i++) {
            int s = i * step;
            System.arraycopy(ids, starts[s], sampleIds, sampleStarts[i], sentenceLength(s));
        }
        return new Corpus(vocabulary, sampleIds, sampleStarts, 0);
    }

    /**
     * A SHA-256 of the vocabulary and every sentence's ids: the data fingerprint recorded in
     * model files, so a model says exactly which data it was trained on.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(vocabulary.fingerprint().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] buf = new byte[4096];
            int n = 0;
            for (int s = 0; s < sentenceCount(); s++) {
                for (int p = starts[s]; p <= starts[s + 1]; p++) {
                    int id = p < starts[s + 1] ? ids[p] : -1; // -1 marks the sentence end
                    buf[n++] = (byte) (id >>> 24);
                    buf[n++] = (byte) (id >>> 16);
                    buf[n++] = (byte) (id >>> 8);
                    buf[n++] = (byte) id;
                    if (n == buf.length) {
                        sha.update(buf, 0, n);
                        n = 0;
                    }
                }
            }
            sha.update(buf, 0, n);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** Fails unless this corpus has at least one sentence; {@code what} names it for the message. */
    public Corpus requireNonEmpty(String what) {
        if (sentenceCount() == 0) {
            throw new LmkitException(what + " has no sentences (it is empty or only blank lines);"
                    + " give a file with one sentence per line");
        }
        return this;
    }

    @Override
    public String toString() {
        return "Corpus[" + sentenceCount() + " sentences, " + wordCount() + " words]";
    }
}
