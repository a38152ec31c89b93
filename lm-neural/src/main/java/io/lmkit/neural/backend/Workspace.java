package io.lmkit.neural.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a network's scratch tensors (activations, gradients of one step or segment) come
 * from. Outside a {@linkplain #open() scope} every {@link #zeros} is a new tensor from the backend,
 * owned by the caller. Inside a scope the tensors are lent: closing the scope takes them all back,
 * and the next scope hands the same tensors out again, zeroed, so that a training step of the same
 * shape as the one before allocates no tensor (and no native memory on a device backend), as
 * {@link ComputeBackend} promises. A lent tensor must not be used after its scope closes; what must
 * outlive a step (the state carried to the next segment) is copied out before.
 *
 * <p>Like the backend, a workspace is used by one thread at a time.
 */
public final class Workspace implements AutoCloseable {

    private final ComputeBackend backend;
    private final List<Pool> pools = new ArrayList<>();
    private final Scope scope = new Scope();
    private boolean open;

    /** A workspace over {@code backend}, holding no tensor yet. */
    public Workspace(ComputeBackend backend) {
        this.backend = backend;
    }

    /** The backend the tensors come from. */
    public ComputeBackend backend() {
        return backend;
    }

    /**
     * A rows × cols tensor of zeros (+0 exactly, as a new tensor holds): lent until the scope
     * closes if one is open, else a new tensor of the caller's.
     */
    public Tensor zeros(int rows, int cols) {
        return open ? pool(rows, cols).take(true) : backend.zeros(rows, cols);
    }

    /**
     * A rows × cols tensor whose values are left as they are: for an output that the caller overwrites
     * whole (a matrix product with beta = 0), so that a large one is not zeroed first for nothing. Lent
     * until the scope closes if one is open (holding what it last held), else a new tensor of zeros.
     */
    public Tensor overwritten(int rows, int cols) {
        return open ? pool(rows, cols).take(false) : backend.zeros(rows, cols);
    }

    /**
     * Opens a scope: from now until it closes, {@link #zeros} lends tensors. Use with
     * try-with-resources; scopes do not nest.
     */
    public Scope open() {
        if (open) {
            throw new IllegalStateException("a workspace scope is already open");
        }
        open = true;
        return scope;
    }

    /** How many tensors the workspace holds (lent or free), for tests and diagnostics. */
    public int tensorsHeld() {
        int n = 0;
        for (Pool p : pools) {
            n += p.size;
        }
        return n;
    }

    /** Frees every tensor the workspace holds (native memory on device backends); it stays usable. */
    @Override
    public void close() {
        for (Pool p : pools) {
            p.close();
        }
        pools.clear();
    }

    /** The pool of one shape; a linear search, as a network has a handful of shapes. */
    private Pool pool(int rows, int cols) {
        for (Pool p : pools) {
            if (p.rows == rows && p.cols == cols) {
                return p;
            }
        }
        Pool p = new Pool(rows, cols);
        pools.add(p);
        return p;
    }

    /** The lending period of a workspace: closing it takes back every tensor lent since it opened. */
    public final class Scope implements AutoCloseable {

        private Scope() {
        }

        /** Takes back every lent tensor; they are handed out again, zeroed, in the next scope. */
        @Override
        public void close() {
            for (Pool p : pools) {
                p.lent = 0;
            }
            open = false;
        }
    }

    /** The tensors of one shape: [0, lent) are lent, [lent, size) are free. */
    private final class Pool {
        final int rows;
        final int cols;
        Tensor zero;                 // never lent: the source of +0 for a reused tensor
        Tensor[] tensors = new Tensor[4];
        int size;
        int lent;

        Pool(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
        }

        Tensor take(boolean zeroed) {
            if (lent < size) {
                Tensor t = tensors[lent++];
                if (zeroed) {
                    if (zero == null) {
                        zero = backend.zeros(rows, cols);
                    }
                    backend.copy(zero, t);
                }
                return t;
            }
            if (size == tensors.length) {
                tensors = Arrays.copyOf(tensors, 2 * size);
            }
            Tensor t = backend.zeros(rows, cols);
            tensors[size++] = t;
            lent++;
            return t;
        }

        void close() {
            for (int i = 0; i < size; i++) {
                tensors[i].close();
            }
            if (zero != null) {
                zero.close();
            }
        }
    }
}
