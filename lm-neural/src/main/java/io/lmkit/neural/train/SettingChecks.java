package io.lmkit.neural.train;

/**
 * Range checks of the neural models' numeric settings, each naming the setting, its range and the
 * bad value, e.g. {@code learningRate must be positive (a finite number above 0), got Infinity}. NaN and
 * ±infinity fail every check (a budget of infinite minutes or an infinite learning rate is never
 * what was meant).
 */
public final class SettingChecks {

    private SettingChecks() {
    }

    /** Refuses {@code value} unless it is finite and above 0. */
    public static void positive(String name, double value) {
        if (!(Double.isFinite(value) && value > 0)) {
            throw new IllegalArgumentException(name + " must be positive (a finite number above 0), got " + value);
        }
    }

    /** Refuses {@code value} unless it is finite and 0 or more; {@code zero} says what 0 means. */
    public static void nonNegative(String name, double value, String zero) {
        if (!(Double.isFinite(value) && value >= 0)) {
            throw new IllegalArgumentException(name + " must be a finite number, 0 or more (0: " + zero + "), got "
                    + value);
        }
    }

    /** Refuses {@code value} unless it is finite. */
    public static void finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
    }

    /** Refuses {@code value} unless it is in [min, max]. */
    public static void between(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be at least " + min + " and at most " + max + ", got " + value);
        }
    }
}
