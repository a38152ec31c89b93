package io.lmkit.neural.backend.internal.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * c = alpha · op(a) · op(b) + beta · c in float32, after Goto &amp; van de Geijn, "Anatomy of
 * high-performance matrix multiplication" (ACM TOMS 34(3), 2008), as BLIS arranges it: blocks of
 * op(b) (KC × NC) and op(a) (MC × KC) are packed into panels, so the micro-kernel streams two
 * contiguous arrays whatever the transpositions, and an MR × NR tile of c stays in registers while
 * the kernel runs over KC. The rows or the columns of c are split over the pool's threads.
 */
final class SimdGemm {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 6;
    /**
     * Vectors across the register tile: 6 × 4 accumulators plus 4 b vectors and 1 broadcast fit AVX-512's 32
     * registers, and give 24 FMAs for 10 loads a k step instead of 12 for 8 (the reference GEMM went from 75 to
     * 89 GFLOP/s on one thread); with 16-lane vectors there are 32 registers. Narrower vectors (AVX2's 8 lanes,
     * 16 registers) keep 6 × 2 accumulators, 2 b vectors and 1 broadcast.
     */
    static final int VECTORS = L >= 16 ? 4 : 2;
    /** Columns of the register tile. */
    static final int NR = VECTORS * L;
    /** Depth of a packed block: a KC × NR panel of b stays in L1 while the kernel sweeps the rows. */
    static final int KC = 256;
    /** Rows of a packed block of a (MC × KC floats, kept in L2). */
    static final int MC = 16 * MR;
    /** Columns of a packed block of b (KC × NC floats, kept in L2/L3). */
    static final int NC = Math.max(NR, 512 / NR * NR);
    /** The time of packing one value, in multiply-adds of the kernel (a scalar copy against 16 lanes of FMA). */
    static final double PACK_COST = 16;
    /** Below this many multiply-adds, waking a second thread costs more than it saves. */
    static final long PARALLEL_MIN = 1L << 18;

    /** One thread's packing buffers, reused by every call. */
    static final class Workspace {
        /** The bytes one workspace holds. */
        static final long BYTES = 4L * (MC * KC + KC * NC + MR * NR);

        final float[] a = new float[MC * KC];
        final float[] b = new float[KC * NC];
        final float[] tile = new float[MR * NR];
    }

    /**
     * A matrix's op(b) packed whole, once, exactly as {@link #block} packs it block by block: per block
     * of KC rows of op(b), its NR-column panels, k-major, zero-padded to NR columns; so the block at rows
     * pc and columns jc (a multiple of NR) starts at pc · width + jc · kc. Products that read the same
     * unchanged matrix then skip the packing; the kernel reads the same values in the same order.
     */
    static final class PackedB {
        private final float[] source;
        private final boolean transposed;
        private final int ldb;
        private final int k;
        private final int n;
        /** Columns of op(b) rounded up to whole NR-column panels. */
        final int width;
        final float[] data;

        private PackedB(SimdTensor b, boolean transposed) {
            this.source = b.data;
            this.transposed = transposed;
            this.ldb = b.cols;
            this.k = transposed ? b.cols : b.rows;
            this.n = transposed ? b.rows : b.cols;
            this.width = (n + NR - 1) / NR * NR;
            this.data = new float[Math.multiplyExact(k, width)];
            for (int pc = 0; pc < k; pc += KC) {
                packB(source, ldb, transposed, data, pc * width, pc, Math.min(KC, k - pc), 0, n);
            }
        }

        /** op(b) of {@code b} packed now; its values are copied, so it holds while b is unchanged. */
        static PackedB of(SimdTensor b, boolean transposed) {
            return new PackedB(b, transposed);
        }

        /** Whether this is op(b) for a product reading {@code b} (transposed or not) as k × n. */
        boolean packs(SimdTensor b, boolean tb, int k, int n) {
            return b.data == source && tb == transposed && b.cols == ldb && k == this.k && n == this.n;
        }
    }

    private final float[] a;
    private final int lda;
    private final boolean ta;
    private final float[] b;
    private final int ldb;
    private final boolean tb;
    private final PackedB packedB;                // op(b) packed once, or null to pack it block by block
    private final float[] c;
    private final int ldc;
    private final int k;
    private final float alpha;
    private final float beta;

