/**
 * Plugin discovery: the {@link io.lmkit.core.plugin.ModelProvider} SPI (a model family as a {@code
 * META-INF/services} plugin), the registries, the Guice module and the binding of {@code key=value}
 * settings to config records.
 *
 * <p><b>Public API</b> of lm-core: kept binary compatible between releases once a release exists (checked
 * by japicmp; see docs/API.md).
 */
package io.lmkit.core.plugin;
