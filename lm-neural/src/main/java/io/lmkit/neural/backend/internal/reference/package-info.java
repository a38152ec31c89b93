/**
 * The {@code reference} compute backend: float64 loops, exact and slow, for gradient checks.
 *
 * <p><b>Implementation, not public API</b>: a backend, chosen by name through {@link
 * io.lmkit.neural.backend.Backends}. Its classes may change or move in any release; do not depend on them.
 */
package io.lmkit.neural.backend.internal.reference;
