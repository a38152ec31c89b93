package io.lmkit.ngram.arpa;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.TinyCorpus;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import io.lmkit.core.testkit.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random-mutation fuzzing of the ARPA reader: truncated, byte-mutated, line-shuffled,
 * line-dropped, number-mangled and binary inputs derived from an ARPA file lmkit writes itself
 * (always) and from the interop files in {@code ../shared/data/interop} (when present). Every
 * input must either load or fail with {@link ArpaFormatException} naming the input; nothing else
 * may escape, hang or exhaust memory.
 */
class ArpaFuzzTest {

    private static final int CASES_PER_SEED_FILE = 1000;

    /** A 3-gram modified Kneser-Ney model of "I am Sam", written by lmkit. */
    static byte[] lmkitArpa() throws IOException {
        NgramModel model = KneserNey.estimate(NgramCounts.count(TinyCorpus.sam(), 3), KneserNey.Variant.MODIFIED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArpaWriter.write(model, out);
        return out.toByteArray();
    }

    @Test
    void mutationsOfAnArpaFileLmkitWroteLoadOrFailWithTheFormatError() throws IOException {
        fuzz("lmkit-sam.arpa", lmkitArpa(), 1);
    }

    @Test
    void mutationsOfTheInteropArpaFilesLoadOrFailWithTheFormatError() throws IOException {
        Path interop = SharedData.require("interop");
        List<Path> files;
        try (Stream<Path> s = Files.walk(interop)) {
            files = s.filter(p -> p.toString().endsWith(".arpa")).sorted().toList();
        }
        long seed = 2;
        int fuzzed = 0;
        for (Path f : files) {
            byte[] original = Files.readAllBytes(f);
            String name = f.getFileName().toString();
            // Some interop files are deliberately invalid (missing_test_fourgram lacks a context);
            // those are rejected cleanly, which ArpaInteropTest checks; mutations start from valid files.
            if (readOutcome(name, original) instanceof NgramModel) {
                fuzz(name, original, seed++);
                fuzzed++;
            } else {
                check(name, original);
            }
        }
        assertTrue(fuzzed >= 3, "valid interop ARPA files: " + fuzzed + " of " + files);
    }

    @Test
    void mutationsOfAGzippedArpaFileLoadOrFailWithTheFormatError() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(lmkitArpa());
        }
        SplittableRandom random = new SplittableRandom(99);
        byte[] original = gz.toByteArray();
        for (int i = 0; i < 400; i++) {
            byte[] input = i % 2 == 0 ? flipBytes(original, random) : truncate(original, random);
            check("lmkit-sam.arpa.gz#" + i, input);
        }
    }

    @Test
    void aHeaderAnnouncingATrillionNgramsIsRefusedWithoutAllocating() {
        for (String header : List.of("ngram 1=1000000000000\n", "ngram 1=3\nngram 2=1000000000000\n",
                "ngram 1=2000000000\n", "ngram 1=3\nngram 2=99999999999999999999999\n",
                "ngram 99999999999=3\n")) {
            String text = "\\data\\\n" + header + "\n\\1-grams:\n-1 <s>\n-1 a\n-1 </s>\n\n\\end\\\n";
            ArpaFormatException e = expectFormatError("huge.arpa", text.getBytes(StandardCharsets.UTF_8));
            assertTrue(e.getMessage().startsWith("huge.arpa:"), e.getMessage());
        }
    }

    @Test
    void aHeaderAnnouncingMoreNgramsThanTheFileCanHoldIsRefusedAtTheHeader(@TempDir Path dir) throws IOException {
        // 50 million unigrams would fit in memory, but not in 80 bytes: refused before anything is allocated.
        Path file = Files.writeString(dir.resolve("liar.arpa"),
                "\\data\\\nngram 1=50000000\n\n\\1-grams:\n-1 <s>\n-1 a\n-1 </s>\n\n\\end\\\n");
        ArpaFormatException e = assertThrows(ArpaFormatException.class, () -> ArpaReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ":2: the header announces [50000000] n-grams, which take at"
                + " least 200000000 bytes of text, but a file of this size holds at most "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; it is truncated or its header is wrong"), e.getMessage());
    }

    private static ArpaFormatException expectFormatError(String name, byte[] input) {
        Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readOutcome(name, input));
        if (outcome instanceof ArpaFormatException e) {
            return e;
        }
        return fail(name + ": expected an ArpaFormatException, got " + outcome);
    }

    private static void fuzz(String name, byte[] original, long seed) {
        // The unmutated file must load: otherwise every mutation would "pass" by failing.
        Object clean = readOutcome(name, original);
        assertTrue(clean instanceof NgramModel, name + " itself does not load: " + clean);
        SplittableRandom random = new SplittableRandom(seed);
        int loaded = 0;
        for (int i = 0; i < CASES_PER_SEED_FILE; i++) {
            byte[] input = switch (i % 7) {
                case 0 -> truncate(original, random);
                case 1 -> flipBytes(original, random);
                case 2 -> shuffleLines(original, random);
                case 3 -> dropOrDuplicateLines(original, random);
                case 4 -> mangleNumbers(original, random);
                case 5 -> randomBinary(random);
                default -> spliceBinary(original, random);
            };
            loaded += check(name + "#" + i, input) ? 1 : 0;
        }
        // Both outcomes must occur, or the mutations would not be exercising the parser.
        assertTrue(loaded > 0 && loaded < CASES_PER_SEED_FILE / 2, name + ": " + loaded + " of "
                + CASES_PER_SEED_FILE + " mutations loaded");
    }

    /** Reads the input; passes when it loads (true) or fails with the documented format error (false). */
    private static boolean check(String name, byte[] input) {
        Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readOutcome(name, input),
                () -> name + " hangs: " + new String(input, StandardCharsets.ISO_8859_1));
        if (outcome instanceof Throwable t && !(outcome instanceof ArpaFormatException)) {
            throw new AssertionError(name + " failed with " + t + " instead of an ArpaFormatException; input:\n"
                    + new String(input, StandardCharsets.ISO_8859_1), t);
        }
        if (outcome instanceof ArpaFormatException e) {
            assertTrue(e.getMessage().startsWith(name + ":"), e.getMessage());
            return false;
        }
        return true;
    }

    private static Object readOutcome(String name, byte[] input) {
        try {
            return ArpaReader.read(name, new ByteArrayInputStream(input), UnknownWord.ORDINARY_WORD);
        } catch (Throwable t) {
            return t;
        }
    }

    private static byte[] truncate(byte[] b, SplittableRandom r) {
        return Arrays.copyOf(b, r.nextInt(b.length));
    }

    private static byte[] flipBytes(byte[] b, SplittableRandom r) {
        byte[] out = b.clone();
        int flips = 1 + r.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int at = r.nextInt(out.length);
            out[at] = r.nextBoolean() ? (byte) r.nextInt(256) : (byte) (out[at] ^ (1 << r.nextInt(8)));
        }
        return out;
    }

    private static List<String> lines(byte[] b) {
        return new ArrayList<>(Arrays.asList(new String(b, StandardCharsets.ISO_8859_1).split("\n", -1)));
    }

    private static byte[] join(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] shuffleLines(byte[] b, SplittableRandom r) {
        List<String> lines = lines(b);
        int swaps = 1 + r.nextInt(4);
        for (int i = 0; i < swaps; i++) {
            java.util.Collections.swap(lines, r.nextInt(lines.size()), r.nextInt(lines.size()));
        }
        return join(lines);
    }

    private static byte[] dropOrDuplicateLines(byte[] b, SplittableRandom r) {
        List<String> lines = lines(b);
        int edits = 1 + r.nextInt(3);
        for (int i = 0; i < edits && !lines.isEmpty(); i++) {
            int at = r.nextInt(lines.size());
            if (r.nextBoolean()) {
                lines.remove(at);
            } else {
                lines.add(at, lines.get(at));
            }
        }
        return join(lines);
    }

    private static final String[] NUMBERS = {"0", "-0", "1", "-99", "-100", "NaN", "Infinity", "-Infinity", "-inf",
        "1e309", "-1e-400", "999999999999999999999", "2147483648", "-2147483649", "0x10", "", " ", "\t", "=", "-",
        "9223372036854775808", "1000000000000"};

    /** Replaces a run of digits with an extreme or malformed number. */
    private static byte[] mangleNumbers(byte[] b, SplittableRandom r) {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?[0-9][0-9.e-]*").matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return b;
        }
        int[] span = spans.get(r.nextInt(spans.size()));
        String replacement = NUMBERS[r.nextInt(NUMBERS.length)];
        return (text.substring(0, span[0]) + replacement + text.substring(span[1])).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] randomBinary(SplittableRandom r) {
        byte[] out = new byte[r.nextInt(2048)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) r.nextInt(256);
        }
        if (out.length > 2 && r.nextInt(4) == 0) {
            out[0] = 0x1f;
            out[1] = (byte) 0x8b; // gzip magic on garbage
        }
        return out;
    }

    private static byte[] spliceBinary(byte[] b, SplittableRandom r) {
        int at = r.nextInt(b.length);
        byte[] junk = randomBinary(r);
        byte[] out = Arrays.copyOf(b, b.length + junk.length);
        System.arraycopy(junk, 0, out, at, junk.length);
        System.arraycopy(b, at, out, at + junk.length, b.length - at);
        return out;
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
    }
}
