package io.lmkit.neural.backend.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/** The bit-deterministic e^x and lane sum of the simd backend, against StrictMath and plain loops. */
class SimdMathTest {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private static float[] exp(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += S.length()) {
            SimdMath.exp(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        }
        return y;
    }

    @Test
    void expIsWithinTwoUlpOfStrictMathOverTheNormalRange() {
        SplittableRandom random = new SplittableRandom(5);
        float[] x = new float[S.length() * 4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-87, 88.7);
        }
        float[] y = exp(x);
        for (int i = 0; i < x.length; i++) {
            float expected = (float) StrictMath.exp(x[i]);
            assertTrue(Math.abs(y[i] - expected) <= 2 * Math.ulp(expected),
                    "exp(" + x[i] + ") = " + y[i] + ", expected " + expected);
        }
    }

    @Test
    void expOfTheEdgesIsExact() {
        float[] x = new float[S.length()];
        float[] in = {0f, -0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN, -200f, 100f, 1f};
        for (int i = 0; i < x.length; i++) {
            x[i] = in[i % in.length];
        }
        float[] y = exp(x);
        assertEquals(1f, y[0]);
        assertEquals(1f, y[1]);
        assertEquals(0f, y[2]);
        assertEquals(Float.POSITIVE_INFINITY, y[3]);
        assertTrue(Float.isNaN(y[4]));
        assertEquals(0f, y[5]);
        assertEquals(Float.POSITIVE_INFINITY, y[6]);
        assertEquals((float) Math.E, y[7], Math.ulp((float) Math.E));
    }

    @Test
    void expReachesIntoTheSubnormals() {
        float[] x = new float[S.length()];
        for (int i = 0; i < x.length; i++) {
            x[i] = -88f - i; // e^−88 … : the last normal floats and the subnormals below them
        }
        float[] y = exp(x);
        for (int i = 0; i < x.length; i++) {
            float expected = (float) StrictMath.exp(x[i]);
            // Below Float.MIN_NORMAL the result is rounded twice, so allow two subnormal steps.
            assertEquals(expected, y[i], Math.max(2 * Math.ulp(expected), 2 * Float.MIN_VALUE), "exp(" + x[i] + ")");
        }
    }

    @Test
    void lanesAreSummedFromTheFirst() {
        float[] x = new float[S.length()];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9)));
        }
        float expected = 0;
        for (float v : x) {
            expected += v;
        }
        assertEquals(Float.floatToRawIntBits(expected),
                Float.floatToRawIntBits(SimdMath.sumInLaneOrder(FloatVector.fromArray(S, x, 0))));
    }
}
