package io.lmkit.ngram.arpa;

import io.lmkit.core.LmkitException;
import io.lmkit.core.MemoryBudget;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.KenlmWordIds;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.NgramModelBuilder;
import io.lmkit.ngram.NgramOrder;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an ARPA backoff language model (the format of SRILM and KenLM), plain or gzip-compressed
 * (detected from the bytes), streaming it into packed tables without holding its text.
 *
 * <p>The reader is strict: the header's counts must match the sections, every n-gram's words must
 * be unigrams and its context must be an n-gram one order down (listed, or filled in as the end of
 * an n-gram listed before it, as KenLM allows), and {@code \end\} must be there.
 * Every error names the file, the line and the bad text.
 *
 * <p>The semantics are KenLM's: {@code -99} (or less) is log10 0; every backoff weight is kept as
 * written, positive ones included, also on an n-gram that is no context (it applies when that
 * n-gram ends the context: after "foo bar", "bar" is scored with the backoff of "bar"); an n-gram
 * whose suffixes are missing gets them filled in (KenLM's "blanks": each with the probability
 * backing off gives and no backoff, counted as matched when scoring); a model without
 * {@code <unk>} gives unknown words probability 0, or the log10 probability the caller chooses
 * (KenLM's {@code query} substitutes −100).
 */
public final class ArpaReader {

    private static final Pattern COUNT = Pattern.compile("ngram\\s+(\\d+)\\s*=\\s*(\\d+)");
    private static final Pattern SECTION = Pattern.compile("\\\\(\\d+)-grams:");
    private static final float LOG_ZERO = -99f;
    /**
     * The longest line read, in characters: 1 Mi. An ARPA line is a probability, at most {@link NgramOrder#MAX}
     * words and a backoff; a longer line is not ARPA text (or a binary file, or {@code /dev/zero}).
     */
    public static final int MAX_LINE_CHARS = 1 << 20;

    private final String name;
    private final LineReader in;
    private long lineNo;
    private String line;
    private long headerLine;

    /** The most bytes of ARPA text the input can hold (Long.MAX_VALUE when unknown). */
    private final long textBytesLimit;

    private ArpaReader(String name, LineReader in, long textBytesLimit) {
        this.name = name;
        this.in = in;
        this.textBytesLimit = textBytesLimit;
    }

    /**
     * Reads an ARPA file.
     *
     * @throws ArpaFormatException when the file breaks the format (including a KenLM binary file,
     *                             corrupt gzip data, or a header announcing more n-grams than memory holds)
     * @throws LmkitException      when it cannot be read
     */
    public static NgramModel read(Path file) {
        return read(file, UnknownWord.ORDINARY_WORD);
    }

    /**
     * Reads an ARPA file, treating {@code <unk>} as {@code unknownWord} says.
     *
     * @throws ArpaFormatException when the file breaks the format (including a KenLM binary file,
     *                             corrupt gzip data, or a header announcing more n-grams than memory holds)
     * @throws LmkitException      when it cannot be read
     */
    public static NgramModel read(Path file, UnknownWord unknownWord) {
        return read(file, unknownWord, Double.NEGATIVE_INFINITY);
    }

    /**
     * Reads an ARPA file, treating {@code <unk>} as {@code unknownWord} says and, when the file has
     * no {@code <unk>} unigram, giving unknown words log10 probability {@code absentUnkLog10}
     * ({@code -Infinity} for 0; KenLM's {@code query} uses −100).
     *
     * @throws ArpaFormatException when the file breaks the format (including a KenLM binary file,
     *                             corrupt gzip data, or a header announcing more n-grams than memory holds)
     * @throws LmkitException      when it cannot be read
     * @throws IllegalArgumentException when {@code absentUnkLog10} is NaN or positive
     */
    public static NgramModel read(Path file, UnknownWord unknownWord, double absentUnkLog10) {
        checkAbsentUnk(absentUnkLog10);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(file.toString(), raw, unknownWord, absentUnkLog10, Files.size(file));
        } catch (NoSuchFileException e) {
            throw new LmkitException("ARPA file " + file + " does not exist; check the path", e);
        } catch (IOException e) {
            throw new LmkitException("cannot read ARPA file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads ARPA text (plain or gzip) from a stream; {@code name} is used in messages. */
    public static NgramModel read(String name, InputStream stream, UnknownWord unknownWord) throws IOException {
        return read(name, stream, unknownWord, Double.NEGATIVE_INFINITY, Long.MAX_VALUE);
    }

    private static void checkAbsentUnk(double log10) {
        if (Double.isNaN(log10) || log10 > 0) {
            throw new IllegalArgumentException("the log10 probability of an unknown word must be at most 0, got "
                    + log10);
        }
    }

    /**
     * Reads ARPA text from a stream of {@code streamBytes} bytes (Long.MAX_VALUE when unknown), so that a
     * header announcing more n-grams than the input can hold is refused before tables are allocated.
     */
    private static NgramModel read(String name, InputStream stream, UnknownWord unknownWord, double absentUnkLog10,
                                   long streamBytes)
            throws IOException {
        InputStream raw = stream.markSupported() ? stream : new BufferedInputStream(stream);
        raw.mark(64);
        byte[] magic = raw.readNBytes(64);
        raw.reset();
        if (isGzip(magic)) {
            try {
                raw = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
            } catch (ZipException | EOFException e) {
                throw new ArpaFormatException(name, 0, "starts like gzip but its gzip header is corrupt or truncated ("
                        + e.getMessage() + "); re-create or re-download the file (gzip -t checks it)");
            }
        } else if (new String(magic, StandardCharsets.ISO_8859_1).startsWith("mmap lm ")) {
            throw new ArpaFormatException(name, 0, "this is a KenLM binary model, not ARPA text; lmkit reads ARPA."
                    + " Use the ARPA file it was built from, or write one from the binary with KenLM");
        }
        boolean gzip = isGzip(magic);
        BufferedReader reader = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        // Deflate expands at most about 1032:1.
        long textBytes = gzip ? MemoryBudget.times(streamBytes, 1100) : streamBytes;
        ArpaReader arpa = new ArpaReader(name, new LineReader(reader, MAX_LINE_CHARS), textBytes);
        try {
            return arpa.parse(unknownWord, absentUnkLog10);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ArpaFormatException(name, arpa.lineNo + 1, "not UTF-8 text (" + e + "); is this an ARPA file?"
                    + " Convert it to UTF-8, e.g. with iconv");
        } catch (ZipException | EOFException e) {
            if (!gzip) {
                throw e;
            }
            // Corrupt or truncated compressed data is a bad file, not a failing disk.
            throw new ArpaFormatException(name, arpa.lineNo + 1, "the gzip data is corrupt or truncated (" + e.getMessage()
                    + "); re-create or re-download the file (gzip -t checks it)");
        }
    }

    private static boolean isGzip(byte[] magic) {
        return magic.length >= 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b;
    }

    private boolean next() throws IOException {
        try {
            line = in.readLine();
        } catch (LineReader.LineTooLongException e) {
            throw new ArpaFormatException(name, lineNo + 1, "the line is longer than " + MAX_LINE_CHARS
                    + " characters, the longest line lmkit reads; this is not an ARPA file (or it is binary or corrupt)");
        }
        if (line != null) {
            lineNo++;
        }
        return line != null;
    }

    private ArpaFormatException error(String message) {
        String shown = line == null ? "end of file" : "'" + (line.length() > 80 ? line.substring(0, 80) + "..." : line)
                + "'";
        return new ArpaFormatException(name, line == null ? 0 : lineNo, message + " (at " + shown + ")");
    }

    private NgramModel parse(UnknownWord unknownWord, double absentUnkLog10) throws IOException {
        while (next() && !line.strip().equals("\\data\\")) {
            // Text before \data\ is a comment (SRILM and KenLM both allow it).
        }
        if (line == null) {
            throw new ArpaFormatException(name, 0, "no \\data\\ header: this is not an ARPA file");
        }
        long[] counts = readHeader();
        int order = counts.length;
        UnigramSection unigrams = readUnigrams(counts[0], order);
        Vocabulary vocabulary = unigrams.vocabulary();
        NgramModelBuilder builder = new NgramModelBuilder(vocabulary, order, counts);
        unigrams.fill(builder, vocabulary);
        builder.kenlmWordIds(KenlmWordIds.ofArpaUnigrams(unigrams.words()));
        if (!unigrams.words().contains(Vocabulary.UNK)) {
            builder.unigram(vocabulary.unk(), absentUnkLog10, 0);
        }
        for (int k = 2; k <= order; k++) {
            expectSection(k);
            readNgrams(builder, vocabulary, k, counts[k - 1], k < order);
        }
        skipBlank();
        if (line == null || !line.strip().equals("\\end\\")) {
            throw error("expected \\end\\ after the " + order + "-grams");
        }
        if (unknownWord == UnknownWord.RESETS_CONTEXT) {
            builder.unknownWordResetsContext();
        }
        return builder.build();
    }

    private long[] readHeader() throws IOException {
        List<Long> counts = new ArrayList<>();
        while (next()) {
            String t = line.strip();
            if (t.isEmpty()) {
                if (!counts.isEmpty()) {
                    break;
                }
                continue;
            }
            Matcher m = COUNT.matcher(t);
            if (!m.matches()) {
                if (SECTION.matcher(t).matches() && !counts.isEmpty()) {
                    break;
                }
                throw error("expected 'ngram N=COUNT' in the \\data\\ header");
            }
            if (!m.group(1).equals(String.valueOf(counts.size() + 1))) {
                throw error("header lists order " + m.group(1) + " where order " + (counts.size() + 1)
                        + " was expected");
            }
            if (m.group(2).length() > 12) {
                throw error("the header announces " + m.group(2) + " " + m.group(1) + "-grams, more than lmkit can"
                        + " hold; the header is corrupt or the model must be pruned");
            }
            if (counts.size() >= NgramOrder.MAX) {
                throw error("order " + (counts.size() + 1) + " is above the highest order lmkit supports, "
                        + NgramOrder.MAX);
            }
            counts.add(Long.parseLong(m.group(2)));
            headerLine = lineNo;
        }
        if (counts.isEmpty()) {
            throw error("the \\data\\ header lists no n-gram counts");
        }
        long[] result = counts.stream().mapToLong(Long::longValue).toArray();
        checkSizes(result);
        return result;
    }

    /**
     * Refuses counts that no table can index or that the heap cannot hold, before anything is
     * allocated: a corrupt header claiming 10^12 n-grams must fail here, not with OutOfMemoryError.
     */
    private void checkSizes(long[] counts) {
        for (int k = 1; k <= counts.length; k++) {
            // The packed tables' limit (see NgramTable): 1.2 slots of 5 or 3 ints per n-gram in one int[].
            long limit = k == 1 ? Integer.MAX_VALUE - 8
                    : (long) ((Integer.MAX_VALUE - 8) / (k < counts.length ? 5 : 3) / 1.2) - 2;
            if (counts[k - 1] > limit) {
                throw new ArpaFormatException(name, headerLine, "the header announces " + counts[k - 1] + " " + k
                        + "-grams, more than one lmkit table can index (" + limit + "); the header is"
                        + " corrupt or the model must be pruned");
            }
        }
        // Each k-gram line takes at least 2k + 2 bytes: a one-digit probability, k one-letter words, spaces, newline.
        long leastText = 0;
        for (int k = 1; k <= counts.length; k++) {
            leastText = MemoryBudget.plus(leastText, MemoryBudget.times(counts[k - 1], 2L * k + 2));
        }
        if (leastText > textBytesLimit) {
            throw new ArpaFormatException(name, headerLine, "the header announces " + java.util.Arrays.toString(counts)
                    + " n-grams, which take at least " + leastText + " bytes of text, but a file of this size holds"
                    + " at most " + textBytesLimit + "; it is truncated or its header is wrong");
        }
        // Unigrams are held as words (about 100 bytes each with their map entries) and two doubles.
        long bytes = MemoryBudget.plus(MemoryBudget.times(counts[0], 120),
                NgramModelBuilder.estimateBytes(counts[0] + 3, counts.length, counts));
        try {
            MemoryBudget.require(bytes, "the n-grams " + java.util.Arrays.toString(counts) + " that the \\data\\"
                    + " header announces", "a pruned model");
        } catch (MemoryBudget.InsufficientMemoryException e) {
            throw new ArpaFormatException(name, headerLine, e.getMessage() + ". If the file is small, its header is"
                    + " corrupt");
        }
    }

    private void skipBlank() throws IOException {
        while (line != null && line.isBlank()) {
            next();
        }
    }

    private void expectSection(int k) throws IOException {
        if (line == null || line.isBlank() || COUNT.matcher(line.strip()).matches()) {
            next();
            skipBlank();
        }
        Matcher m = line == null ? null : SECTION.matcher(line.strip());
        if (m == null || !m.matches() || !m.group(1).equals(String.valueOf(k))) {
            throw error("expected the \\" + k + "-grams: section that the header announces");
        }
    }

    /** The unigram section, held until the vocabulary is known. */
    private record UnigramSection(List<String> words, double[] probs, double[] backoffs) {
        Vocabulary vocabulary() {
            List<String> ordered = new ArrayList<>(List.of(Vocabulary.UNK, Vocabulary.BOS, Vocabulary.EOS));
            for (String w : words) {
                if (!w.equals(Vocabulary.UNK) && !w.equals(Vocabulary.BOS) && !w.equals(Vocabulary.EOS)) {
                    ordered.add(w);
                }
            }
            return Vocabulary.ofWords(ordered);
        }

        void fill(NgramModelBuilder builder, Vocabulary vocabulary) {
            for (int i = 0; i < words.size(); i++) {
                builder.unigram(vocabulary.id(words.get(i)), probs[i], backoffs[i]);
            }
        }
    }

    private UnigramSection readUnigrams(long count, int order) throws IOException {
        expectSection(1);
        // Sized by what is read, not by the header's claim, which a truncated file does not honour.
        int initial = (int) Math.min(count, 1 << 16);
        List<String> words = new ArrayList<>(initial);
        double[] probs = new double[initial];
        double[] backoffs = new double[initial];
        Map<String, Integer> seen = new HashMap<>();
        String[] fields = new String[3];
        for (int i = 0; i < count; i++) {
            nextEntry(1, count, i);
            int n = split(line, fields);
            checkFieldCount(n, 1, order > 1);
            String w = fields[1];
            if (seen.put(w, i) != null) {
                throw error("unigram '" + w + "' appears twice");
            }
            words.add(w);
            if (i == probs.length) {
                probs = java.util.Arrays.copyOf(probs, (int) Math.min(count, 2L * probs.length));
                backoffs = java.util.Arrays.copyOf(backoffs, probs.length);
            }
            probs[i] = probability(fields[0]);
            backoffs[i] = n == 3 ? number(fields[2], "backoff") : 0.0;
        }
        next();
        return new UnigramSection(words, probs, backoffs);
    }

    private void readNgrams(NgramModelBuilder builder, Vocabulary vocabulary, int k, long count, boolean hasBackoff)
            throws IOException {
        String[] fields = new String[k + 2];
        int[] ids = new int[k];
        Blanks blanks = new Blanks(builder);
        for (long i = 0; i < count; i++) {
            nextEntry(k, count, i);
            int n = split(line, fields);
            checkFieldCount(n, k, hasBackoff);
            for (int j = 0; j < k; j++) {
                String w = fields[j + 1];
                ids[j] = vocabulary.id(w);
                if (ids[j] == vocabulary.unk() && !w.equals(Vocabulary.UNK)) {
                    throw error("word '" + w + "' of this " + k + "-gram is not among the unigrams");
                }
            }
            blanks.reserve(k);
            int context = blanks.slot(ids, 0, k - 1);
            if (context < 0) {
                // KenLM fills in this n-gram's missing suffixes before it looks for the context, which may be one of them.
                blanks.fillSuffixes(ids, k);
                context = blanks.slot(ids, 0, k - 1);
                if (context < 0) {
                    throw missingContext(fields, k);
                }
            }
            if (builder.find(k, context, ids[k - 1]) >= 0) {
                throw error("this " + k + "-gram appears twice");
            }
            builder.add(k, context, ids[k - 1], (float) probability(fields[0]),
                    n == k + 2 ? number(fields[k + 1], "backoff") : 0.0);
            blanks.fillSuffixes(ids, k);
        }
        next();
    }

    private ArpaFormatException missingContext(String[] fields, int k) {
        String context = String.join(" ", java.util.Arrays.asList(fields).subList(1, k));
        return error("the context '" + context + "' of this " + k + "-gram is not among the " + (k - 1) + "-grams,"
                + " nor the end of an n-gram listed before it (KenLM refuses this file too); add the " + (k - 1)
                + "-gram '" + context + "' with its backoff, or remove this " + k + "-gram");
    }

    private void nextEntry(int k, long count, long index) throws IOException {
        if (!next()) {
            throw error("file ends after " + index + " of the " + count + " " + k + "-grams the header announces;"
                    + " is it truncated?");
        }
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("\\")) {
            throw error("the \\" + k + "-grams: section has " + index + " entries but the header announces " + count);
        }
    }

    private void checkFieldCount(int n, int k, boolean backoffAllowed) {
        if (n != k + 1 && !(backoffAllowed && n == k + 2)) {
            String words = k + " word" + (k > 1 ? "s" : "");
            throw error("a " + k + "-gram line needs a log10 probability" + (backoffAllowed
                    ? ", " + words + " and an optional backoff" : " and " + words + " (no backoff at the highest order)")
                    + "; found " + n + " fields");
        }
    }

    /** Splits on runs of whitespace into {@code fields}; returns the number of fields (more than fit counts too). */
    private static int split(String text, String[] fields) {
        int n = 0;
        int i = 0;
        int len = text.length();
        while (i < len) {
            while (i < len && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < len && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                if (n < fields.length) {
                    fields[n] = text.substring(start, i);
                }
                n++;
            }
        }
        return n;
    }

    private double probability(String text) {
        double p = number(text, "log10 probability");
        if (p <= LOG_ZERO) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p > 0) {
            throw error("log10 probability " + text + " is positive; a probability is at most 1");
        }
        return p;
    }

    private double number(String text, String what) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                throw error(what + " '" + text + "' is not a number");
            }
            return v;
        } catch (NumberFormatException e) {
            if (text.equalsIgnoreCase("-inf") || text.equalsIgnoreCase("-infinity")) {
                return Double.NEGATIVE_INFINITY;
            }
            throw error(what + " '" + text + "' is not a number");
        }
    }
}
