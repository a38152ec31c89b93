package io.lmkit.benchmarks;

import io.lmkit.neural.backend.BackendProvider;
import io.lmkit.neural.backend.Backends;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Matrix-product speed of a compute backend (the {@code simd} one by default) in operations per
 * second; GFLOP/s = 2·m·n·k · ops/s / 1e9, which {@link #main} prints for every shape. The shapes:
 * the (64 × 512)·(512 × 512), and the fixed-window model's hidden layer
 * [128 × 300]·[300 × 200] and output layer [128 × 200]·[200 × 14115] with its two backward
 * products, dW = xᵀ·dy ([200 × 128]·[128 × 14115], "TN") and dx = dy·Wᵀ ([128 × 14115]·[14115 × 200], "NT").
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar GemmBenchmark}
 * or, for the GFLOP/s table, {@code java -cp benchmarks/target/benchmarks.jar io.lmkit.benchmarks.GemmBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {

    /** m x k x n, then the transpositions of a and b (N or T): c [m × n] = op(a) [m × k] · op(b) [k × n]. */
    @Param({"64x512x512:NN", "128x300x200:NN", "128x200x14115:NN", "200x128x14115:TN", "128x14115x200:NT"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    @Param({"simd"})
    public String backendName;

    private ComputeBackend backend;
    private Tensor a;
    private Tensor b;
    private Tensor c;
    private boolean ta;
    private boolean tb;

    @Setup(Level.Trial)
    public void setUp() {
        int[] mkn = dims(shape);
        ta = shape.charAt(shape.length() - 2) == 'T';
        tb = shape.charAt(shape.length() - 1) == 'T';
        BackendProvider provider = Backends.discover(getClass().getClassLoader()).choose(Optional.of(backendName));
        backend = provider.create(threads);
        a = ta ? backend.uniform(mkn[1], mkn[0], -1, 1, 1) : backend.uniform(mkn[0], mkn[1], -1, 1, 1);
        b = tb ? backend.uniform(mkn[2], mkn[1], -1, 1, 2) : backend.uniform(mkn[1], mkn[2], -1, 1, 2);
        c = backend.zeros(mkn[0], mkn[2]);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    /** One product c = op(a) · op(b). */
    @Benchmark
    public Tensor gemm() {
        backend.gemm(ta, tb, 1, a, b, 0, c);
        return c;
    }

    /** [m, k, n] of a shape parameter such as "64x512x512:NN". */
    static int[] dims(String shape) {
        String[] p = shape.substring(0, shape.indexOf(':')).split("x");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
    }

    /** Runs the benchmark and prints GFLOP/s for every shape and thread count. */
    public static void main(String[] args) throws RunnerException {
        args = CleanCheckout.require("GemmBenchmark", args);
        var options = new OptionsBuilder().include(GemmBenchmark.class.getSimpleName())
                .warmupIterations(3).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .build();
        for (RunResult r : new Runner(options).run()) {
            String s = r.getParams().getParam("shape");
            int[] mkn = dims(s);
            double opsPerSecond = r.getPrimaryResult().getScore();
            System.out.printf("%-20s threads=%s  %10.1f ops/s  %7.1f GFLOP/s%n", s, r.getParams().getParam("threads"),
                    opsPerSecond, 2.0 * mkn[0] * mkn[1] * mkn[2] * opsPerSecond / 1e9);
        }
    }
}
