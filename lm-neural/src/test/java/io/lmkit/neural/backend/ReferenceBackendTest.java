package io.lmkit.neural.backend;

import io.lmkit.neural.backend.internal.reference.ReferenceBackend;

class ReferenceBackendTest extends BackendContract {

    @Override
    protected ComputeBackend newBackend() {
        return new ReferenceBackend();
    }

    @Override
    protected double tolerance() {
        return 1e-13;
    }
}
