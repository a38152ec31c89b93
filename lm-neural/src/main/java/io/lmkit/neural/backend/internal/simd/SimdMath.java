package io.lmkit.neural.backend.internal.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two vector operations whose Vector API forms may give different bits on different runs, in
 * forms that cannot: e^x and the sum of a vector's lanes.
 *
 * <p>e^x on float vectors is computed from additions, multiplications, fused multiply-adds and bit operations only,
 * each of which IEEE 754 and the Vector API define to the last bit, so the result is the same
 * whether HotSpot runs the code interpreted, C1-compiled or C2-compiled.
 *
 * <p>Why not {@code lanewise(VectorOperators.EXP)}: on JDK 17 x86 its C2 intrinsic (Intel SVML)
 * and its interpreted fallback ({@code Math.exp} per lane) differ in the last bit for about 1 % of
 * inputs (measured: 52 of 4096), and when C2 compiles a method depends on timing, so training on
 * the simd backend gave different parameters from run to run (issue #6).
 *
 * <p>The method is Cephes' {@code expf} (S. L. Moshier): x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r
 * by a degree-6 polynomial, then scaled by 2^n; its error is within 2 ulp of e^x (tested against
 * {@link StrictMath#exp}), results below the smallest subnormal are 0 and above
 * {@link Float#MAX_VALUE} infinity, NaN stays NaN.
 */
final class SimdMath {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Inputs are clamped here: e^−104 is below half the smallest subnormal, e^89 above the largest float. */
    private static final float LOW = -104f;
    private static final float HIGH = 89f;
    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split in two, the first with few mantissa bits so that n · LN2_HI is exact. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 · 2^23: adding it rounds a float of magnitude below 2^22 to the nearest integer, kept in the low bits. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    private SimdMath() {
    }

    /** e^x lane by lane, deterministic to the bit (see the class comment). */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(LOW).min(HIGH); // NaN passes through max and min
        FloatVector shifted = c.fma(LOG2E, ROUND);
        FloatVector n = shifted.sub(ROUND); // round(x · log2 e), as a float
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), c);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = r.fma(P0, P1);
        p = p.fma(r, FloatVector.broadcast(S, P2));
        p = p.fma(r, FloatVector.broadcast(S, P3));
        p = p.fma(r, FloatVector.broadcast(S, P4));
        p = p.fma(r, FloatVector.broadcast(S, P5));
        p = p.mul(r.mul(r)).add(r).add(1f); // e^r ≈ 1 + r + r² · P(r)
        // 2^n for n in [−150, 128] does not fit one float exponent: scale by 2^h and 2^(n − h), h = n / 2.
        IntVector ni = shifted.reinterpretAsInts().sub(ROUND_BITS);
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = ni.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /**
     * The lanes' sum, added from lane 0 upwards. {@code reduceLanes(ADD)} leaves the order to the
     * implementation, so the rounding could differ between the compiled and the interpreted code
     * (on JDK 17 x86 both were measured to add in order; later JDKs need not).
     */
    static float sumInLaneOrder(FloatVector v) {
        float sum = 0;
        for (float lane : v.toArray()) {
            sum += lane;
        }
        return sum;
    }
}
