package io.lmkit.ngram.spill;

/** Float64 and int64 values carried in a record's payload ints: each takes two ints, high bits first. */
public final class Payload {

    private Payload() {
    }

    /** Stores {@code value} in {@code record[at]} and {@code record[at + 1]}. */
    public static void putDouble(int[] record, int at, double value) {
        long bits = Double.doubleToRawLongBits(value);
        record[at] = (int) (bits >>> 32);
        record[at + 1] = (int) bits;
    }

    /** The float64 stored at {@code record[at]} and {@code record[at + 1]}. */
    public static double getDouble(int[] record, int at) {
        return Double.longBitsToDouble(((long) record[at] << 32) | (record[at + 1] & 0xFFFFFFFFL));
    }

    /** Stores {@code value} in {@code record[at]} and {@code record[at + 1]}. */
    public static void putLong(int[] record, int at, long value) {
        record[at] = (int) (value >>> 32);
        record[at + 1] = (int) value;
    }

    /** The int64 stored at {@code record[at]} and {@code record[at + 1]}. */
    public static long getLong(int[] record, int at) {
        return ((long) record[at] << 32) | (record[at + 1] & 0xFFFFFFFFL);
    }
}
