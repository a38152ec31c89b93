/**
 * The {@code lmkit} command (picocli).
 *
 * <p><b>Implementation, not public API</b>: the command line is this module's interface (its commands,
 * options and exit codes, documented in README.md), not its classes. Its classes may change or move in any
 * release; do not depend on them.
 */
package io.lmkit.cli.internal;
