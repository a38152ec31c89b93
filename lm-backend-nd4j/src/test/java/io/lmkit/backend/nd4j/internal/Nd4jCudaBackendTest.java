package io.lmkit.backend.nd4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.neural.backend.BackendContract;
import io.lmkit.neural.backend.Backends;
import io.lmkit.neural.backend.ComputeBackend;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The backend contract on ND4J's CUDA runtime (float32 on the GPU). It runs only where the nd4j-cuda
 * backend can: a {@code -Pcuda} build (which puts nd4j-cuda-11.6 on this module's test classpath instead
 * of nd4j-native) on a machine with an NVIDIA GPU, as {@code scripts/gpu-check.sh} does; elsewhere the
 * class is skipped.
 */
@EnabledIf(value = "cudaAvailable", disabledReason = "nd4j-cuda cannot run here: build with -Pcuda on a machine"
        + " with an NVIDIA GPU (scripts/gpu-check.sh)")
class Nd4jCudaBackendTest extends BackendContract {

    static boolean cudaAvailable() {
        return new Nd4jCudaProvider().unavailableReason().isEmpty();
    }

    @Override
    protected ComputeBackend newBackend() {
        return new Nd4jCudaProvider().create(1);
    }

    @Override
    protected double tolerance() {
        // float32 as on the CPU backends; cuBLAS may sum in another order, which stays within this.
        return 1e-5;
    }

    @Test
    void theCudaBackendIsChosenByName() {
        assertEquals("nd4j-cuda", backend.name());
        assertEquals("nd4j-cuda", Backends.discover(getClass().getClassLoader()).choose(Optional.of("nd4j-cuda"))
                .name());
    }
}
