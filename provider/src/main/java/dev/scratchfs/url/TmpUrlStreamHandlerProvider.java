package dev.scratchfs.url;

import dev.scratchfs.TmpFileSystems;
import java.net.URLStreamHandler;
import java.net.spi.URLStreamHandlerProvider;

/**
 * Makes the JDK open {@code tmp:} URLs. {@link java.net.URL} finds it through {@link
 * java.util.ServiceLoader} with the system class loader, so it works wherever the scratchfs jar is
 * on the class path or the module path of the application (not when only a child class loader
 * holds it).
 *
 * <p>A {@code tmp:} URL reads the file its URI names, {@code Path.of(url.toURI())}, while that
 * file's scratch file system is open: {@code path.toUri().toURL().openStream()} reads {@code path}.
 * A URL of a directory reads as its sorted entry names, one a line, like a {@code file:} URL. The
 * connection is read-only; everything goes through the public NIO API of the {@code tmp:} provider,
 * so confinement holds and every stream opened is one of the file system's handles (closed with it,
 * and reported as a leak if left open).
 */
public final class TmpUrlStreamHandlerProvider extends URLStreamHandlerProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} does this. */
  public TmpUrlStreamHandlerProvider() {}

  /**
   * Returns the handler of {@code tmp:} URLs.
   *
   * @param protocol the URL's protocol, in lower case
   * @return the {@code tmp:} handler, or null for any other protocol
   */
  @Override
  public URLStreamHandler createURLStreamHandler(String protocol) {
    return TmpFileSystems.SCHEME.equalsIgnoreCase(protocol) ? new TmpUrlStreamHandler() : null;
  }
}
