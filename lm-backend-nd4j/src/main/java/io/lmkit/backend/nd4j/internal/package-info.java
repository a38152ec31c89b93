/**
 * The {@code nd4j-cpu} and {@code nd4j-cuda} compute backends on ND4J (nd4j-api at compile time; the
 * application adds the native runtime).
 *
 * <p><b>Implementation, not public API</b>: a backend, chosen by name through {@link
 * io.lmkit.neural.backend.Backends}. Its classes may change or move in any release; do not depend on them.
 */
package io.lmkit.backend.nd4j.internal;
