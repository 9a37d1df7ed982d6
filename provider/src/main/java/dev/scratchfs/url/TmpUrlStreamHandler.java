package dev.scratchfs.url;

import java.net.InetAddress;
import java.net.URL;
import java.net.URLConnection;
import java.util.Objects;

/**
 * Opens {@link TmpUrlConnection}s. The authority of a {@code tmp:} URL names a file system, not a
 * host: equality and hash codes compare it as a string and never ask DNS, as the default handler
 * would for {@code tmp://NAME/...}.
 */
final class TmpUrlStreamHandler extends java.net.URLStreamHandler {
  @Override
  protected URLConnection openConnection(URL url) {
    return new TmpUrlConnection(url);
  }

  @Override
  protected InetAddress getHostAddress(URL url) {
    return null;
  }

  @Override
  protected boolean hostsEqual(URL a, URL b) {
    return Objects.equals(a.getHost(), b.getHost());
  }
}
