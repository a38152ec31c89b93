package io.lmkit.backend.nd4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.neural.backend.BackendContract;
import io.lmkit.neural.backend.Backends;
import io.lmkit.neural.backend.ComputeBackend;
import io.lmkit.neural.backend.Tensor;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The backend contract on ND4J's native CPU runtime (float32), plus the providers' availability. */
class Nd4jCpuBackendTest extends BackendContract {

    @Override
    protected ComputeBackend newBackend() {
        return new Nd4jCpuProvider().create(1);
    }

    @Override
    protected double tolerance() {
        return 1e-5;
    }

    @Test
    void theCpuProviderIsAvailableWithNd4jNativeOnTheTestClasspath() {
        assertEquals(Optional.empty(), new Nd4jCpuProvider().unavailableReason());
        assertEquals("nd4j-cpu", backend.name());
    }

    @Test
    void createSetsNd4jsThreadPoolsToTheThreadsAskedFor() {
        try (ComputeBackend two = new Nd4jCpuProvider().create(2)) {
            assertEquals(2, org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads(), "OpenBLAS");
            assertEquals(2, org.nd4j.linalg.factory.Nd4j.getEnvironment().maxMasterThreads(), "libnd4j master");
        }
        try (ComputeBackend one = new Nd4jCpuProvider().create(1)) {
            assertEquals(1, org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads(), "OpenBLAS");
            assertEquals(1, org.nd4j.linalg.factory.Nd4j.getEnvironment().maxMasterThreads(), "libnd4j master");
        }
    }

    @Test
    void theCudaProviderSaysWhatIsMissingAndHowToAddIt() {
        // nd4j-cuda is not on the default test classpath (only with -Pcuda), so its backend class is absent here.
        String reason = new Nd4jCudaProvider().unavailableReason().orElseThrow();
        assertTrue(reason.startsWith("ND4J's CUDA backend is not on the classpath"), reason);
        assertTrue(reason.contains("org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1"), reason);
        assertTrue(reason.contains("classifier linux-x86_64") || !System.getProperty("os.name").startsWith("Linux"),
                reason);
    }

    @Test
    void discoveryListsBothNd4jBackendsAndPrefersTheCpuOneHere() {
        Backends backends = Backends.discover(getClass().getClassLoader());
        assertTrue(backends.all().stream().anyMatch(p -> p.name().equals("nd4j-cuda")));
        assertEquals("nd4j-cpu", backends.choose(Optional.of("nd4j-cpu")).name());
    }

    @Test
    void gatherAndScatterAddWorkOnTheWholeWidthToo() {
        Tensor table = backend.of(3, 2, new double[] {1, 2, 3, 4, 5, 6});
        Tensor out = backend.zeros(2, 2);
        backend.gather(table, new int[] {2, 0}, out, 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {5, 6, 1, 2}, out.toDoubleArray(), 0);
        backend.scatterAdd(out, 0, new int[] {1, 1}, table);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 2, 9, 12, 5, 6}, table.toDoubleArray(), 0);
    }

    @Test
    void fusedUpdatersPlaceEpsilonAsTheReferenceDoes() {
        // The contract's eps of 1e-8 cannot tell ε inside from ε outside the square root; 0.5 can.
        ComputeBackend ref = new io.lmkit.neural.backend.internal.reference.ReferenceBackend();
        double[] p = {0.3, -1.2, 2.0, 0.01};
        double[] g = {0.5, -0.25, 1.5, -2.0};
        double[] s = {0.1, 0.4, 0.0, 2.0};
        Tensor[] x = {backend.of(1, 4, p), backend.of(1, 4, g), backend.of(1, 4, s), backend.of(1, 4, g)};
        Tensor[] r = {ref.of(1, 4, p), ref.of(1, 4, g), ref.of(1, 4, s), ref.of(1, 4, g)};
        backend.adagradUpdate(x[0], x[1], x[2], 0.1, 0.5);
        ref.adagradUpdate(r[0], r[1], r[2], 0.1, 0.5);
        backend.rmspropUpdate(x[0], x[1], x[2], 0.1, 0.8, 0.5);
        ref.rmspropUpdate(r[0], r[1], r[2], 0.1, 0.8, 0.5);
        for (long step = 1; step <= 3; step++) {
            backend.adamUpdate(x[0], x[1], x[3], x[2], 0.1, 0.9, 0.99, 0.5, 0.1, step);
            ref.adamUpdate(r[0], r[1], r[3], r[2], 0.1, 0.9, 0.99, 0.5, 0.1, step);
        }
        for (int i = 0; i < 4; i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(r[i].toDoubleArray(), x[i].toDoubleArray(), 1e-5,
                    "tensor " + i);
        }
    }

    @Test
    void logSoftmaxStaysFiniteBesideAHugeLogit() {
        Tensor logits = backend.of(1, 2, new double[] {900, 0});
        backend.logSoftmax(logits, logits);
        assertEquals(0, logits.get(0, 0), 1e-6);
        assertEquals(-900, logits.get(0, 1), 1e-3);
    }
}
