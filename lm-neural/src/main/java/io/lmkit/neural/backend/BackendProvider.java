package io.lmkit.neural.backend;

import io.lmkit.core.NamedPlugin;
import java.util.Optional;

/**
 * A compute backend as a plugin, listed in
 * {@code META-INF/services/io.lmkit.neural.backend.BackendProvider}. Creating the backend is lazy,
 * so a provider whose native library or JDK module is missing can still be listed and say why.
 */
public interface BackendProvider extends NamedPlugin {

    /**
     * The most threads one operation may use: 256, the hardware threads of the largest two-socket
     * servers. Each thread of the simd backend keeps a GEMM workspace of about 0.6 MiB, so the cap
     * also bounds that memory; the {@code threads} setting of every neural model is checked against it.
     */
    int MAX_THREADS = 256;

    /**
     * The preference among available backends when none is asked for: higher wins. The default
     * CPU backend is the one the benchmarks show to be faster (see BENCHMARKS.md).
     */
    int rank();

    /** Empty when the backend can run here; otherwise what is missing and how to add it. */
    Optional<String> unavailableReason();

    /**
     * Creates the backend.
     *
     * @param threads how many threads one operation may use (≥ 1)
     * @throws io.lmkit.core.LmkitException when it cannot run here, with {@link #unavailableReason()}
     */
    ComputeBackend create(int threads);
}
