package io.lmkit.benchmarks.report;

import java.util.Locale;

/** How the generated tables write numbers: fixed decimals, thousands separators, ∞ for an infinite value. */
final class Numbers {

    private Numbers() {
    }

    static String fixed(double value, int decimals) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "−∞";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A signed number, "+6.76" or "−1.42" (a minus sign, as the prose of BENCHMARKS.md writes it). */
    static String signed(double value, int decimals) {
        String digits = fixed(Math.abs(value), decimals);
        return (value < 0 ? "−" : "+") + digits;
    }

    static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Seconds as "9 min 31 s", "1 h 2 min 3 s" or "42 s", rounded to the second. */
    static String duration(double seconds) {
        long total = Math.round(seconds);
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long rest = total % 60;
        if (hours > 0) {
            return hours + " h " + minutes + " min " + rest + " s";
        }
        return minutes > 0 ? minutes + " min " + rest + " s" : rest + " s";
    }

    /** Parses a number as the recorded files write it, with the file and field named when it is not one. */
    static double parse(String text, String field, String source) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new TableSourceException(source + ": field '" + field + "' is '" + text
                    + "', not a number; re-run the benchmark that wrote it");
        }
    }
}
