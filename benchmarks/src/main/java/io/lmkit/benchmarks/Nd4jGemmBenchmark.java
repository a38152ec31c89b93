package io.lmkit.benchmarks;

import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import io.lmkit.neural.backend.Backends;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * GEMM on the nd4j-cpu backend, c = a · b in float32 through {@link ComputeBackend#gemm}, for the
 * shapes the neural models multiply: a hidden layer (64 × 512)·(512 × 512), and the fixed-window
 * model's hidden (128 × 300)·(300 × 200) and output (128 × 200)·(200 × 14115) layers.
 *
 * <p>GFLOP/s = 2·m·n·k · (ops/s) / 1e9. ND4J's threads are process-wide, so each (shape, threads)
 * pair needs its own fork (JMH's default). Run with, for example,
 * {@code java -jar benchmarks/target/benchmarks.jar Nd4jGemmBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Nd4jGemmBenchmark {

    /** m x k x n: a is m × k, b is k × n. */
    @Param({"64x512x512", "128x300x200", "128x200x14115"})
    public String shape;

    /** Threads the backend may use (OpenBLAS, OpenMP and libnd4j's pool). */
    @Param({"1", "2"})
    public int threads;

    private ComputeBackend backend;
    private Tensor a;
    private Tensor b;
    private Tensor c;

    /** Creates the backend on the benchmark thread (OpenMP's thread count is per calling thread). */
    @Setup(Level.Trial)
    public void setUp() {
        String[] mkn = shape.split("x");
        int m = Integer.parseInt(mkn[0]);
        int k = Integer.parseInt(mkn[1]);
        int n = Integer.parseInt(mkn[2]);
        // Chosen by name like any backend: the nd4j-cpu provider is lm-backend-nd4j's implementation, not API.
        backend = Backends.discover(getClass().getClassLoader()).choose(Optional.of("nd4j-cpu")).create(threads);
        a = backend.uniform(m, k, -1, 1, 1);
        b = backend.uniform(k, n, -1, 1, 2);
        c = backend.zeros(m, n);
    }

    /** One GEMM: 2·m·n·k floating-point operations. */
    @Benchmark
    public Tensor gemm() {
        backend.gemm(false, false, 1.0, a, b, 0.0, c);
        return c;
    }

    /** Frees the native arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        b.close();
        c.close();
        backend.close();
    }
}
