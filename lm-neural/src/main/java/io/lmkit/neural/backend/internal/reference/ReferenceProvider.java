package io.lmkit.neural.backend.internal.reference;

import io.lmkit.neural.backend.BackendProvider;
import io.lmkit.neural.backend.ComputeBackend;
import java.util.Optional;

/** The {@code reference} backend: float64 plain Java, for gradient checks and as a statement of meaning. */
public final class ReferenceProvider implements BackendProvider {

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String description() {
        return "float64 plain-Java loops: exact and slow; for gradient checks and tests";
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public ComputeBackend create(int threads) {
        return new ReferenceBackend();
    }
}
