/**
 * Opens {@code tmp:} URLs: {@code path.toUri().toURL().openStream()}, {@code URLClassLoader} and
 * everything else that reads through {@link java.net.URL} work on scratch files while their file
 * system is open. Registered as a {@link java.net.spi.URLStreamHandlerProvider} (in {@code
 * module-info} and {@code META-INF/services}); not exported, because no code calls it directly.
 */
package dev.scratchfs.url;
