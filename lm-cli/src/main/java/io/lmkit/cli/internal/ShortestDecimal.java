package io.lmkit.cli.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers written as KenLM writes them (its {@code util::ToString}, the double-conversion
 * library's "shortest" mode): the fewest significant digits that read back to the same float or
 * double, the nearest such when several do; plain decimal notation for decimal exponents from −6
 * to 20 and {@code 1.5e-07} style outside; no trailing {@code .0}; {@code inf}, {@code -inf} and
 * {@code NaN}.
 *
 * <p>Java 17's {@code Float.toString} is not always shortest (fixed in Java 19), so the digits
 * are found with {@link BigDecimal}: the exact value rounded to p digits, for p from Java's digit
 * count down, while it still reads back.
 */
final class ShortestDecimal {

    private static final int LOWEST_PLAIN_EXPONENT = -6;
    private static final int HIGHEST_PLAIN_EXPONENT = 20;

    private ShortestDecimal() {
    }

    /** {@code value} as KenLM writes a float (a word's log10 probability, a sentence total). */
    static String of(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value) || value == 0) {
            return special(value);
        }
        return format(shortest(new BigDecimal(value), digitsOf(Float.toString(value)), true, value));
    }

    /** {@code value} as KenLM writes a double (a perplexity). */
    static String of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
            return special(value);
        }
        return format(shortest(new BigDecimal(value), digitsOf(Double.toString(value)), false, value));
    }

    /**
     * The shortest decimal that reads back, searched down from {@code upper} digits (Java's own
     * string, which always reads back but may be a digit or two too long). Whether the nearest
     * p-digit decimal reads back only grows with p, so the search stops at the first p that fails.
     */
    private static BigDecimal shortest(BigDecimal exact, int upper, boolean single, double value) {
        BigDecimal best = nearestReadingBack(exact, upper, single, value);
        if (best == null) {
            // Not expected (Java's string reads back); the longest form always does.
            return exact.round(new MathContext(single ? 9 : 17, RoundingMode.HALF_EVEN));
        }
        for (int digits = upper - 1; digits >= 1; digits--) {
            BigDecimal shorter = nearestReadingBack(exact, digits, single, value);
            if (shorter == null) {
                break;
            }
            best = shorter;
        }
        return best;
    }

    /** The significant digits of a number Java wrote ({@code 1.25E-5} has 3, {@code 100.0} has 1). */
    private static int digitsOf(String javaString) {
        return new BigDecimal(javaString).stripTrailingZeros().precision();
    }

    private static String special(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return 1 / value < 0 ? "-0" : "0";
    }

    /**
     * The {@code digits}-digit decimal nearest {@code exact} that reads back to {@code value}, or
     * null. The rounded value is tried first and then its two neighbours, since the interval of
     * decimals that read back is lopsided at powers of two.
     */
    private static BigDecimal nearestReadingBack(BigDecimal exact, int digits, boolean single, double value) {
        BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (readsBack(rounded, single, value)) {
            return rounded;
        }
        BigDecimal step = BigDecimal.ONE.movePointLeft(rounded.scale());
        BigDecimal best = null;
        for (BigDecimal neighbour : new BigDecimal[] {rounded.subtract(step), rounded.add(step)}) {
            if (neighbour.precision() == digits && readsBack(neighbour, single, value)
                    && (best == null || neighbour.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                best = neighbour;
            }
        }
        return best;
    }

    private static boolean readsBack(BigDecimal decimal, boolean single, double value) {
        return single ? decimal.floatValue() == (float) value : decimal.doubleValue() == value;
    }

    /** Plain or exponent notation as double-conversion's shortest mode chooses. */
    private static String format(BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        String digits = stripped.unscaledValue().abs().toString();
        // value = 0.d1d2…dn × 10^point
        int point = digits.length() - stripped.scale();
        int exponent = point - 1;
        StringBuilder b = new StringBuilder(digits.length() + 8);
        if (stripped.signum() < 0) {
            b.append('-');
        }
        if (exponent < LOWEST_PLAIN_EXPONENT || exponent > HIGHEST_PLAIN_EXPONENT) {
            b.append(digits.charAt(0));
            if (digits.length() > 1) {
                b.append('.').append(digits, 1, digits.length());
            }
            return b.append('e').append(exponent).toString();
        }
        if (point <= 0) {
            b.append("0.").append("0".repeat(-point)).append(digits);
        } else if (point >= digits.length()) {
            b.append(digits).append("0".repeat(point - digits.length()));
        } else {
            b.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        return b.toString();
    }
}
