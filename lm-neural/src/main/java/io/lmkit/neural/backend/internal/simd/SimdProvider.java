package io.lmkit.neural.backend.internal.simd;

import io.lmkit.core.LmkitException;
import io.lmkit.core.MemoryBudget;
import io.lmkit.neural.backend.BackendProvider;
import io.lmkit.neural.backend.ComputeBackend;
import java.util.Optional;

/**
 * The {@code simd} backend: float32 pure Java on the incubating Vector API, multi-threaded.
 *
 * <p>This class must not touch any class that refers to {@code jdk.incubator.vector}: it is loaded
 * by the service loader on every JVM, also one started without the module, where it has to say
 * what is missing instead of failing with a {@link NoClassDefFoundError}.
 */
public final class SimdProvider implements BackendProvider {

    /** The module the backend needs, which the JDK leaves out unless asked for. */
    static final String MODULE = "jdk.incubator.vector";

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public String description() {
        return "float32 pure Java on the Vector API (jdk.incubator.vector), multi-threaded; no native code";
    }

    @Override
    public int rank() {
        return 20;
    }

    @Override
    public Optional<String> unavailableReason() {
        return unavailableReason(ModuleLayer.boot().findModule(MODULE).isPresent());
    }

    /** The reason, given whether the boot layer has the Vector API module: the seam tests use. */
    static Optional<String> unavailableReason(boolean modulePresent) {
        if (modulePresent) {
            return Optional.empty();
        }
        return Optional.of("the JVM was started without the incubating Vector API module " + MODULE
                + "; add '--add-modules " + MODULE + "' to the java command line (or to MAVEN_OPTS when"
                + " running through Maven, or to LMKIT_JAVA_OPTS for the lmkit launcher), or choose another"
                + " backend");
    }

    /**
     * Creates the backend.
     *
     * @param threads how many threads one operation may use (≥ 1)
     * @throws LmkitException when the Vector API module is missing, saying how to add it
     */
    @Override
    public ComputeBackend create(int threads) {
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            throw new LmkitException("compute backend 'simd' cannot run here: " + reason.get());
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new LmkitException("the simd backend needs 1 to " + MAX_THREADS + " threads, got " + threads
                    + "; set threads to at most the machine's cores (" + Runtime.getRuntime().availableProcessors()
                    + " here)");
        }
        MemoryBudget.require(MemoryBudget.times(threads, SimdGemm.Workspace.BYTES), "the simd backend's matrix"
                + " workspaces for " + threads + " threads (" + MemoryBudget.format(SimdGemm.Workspace.BYTES)
                + " each)", "fewer threads (--set threads=N)");
        // Only now is a class that uses the Vector API loaded.
        return new SimdBackend(threads);
    }
}
