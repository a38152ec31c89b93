/**
 * The {@code simd} compute backend: pure Java on the incubating Vector API.
 *
 * <p><b>Implementation, not public API</b>: a backend, chosen by name through {@link
 * io.lmkit.neural.backend.Backends}. Its classes may change or move in any release; do not depend on them.
 */
package io.lmkit.neural.backend.internal.simd;
