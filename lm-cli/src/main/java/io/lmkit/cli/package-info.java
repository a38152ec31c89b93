/**
 * The {@code lmkit} command as a Java call ({@link io.lmkit.cli.Lmkit}).
 *
 * <p><b>Public API</b> of lm-cli: kept binary compatible between releases once a release exists (checked by
 * japicmp; see docs/API.md). The command line itself (commands, options, exit codes) is documented in README.md.
 */
package io.lmkit.cli;
