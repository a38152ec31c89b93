package io.lmkit.backend.nd4j.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.neural.backend.BackendProvider;
import io.lmkit.neural.backend.ComputeBackend;
import java.util.Optional;

/**
 * The {@code nd4j-cpu} backend: ND4J's native CPU runtime (libnd4j with OpenBLAS). lm-backend-nd4j
 * compiles against nd4j-api only; the application adds org.nd4j:nd4j-native and its platform jar.
 */
public final class Nd4jCpuProvider implements BackendProvider {

    /** The ND4J backend class nd4j-native ships; looked up by name so that it is not initialised. */
    static final String BACKEND_CLASS = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";

    @Override
    public String name() {
        return "nd4j-cpu";
    }

    @Override
    public String description() {
        return "ND4J " + Nd4jRuntime.VERSION + " on the CPU (libnd4j + OpenBLAS), float32";
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public Optional<String> unavailableReason() {
        try {
            return Nd4jRuntime.missing(BACKEND_CLASS, "org/nd4j/linalg/cpu/nativecpu/bindings", "jnind4jcpu",
                    "nd4j-native", "ND4J's native CPU backend");
        } catch (RuntimeException e) {
            return Optional.of("could not look for ND4J's native CPU backend: " + e);
        }
    }

    @Override
    public ComputeBackend create(int threads) {
        unavailableReason().ifPresent(reason -> {
            throw new LmkitException("compute backend 'nd4j-cpu' cannot run here: " + reason);
        });
        try {
            return new Nd4jBackend(name(), threads, "CpuBackend");
        } catch (RuntimeException | LinkageError e) {
            // ND4J loads its native libraries on first use; a broken install fails only here.
            throw new LmkitException("compute backend 'nd4j-cpu' could not start ND4J: " + e.getMessage()
                    + " (check that the ND4J runtime jars are all version " + Nd4jRuntime.VERSION
                    + " and built for " + Nd4jRuntime.platform() + ")", e);
        }
    }
}
