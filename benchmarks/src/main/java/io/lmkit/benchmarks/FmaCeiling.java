package io.lmkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The machine's ceiling for float32 arithmetic through the Vector API: how many vector fused multiply-adds
 * ({@code FloatVector.fma}) per second one and two threads sustain when nothing but FMAs is asked of them, the
 * peak against which the GEMM and training GFLOP/s of BENCHMARKS.md are a share.
 *
 * <p>Each invocation runs {@link #STEPS} rounds over {@link #CHAINS} independent accumulators,
 * {@code acc = a · b + acc}: an FMA's result is needed only by the same chain's next FMA, {@value #CHAINS} FMAs
 * later, which is more than latency × issue width on current x86 cores (4 cycles × 2 FMA pipes), so the
 * pipes never wait. The score is vector FMAs per second (summed over the threads); GFLOP/s = score × lanes × 2
 * / 1e9, an FMA counting as 2 FLOPs. On a machine shared with other work the score is only the
 * benchmark's share of the CPUs; the {@link CpuTime} counters give the rate per second of CPU time actually
 * spent, the hardware's. An accumulator grows by {@code a · b} ≈ 0.001 a step, about 65 an invocation, never
 * overflowing nor becoming subnormal.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FmaCeiling -f 2 -wi 3 -i 5 -w 1s -r 1s}
 * ({@code benchmarks/run.sh fma-ceiling}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FmaCeiling {

    /** Independent accumulator chains; 12 vectors plus the two operands fit in the 16 (or 32) vector registers. */
    static final int CHAINS = 12;

    /**
     * Rounds over the chains per invocation: about 0.1 to 0.3 ms of FMAs, so that the call and the two readings
     * of the thread's CPU clock around it (a system call each) cost under 1%.
     */
    static final int STEPS = 65_536;

    /** Vector FMAs per invocation, the unit of the score. */
    static final int FMAS = CHAINS * STEPS;

    /** The Vector API's preferred float species, the one the {@code simd} backend computes with. */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /**
     * The lanes of {@link #SPECIES}: 16 floats with AVX-512, 8 with AVX2. A parameter so that the recorded JSON
     * says how many FLOPs a vector FMA is; checked against the CPU at setup (give yours with {@code -p lanes=N}).
     */
    @Param({"16"})
    public int lanes;

    /** The accumulators' start values. */
    private float[] seed;

    /** Refuses a lane count that is not this CPU's, and sets the seeds. */
    @Setup(Level.Trial)
    public void setUp() {
        if (lanes != SPECIES.length()) {
            throw new IllegalStateException("lanes=" + lanes + ", but this CPU's preferred float vector has "
                    + SPECIES.length() + " lanes; run FmaCeiling with -p lanes=" + SPECIES.length());
        }
        seed = new float[SPECIES.length()];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = 1f / (i + 1);
        }
    }

    /**
     * Per thread, the vector FMAs done and the CPU time the thread spent doing them, which JMH sums over an
     * iteration and records beside the score. Their ratio is the FMA rate of a CPU while it runs the benchmark,
     * whatever share of the CPUs other work on the machine takes; the score, per second of wall time, is not.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {

        /** Vector FMAs done in this iteration. */
        public long fmas;

        /** Nanoseconds of this thread's CPU time spent on them. */
        public long cpuNanos;

        /** Starts each iteration's counts at zero. */
        @Setup(Level.Iteration)
        public void reset() {
            fmas = 0;
            cpuNanos = 0;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The FMA throughput of one thread. */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(FMAS)
    public float oneThread(CpuTime cpu) {
        return timed(cpu);
    }

    /** The FMA throughput of two threads together (JMH sums their scores and their counters). */
    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(FMAS)
    public float twoThreads(CpuTime cpu) {
        return timed(cpu);
    }

    private float timed(CpuTime cpu) {
        long start = THREADS.getCurrentThreadCpuTime();
        float sum = fmas();
        cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
        cpu.fmas += FMAS;
        return sum;
    }

    /**
     * {@link #FMAS} vector FMAs over {@link #CHAINS} chains; the sum is returned so that none is dead code. Each
     * call's receiver is a vector whose class C2 knows when it parses the call (the loop-invariant {@code a}, a
     * fresh zero), never an accumulator: an accumulator is a loop variable, typed only {@code FloatVector} then,
     * so the call would not be bound to the intrinsic, and every vector would be an object on the heap.
     */
    private float fmas() {
        FloatVector a = FloatVector.broadcast(SPECIES, 0.999f);
        FloatVector b = FloatVector.broadcast(SPECIES, 1e-3f);
        FloatVector c0 = FloatVector.fromArray(SPECIES, seed, 0);
        FloatVector c1 = c0.add(1f);
        FloatVector c2 = c0.add(2f);
        FloatVector c3 = c0.add(3f);
        FloatVector c4 = c0.add(4f);
        FloatVector c5 = c0.add(5f);
        FloatVector c6 = c0.add(6f);
        FloatVector c7 = c0.add(7f);
        FloatVector c8 = c0.add(8f);
        FloatVector c9 = c0.add(9f);
        FloatVector c10 = c0.add(10f);
        FloatVector c11 = c0.add(11f);
        for (int i = 0; i < STEPS; i++) {
            c0 = a.fma(b, c0);
            c1 = a.fma(b, c1);
            c2 = a.fma(b, c2);
            c3 = a.fma(b, c3);
            c4 = a.fma(b, c4);
            c5 = a.fma(b, c5);
            c6 = a.fma(b, c6);
            c7 = a.fma(b, c7);
            c8 = a.fma(b, c8);
            c9 = a.fma(b, c9);
            c10 = a.fma(b, c10);
            c11 = a.fma(b, c11);
        }
        FloatVector sum = FloatVector.zero(SPECIES).add(c0).add(c1).add(c2).add(c3).add(c4).add(c5).add(c6)
                .add(c7).add(c8).add(c9).add(c10).add(c11);
        return sum.reduceLanes(VectorOperators.ADD);
    }
}
