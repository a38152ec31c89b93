package io.lmkit.ngram.spill;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory size as lmplz's {@code -S} takes it: a number of bytes with an optional suffix k, m, g
 * or t (powers of 1,024), e.g. {@code 64m}, {@code 4g}, {@code 1048576}.
 */
public final class MemorySize {

    private static final Pattern SIZE = Pattern.compile("([0-9]{1,15})([kmgt]?)b?");

    private MemorySize() {
    }

    /**
     * The bytes {@code text} names.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("memory must be a size such as 64m, 4g or 1048576 (bytes; suffixes k,"
                    + " m, g, t), got '" + text + "'");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("memory " + text + " is too large");
        }
        return n << shift;
    }
}
