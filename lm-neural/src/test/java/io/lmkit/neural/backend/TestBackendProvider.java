package io.lmkit.neural.backend;

import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import java.util.Optional;

/**
 * A backend plugin that only tests list (through {@link BackendLoaders}): the float64 reference under
 * the name {@value #NAME}, so a test can tell the registry it was given from one discovered elsewhere.
 */
public final class TestBackendProvider implements BackendProvider {

    /** The name it is registered under. */
    public static final String NAME = "test-backend";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the reference backend under another name, for tests";
    }

    @Override
    public int rank() {
        return -1;
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
