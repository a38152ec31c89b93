package io.lmkit.backend.nd4j.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.neural.backend.BackendProvider;
import io.lmkit.neural.backend.ComputeBackend;
import java.io.File;
import java.util.Optional;

/**
 * The {@code nd4j-cuda} backend: ND4J's CUDA 11.6 runtime on an NVIDIA GPU. Available only when
 * org.nd4j:nd4j-cuda-11.6 and its platform jar are on the class path (build lm-cli or benchmarks
 * with {@code -Pcuda}) and the machine shows an NVIDIA GPU; it then outranks the CPU backends.
 */
public final class Nd4jCudaProvider implements BackendProvider {

    /** The ND4J backend class nd4j-cuda-11.6 ships; looked up by name so that it is not initialised. */
    static final String BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    /** Where the NVIDIA driver lists the GPUs it drives (Linux). */
    private static final File DRIVER_GPUS = new File("/proc/driver/nvidia/gpus");

    @Override
    public String name() {
        return "nd4j-cuda";
    }

    @Override
    public String description() {
        return "ND4J " + Nd4jRuntime.VERSION + " on an NVIDIA GPU (CUDA 11.6, cuBLAS), float32";
    }

    @Override
    public int rank() {
        return 30;
    }

    @Override
    public Optional<String> unavailableReason() {
        try {
            return Nd4jRuntime.missing(BACKEND_CLASS, "org/nd4j/linalg/jcublas/bindings", "jnind4jcuda",
                    "nd4j-cuda-11.6", "ND4J's CUDA backend").or(Nd4jCudaProvider::noGpu);
        } catch (RuntimeException e) {
            return Optional.of("could not look for ND4J's CUDA backend: " + e);
        }
    }

    /** Why no GPU is usable, judged from the driver's files without loading CUDA. */
    private static Optional<String> noGpu() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            return Optional.empty(); // no cheap check elsewhere; ND4J reports a missing GPU when it starts
        }
        String[] gpus = DRIVER_GPUS.list();
        if (gpus == null || gpus.length == 0) {
            return Optional.of("no NVIDIA GPU is visible (" + DRIVER_GPUS + " is missing or empty): run on a machine"
                    + " with an NVIDIA GPU and its driver (CUDA 11.6 or newer), or choose --backend nd4j-cpu");
        }
        return Optional.empty();
    }

    @Override
    public ComputeBackend create(int threads) {
        unavailableReason().ifPresent(reason -> {
            throw new LmkitException("compute backend 'nd4j-cuda' cannot run here: " + reason);
        });
        try {
            return new Nd4jBackend(name(), threads, "JCublasBackend");
        } catch (RuntimeException | LinkageError e) {
            // ND4J loads its native libraries on first use; a broken install fails only here.
            throw new LmkitException("compute backend 'nd4j-cuda' could not start ND4J: " + e.getMessage()
                    + " (check that the ND4J runtime jars are all version " + Nd4jRuntime.VERSION
                    + " and built for " + Nd4jRuntime.platform() + ")", e);
        }
    }
}