    private SimdGemm(boolean ta, boolean tb, float alpha, SimdTensor a, SimdTensor b, PackedB packedB, float beta,
                     SimdTensor c, int k) {
        this.a = a.data;
        this.lda = a.cols;
        this.ta = ta;
        this.b = b.data;
        this.ldb = b.cols;
        this.tb = tb;
        this.packedB = packedB;
        this.c = c.data;
        this.ldc = c.cols;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
    }

    /**
     * Multiplies; m × k by k × n into c, which the caller has checked to be m × n. {@code packedB} is
     * op(b) already packed (see {@link PackedB#packs}), or null.
     */
    static void multiply(SimdPool pool, Workspace[] workspaces, boolean ta, boolean tb, float alpha, SimdTensor a,
                         SimdTensor b, PackedB packedB, float beta, SimdTensor c, int m, int n, int k) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scaleOnly(c.data, beta);
            return;
        }
        SimdGemm job = new SimdGemm(ta, tb, alpha, a, b, packedB, beta, c, k);
        int threads = (long) m * n * k < PARALLEL_MIN ? 1 : pool.threads();
        int rowPanels = (m + MR - 1) / MR;
        int colPanels = (n + NR - 1) / NR;
        if (threads == 1 || (rowPanels < 2 && colPanels < 2)) {
            job.block(workspaces[0], 0, m, 0, n);
        } else if (splitColumns(ta, m, n, k, rowPanels, colPanels, threads)) {
            int parts = Math.min(threads, colPanels);
            pool.run(parts, p -> job.block(workspaces[p], 0, m,
                    p * colPanels / parts * NR, Math.min(n, (p + 1) * colPanels / parts * NR)));
        } else {
            int parts = Math.min(threads, rowPanels);
            pool.run(parts, p -> job.block(workspaces[p], p * rowPanels / parts * MR,
                    Math.min(m, (p + 1) * rowPanels / parts * MR), 0, n));
        }
    }

    /**
     * Whether c's columns rather than its rows are split over the threads: the split whose slowest
     * thread finishes first, counting the multiply-adds it gets (more for an uneven split) and the
     * values it packs. Split by columns, every thread packs all of op(a) it reads (none when a is
     * read in place); split by rows, all of op(b). The weight gradient of the tied output layer,
     * [vocabulary, hidden] from a transposed [rows, vocabulary] a, had each of two threads pack all
     * 10,000 × rows values of a for half the columns.
     */
    static boolean splitColumns(boolean ta, int m, int n, int k, int rowPanels, int colPanels, int threads) {
        double work = (double) m * n * k;
        double packA = ta ? PACK_COST * (double) m * k : 0;
        double packB = PACK_COST * (double) k * n;
        double byColumns = work / (threads * balance(colPanels, threads)) + packA + packB / threads;
        double byRows = work / (threads * balance(rowPanels, threads)) + packA / threads + packB;
        return byColumns <= byRows;
    }

    /** The share of the threads' time spent working when {@code panels} are split over them. */
    private static double balance(int panels, int threads) {
        int perThread = (panels + threads - 1) / threads;
        return (double) panels / ((double) perThread * threads);
    }

    private static void scaleOnly(float[] c, float beta) {
        for (int i = 0; i < c.length; i++) {
            c[i] = beta == 0 ? 0 : beta * c[i];
        }
    }

    /** Computes rows [i0, i1) × columns [j0, j1) of c. */
    private void block(Workspace ws, int i0, int i1, int j0, int j1) {
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float[] pb = ws.b;
                int pbOff = 0;
                if (packedB == null) {
                    packB(b, ldb, tb, ws.b, 0, pc, kc, jc, nc);
                } else {
                    pb = packedB.data;
                    pbOff = pc * packedB.width + jc * kc;
                }
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(ws.a, ic, mc, pc, kc);
                    for (int jr = 0; jr < nc; jr += NR) {
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            int cols = Math.min(NR, nc - jr);
                            if (direct(rows)) { // whole panels of an untransposed a are read in place
                                kernel(a, (ic + ir) * lda + pc, lda, 1, pb, pbOff + jr * kc, kc, ws.tile, cols);
                            } else {
                                kernel(ws.a, ir * kc, 1, MR, pb, pbOff + jr * kc, kc, ws.tile, cols);
                            }
                            store(ws.tile, ic + ir, jc + jr, rows, cols, pc == 0);
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether the kernel reads a panel of {@code rows} rows of a in place: an untransposed a already
     * streams along k, six rows at a time, so packing it would only cost time; a partial panel is
     * packed, because its missing rows must read as zeros.
     */
    private boolean direct(int rows) {
        return !ta && rows == MR;
    }

    /** Packs op(a)[ic, ic + mc) × [pc, pc + kc) as MR-row panels, k-major, zero-padded to MR rows. */
    private void packA(float[] pa, int ic, int mc, int pc, int kc) {
        for (int ir = 0; ir < mc; ir += MR) {
            int base = ir * kc;
            int rows = Math.min(MR, mc - ir);
            if (direct(rows)) {
                continue;
            }
            if (ta) { // op(a)(i, p) = a[p][i]: a row of a is contiguous over i
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * lda + ic + ir;
                    int dst = base + p * MR;
                    for (int r = 0; r < rows; r++) {
                        pa[dst + r] = a[src + r];
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = (ic + ir + r) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        pa[base + p * MR + r] = a[src + p];
                    }
                }
            }
            for (int r = rows; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    pa[base + p * MR + r] = 0;
                }
            }
        }
    }

    /**
     * Packs op(b)[pc, pc + kc) × [jc, jc + nc) into pb from {@code off} as NR-column panels, k-major,
     * zero-padded to NR columns.
     */
    private static void packB(float[] b, int ldb, boolean tb, float[] pb, int off, int pc, int kc, int jc, int nc) {
        if (!tb) {
            packRowsOfB(b, ldb, pb, off, pc, kc, jc, nc);
            return;
        }
        for (int jr = 0; jr < nc; jr += NR) { // op(b)(p, j) = b[j][p]: a row of b is contiguous over p
            int base = off + jr * kc;
            int cols = Math.min(NR, nc - jr);
            for (int jj = 0; jj < cols; jj++) {
                int src = (jc + jr + jj) * ldb + pc;
                for (int p = 0; p < kc; p++) {
                    pb[base + p * NR + jj] = b[src + p];
                }
            }
            for (int jj = cols; jj < NR; jj++) {
                for (int p = 0; p < kc; p++) {
                    pb[base + p * NR + jj] = 0;
                }
            }
        }
    }

    /**
     * packB for an untransposed b: row by row of b, each row's nc values read in one sweep and dealt
     * to the panels. Panel by panel instead, every k step would read another row of b, a page
     * apart when b is the [hidden × vocabulary] output weight, which the prefetcher cannot follow.
     */
    private static void packRowsOfB(float[] b, int ldb, float[] pb, int off, int pc, int kc, int jc, int nc) {
        for (int p = 0; p < kc; p++) {
            int src = (pc + p) * ldb + jc;
            for (int jr = 0; jr < nc; jr += NR) {
                int cols = Math.min(NR, nc - jr);
                int dst = off + jr * kc + p * NR;
                System.arraycopy(b, src + jr, pb, dst, cols);
                for (int jj = cols; jj < NR; jj++) {
                    pb[dst + jj] = 0;
                }
            }
        }
    }

    /**
     * The micro-kernel: tile = (a panel, MR × kc) · (b panel, kc × NR), with the accumulators in registers
     * ({@link #kernel4} or {@link #kernel2}, after {@link #VECTORS}). Element (r, p) of the a panel is
     * pa[aOff + r · rs + p · ps]: rs = 1, ps = MR when packed; rs = lda, ps = 1 when read in place. A last
     * panel of at most two vectors' columns (n = 200 leaves 8 after three panels of 64) takes the two-vector
     * kernel, which reads the same NR-wide panel, instead of multiplying its zero padding.
     */
    private static void kernel(float[] pa, int aOff, int rs, int ps, float[] pb, int bOff, int kc, float[] tile,
                               int cols) {
        if (VECTORS == 4 && cols > 2 * L) {
            kernel4(pa, aOff, rs, ps, pb, bOff, kc, tile);
        } else {
            kernel2(pa, aOff, rs, ps, pb, bOff, kc, tile);
        }
    }

    /**
     * The 6 × 2-vector kernel, 12 accumulators, over the first two vectors of each NR-wide row of the b panel.
     * Kept in one method, unrolled by hand, so that C2 keeps every vector in a register.
     */
    private static void kernel2(float[] pa, int aOff, int rs, int ps, float[] pb, int bOff, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int rs2 = 2 * rs;
        int rs3 = 3 * rs;
        int rs4 = 4 * rs;
        int rs5 = 5 * rs;
        for (int p = 0; p < kc; p++, aOff += ps, bOff += NR) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bOff);
            FloatVector b1 = FloatVector.fromArray(S, pb, bOff + L);
            FloatVector x = FloatVector.broadcast(S, pa[aOff]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, pa[aOff + rs]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, pa[aOff + rs2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, pa[aOff + rs3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, pa[aOff + rs4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, pa[aOff + rs5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
    }

    /** The 6 × 4-vector kernel, 24 accumulators, for 32 vector registers; as {@link #kernel2} otherwise. */
    private static void kernel4(float[] pa, int aOff, int rs, int ps, float[] pb, int bOff, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c02 = FloatVector.zero(S), c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S), c13 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c22 = FloatVector.zero(S), c23 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c32 = FloatVector.zero(S), c33 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c42 = FloatVector.zero(S), c43 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c52 = FloatVector.zero(S), c53 = FloatVector.zero(S);
        int rs2 = 2 * rs;
        int rs3 = 3 * rs;
        int rs4 = 4 * rs;
        int rs5 = 5 * rs;
        for (int p = 0; p < kc; p++, aOff += ps, bOff += NR) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bOff);
            FloatVector b1 = FloatVector.fromArray(S, pb, bOff + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, pb, bOff + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, pb, bOff + 3 * L);
            FloatVector x = FloatVector.broadcast(S, pa[aOff]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, pa[aOff + rs]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, pa[aOff + rs2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, pa[aOff + rs3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            x = FloatVector.broadcast(S, pa[aOff + rs4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            c43 = x.fma(b3, c43);
            x = FloatVector.broadcast(S, pa[aOff + rs5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            c53 = x.fma(b3, c53);
        }
        c00.intoArray(tile, 0 * NR + 0 * L);
        c01.intoArray(tile, 0 * NR + 1 * L);
        c02.intoArray(tile, 0 * NR + 2 * L);
        c03.intoArray(tile, 0 * NR + 3 * L);
        c10.intoArray(tile, 1 * NR + 0 * L);
        c11.intoArray(tile, 1 * NR + 1 * L);
        c12.intoArray(tile, 1 * NR + 2 * L);
        c13.intoArray(tile, 1 * NR + 3 * L);
        c20.intoArray(tile, 2 * NR + 0 * L);
        c21.intoArray(tile, 2 * NR + 1 * L);
        c22.intoArray(tile, 2 * NR + 2 * L);
        c23.intoArray(tile, 2 * NR + 3 * L);
        c30.intoArray(tile, 3 * NR + 0 * L);
        c31.intoArray(tile, 3 * NR + 1 * L);
        c32.intoArray(tile, 3 * NR + 2 * L);
        c33.intoArray(tile, 3 * NR + 3 * L);
        c40.intoArray(tile, 4 * NR + 0 * L);
        c41.intoArray(tile, 4 * NR + 1 * L);
        c42.intoArray(tile, 4 * NR + 2 * L);
        c43.intoArray(tile, 4 * NR + 3 * L);
        c50.intoArray(tile, 5 * NR + 0 * L);
        c51.intoArray(tile, 5 * NR + 1 * L);
        c52.intoArray(tile, 5 * NR + 2 * L);
        c53.intoArray(tile, 5 * NR + 3 * L);
    }

    /**
     * Folds a finished tile into c at (row, col): c = alpha · tile + beta · c on the first k block
     * (ignoring c when beta is 0, even NaN), c += alpha · tile on the later ones.
     */
    private void store(float[] tile, int row, int col, int rows, int cols, boolean first) {
        boolean keep = !first || beta != 0;
        float factor = first ? beta : 1;
        if (cols == NR) {
            for (int r = 0; r < rows; r++) {
                for (int v = 0; v < NR; v += L) {
                    int at = (row + r) * ldc + col + v;
                    FloatVector t = FloatVector.fromArray(S, tile, r * NR + v).mul(alpha);
                    if (keep) {
                        t = FloatVector.fromArray(S, c, at).fma(FloatVector.broadcast(S, factor), t);
                    }
                    t.intoArray(c, at);
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int at = (row + r) * ldc + col + j;
                float t = alpha * tile[r * NR + j];
                c[at] = keep ? Math.fma(c[at], factor, t) : t;
            }
        }
    }
}
