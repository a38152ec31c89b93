package io.lmkit.neural.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A workspace lends tensors for a scope and hands the same ones out again, zeroed, in the next (or as
 * they were left, for an output the caller overwrites).
 */
class WorkspaceTest {

    private final ComputeBackend backend = Backends.discover(WorkspaceTest.class.getClassLoader())
            .choose(Optional.of("reference")).create(1);
    private final Workspace workspace = new Workspace(backend);

    @Test
    void outsideAScopeEveryTensorIsNewAndNothingIsHeld() {
        assertNotSame(workspace.zeros(2, 3), workspace.zeros(2, 3));
        assertEquals(0, workspace.tensorsHeld());
    }

    @Test
    void theNextScopeGetsTheSameTensorsBackAsZeros() {
        Tensor a;
        Tensor b;
        try (Workspace.Scope scope = workspace.open()) {
            a = workspace.zeros(2, 3);
            b = workspace.zeros(2, 3);
            a.set(new double[] {1, -2, 3, Double.NaN, -0.0, 6});
        }
        try (Workspace.Scope scope = workspace.open()) {
            assertSame(a, workspace.zeros(2, 3));
            assertSame(b, workspace.zeros(2, 3));
            assertNotSame(a, workspace.zeros(3, 2), "another shape is another tensor");
        }
        assertArrayEquals(new double[6], a.toDoubleArray(), "+0 everywhere, as a new tensor");
        assertEquals(3, workspace.tensorsHeld());
    }

    @Test
    void anOverwrittenTensorIsLentAsItWasLeftSoALargeOutputIsNotZeroedForNothing() {
        Tensor a;
        try (Workspace.Scope scope = workspace.open()) {
            a = workspace.overwritten(2, 3);
            assertArrayEquals(new double[6], a.toDoubleArray(), "a new one holds zeros");
            a.set(new double[] {1, -2, 3, 4, 5, 6});
        }
        try (Workspace.Scope scope = workspace.open()) {
            assertSame(a, workspace.overwritten(2, 3));
            assertArrayEquals(new double[] {1, -2, 3, 4, 5, 6}, a.toDoubleArray(), "not zeroed");
            assertArrayEquals(new double[6], workspace.zeros(2, 3).toDoubleArray(), "the pool's next one, zeroed");
        }
        assertArrayEquals(new double[6], workspace.overwritten(2, 3).toDoubleArray(), "outside a scope: new zeros");
        assertEquals(2, workspace.tensorsHeld());
    }

    @Test
    void scopesDoNotNest() {
        try (Workspace.Scope scope = workspace.open()) {
            assertThrows(IllegalStateException.class, workspace::open);
        }
    }
}
