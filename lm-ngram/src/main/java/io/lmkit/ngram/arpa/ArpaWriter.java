package io.lmkit.ngram.arpa;

import io.lmkit.core.files.AtomicFiles;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramModel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an {@link NgramModel} as an ARPA file that KenLM and SRILM read: the header of n-gram
 * counts, then each order's n-grams with their log10 probability and, below the highest order,
 * their log10 backoff. Probability 0 is written {@code -99}, and so is {@code <s>}'s (it is context
 * only, never predicted; SRILM writes it so). Every number is written with the shortest decimal
 * that reads back to the same float32, KenLM's precision (about 8 significant digits rather than
 * 17, which makes the file about 40 % smaller): reading the file back gives every probability and
 * backoff as the float32 of the value written, so perplexities agree to about 1e-7 relative. A
 * name ending in {@code .gz} is gzip-compressed. Written atomically.
 */
public final class ArpaWriter {

    private ArpaWriter() {
    }

    /** Writes {@code model} to {@code file} (gzip when the name ends in {@code .gz}). */
    public static void write(NgramModel model, Path file) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(file, out -> {
            OutputStream target = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
            write(model, target);
            if (target instanceof GZIPOutputStream g) {
                g.finish();
            }
        });
    }

    /** Writes {@code model} as ARPA text to a stream (which it flushes but does not close). */
    public static void write(NgramModel model, OutputStream stream) throws IOException {
        Writer w = new java.io.BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        Vocabulary v = model.vocabulary();
        long[] counts = model.ngramCounts();
        // KenLM insists on a blank first line and \data\ on the second.
        w.write("\n\\data\\\n");
        for (int k = 1; k <= model.order(); k++) {
            w.write("ngram " + k + "=" + counts[k - 1] + "\n");
        }
        StringBuilder line = new StringBuilder();
        for (int k = 1; k <= model.order(); k++) {
            boolean backoffs = k < model.order();
            w.write("\n\\" + k + "-grams:\n");
            model.forEachNgram(k, (words, log10Prob, log10Backoff) -> {
                line.setLength(0);
                boolean contextOnly = words.length == 1 && words[0] == v.bos();
                line.append(contextOnly ? "-99" : number(log10Prob));
                line.append('\t');
                for (int i = 0; i < words.length; i++) {
                    if (i > 0) {
                        line.append(' ');
                    }
                    line.append(v.word(words[i]));
                }
                if (backoffs && log10Backoff != 0) {
                    line.append('\t').append(number(log10Backoff));
                }
                line.append('\n');
                try {
                    w.write(line.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        w.write("\n\\end\\\n");
        w.flush();
    }

    /** The shortest plain decimal that reads back to the same float32; -99 for log10 0. */
    static String number(double value) {
        if (value == Double.NEGATIVE_INFINITY) {
            return "-99";
        }
        if (value == 0) {
            return "0";
        }
        float f = (float) value;
        // Float.toString reads back to f; before Java 19 it can keep a digit more than needed, so drop
        // digits while the exact value, rounded to fewer, still reads back to f.
        BigDecimal shortest = new BigDecimal(Float.toString(f));
        BigDecimal exact = new BigDecimal(f);
        for (int digits = shortest.precision() - 1; digits >= 1; digits--) {
            BigDecimal fewer = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (Float.parseFloat(fewer.toString()) != f) {
                break;
            }
            shortest = fewer;
        }
        return shortest.stripTrailingZeros().toPlainString();
    }
}
