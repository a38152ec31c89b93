package io.lmkit.eval.report;

import java.util.Locale;

/** The JSON literals lmkit writes in reports and on the command line: strings and numbers (non-finite numbers become null). */
public final class Json {

    private Json() {
    }

    /** A JSON string literal, escaped. */
    public static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A JSON number, or null for NaN and infinities. */
    public static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }
}
