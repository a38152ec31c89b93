package io.lmkit.neural.backend;

import java.util.SplittableRandom;

/**
 * The draws of an inverted-dropout mask made in blocks of {@link #BLOCK} values, each block from its
 * own generator seeded from the mask's seed and the block's number: a backend may fill the blocks
 * in any order or in parallel, and every backend makes the same mask from the same seed, whatever
 * its thread count. A value is 1/keep with probability keep (to 2⁻³²), else 0; each 64-bit draw
 * decides two values, half the generator's work of one draw per value.
 */
public final class MaskDraws {

    /** Values per block. */
    public static final int BLOCK = 4096;
    /** Spreads the block numbers over the seeds (an odd constant, not SplittableRandom's own step). */
    private static final long BLOCK_STEP = 0x632BE59BD9B4E019L;

    private MaskDraws() {
    }

    /** The number of blocks of a mask of {@code size} values. */
    public static int blocks(int size) {
        return (size + BLOCK - 1) / BLOCK;
    }

    /** Checks a keep probability: in (0, 1]. */
    public static void checkKeep(double keep) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("keep probability must be in (0, 1], got " + keep);
        }
    }

    /** Fills block {@code block} of {@code mask} (its values [block · BLOCK, …)) as float32. */
    public static void fill(float[] mask, int block, double keep, long seed) {
        SplittableRandom random = random(block, seed);
        long threshold = threshold(keep);
        float kept = (float) (1 / keep);
        int end = Math.min(mask.length, (block + 1) * BLOCK);
        for (int i = block * BLOCK; i < end; i += 2) {
            long bits = random.nextLong();
            mask[i] = (bits >>> 32) < threshold ? kept : 0f;
            if (i + 1 < end) {
                mask[i + 1] = (bits & 0xFFFF_FFFFL) < threshold ? kept : 0f;
            }
        }
    }

    /** Fills block {@code block} of {@code mask} as float64. */
    public static void fill(double[] mask, int block, double keep, long seed) {
        SplittableRandom random = random(block, seed);
        long threshold = threshold(keep);
        double kept = 1 / keep;
        int end = Math.min(mask.length, (block + 1) * BLOCK);
        for (int i = block * BLOCK; i < end; i += 2) {
            long bits = random.nextLong();
            mask[i] = (bits >>> 32) < threshold ? kept : 0;
            if (i + 1 < end) {
                mask[i + 1] = (bits & 0xFFFF_FFFFL) < threshold ? kept : 0;
            }
        }
    }

    /** A value is kept when its 32 random bits, unsigned, are below keep · 2³² (all of them when keep is 1). */
    private static long threshold(double keep) {
        return (long) Math.ceil(keep * 0x1p32);
    }

    private static SplittableRandom random(int block, long seed) {
        return new SplittableRandom(seed + BLOCK_STEP * (block + 1L));
    }
}
