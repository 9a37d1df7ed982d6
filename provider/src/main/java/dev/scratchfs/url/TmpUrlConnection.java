package dev.scratchfs.url;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.FileNameMap;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.Permission;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A read-only connection to the file a {@code tmp:} URL names, made like the JDK's {@code file:}
 * connection: {@code content-length}, {@code content-type} and {@code last-modified} header fields,
 * a directory read as its sorted entry names, {@link FileNotFoundException} for a file that does not
 * exist.
 *
 * <p>Unlike a {@code file:} connection, connecting only reads the file's attributes; the file is
 * opened by {@link #getInputStream()}. Asking a connection for a length or a date therefore leaves
 * no stream open, which the file system would otherwise report as a leaked handle.
 */
final class TmpUrlConnection extends URLConnection {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private Path path;
  private BasicFileAttributes attributes;
  private InputStream in;

  TmpUrlConnection(URL url) {
    super(url);
  }

  /**
   * Finds the file and reads its attributes.
   *
   * @throws MalformedURLException if the URL names no {@code tmp:} path (a query, a user, a port)
   * @throws FileNotFoundException if the file does not exist, or its file system is not open
   * @throws IOException if the attributes cannot be read
   */
  @Override
  public synchronized void connect() throws IOException {
    if (connected) {
      return;
    }
    Path p = resolve(url);
    try {
      attributes = Files.readAttributes(p, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw notFound(url + " (no such file)", e);
    } catch (ClosedFileSystemException e) {
      throw notFound(url + " (its scratch file system is closed)", e);
    }
    path = p;
    connected = true;
  }

  /**
   * Opens the file for reading, or lists the directory; later calls return the same stream.
   *
   * @return a buffered stream of the file's bytes, or of the directory's sorted entry names, each
   *     followed by {@code '\n'}
   */
  @Override
  public synchronized InputStream getInputStream() throws IOException {
    connect();
    if (in == null) {
      try {
        in = attributes.isDirectory() ? listing() : new BufferedInputStream(Files.newInputStream(path));
      } catch (NoSuchFileException e) {
        throw notFound(url + " (no such file)", e);
      } catch (ClosedFileSystemException e) {
        throw notFound(url + " (its scratch file system is closed)", e);
      }
    }
    return in;
  }

  @Override
  public long getContentLengthLong() {
    return connectQuietly() && !attributes.isDirectory() ? attributes.size() : -1;
  }

  @Override
  public int getContentLength() {
    long length = getContentLengthLong();
    return length > Integer.MAX_VALUE ? -1 : (int) length;
  }

  @Override
  public long getLastModified() {
    return connectQuietly() ? attributes.lastModifiedTime().toMillis() : 0;
  }

  @Override
  public String getContentType() {
    if (!connectQuietly()) {
      return null;
    }
    if (attributes.isDirectory()) {
      return "text/plain";
    }
    FileNameMap types = URLConnection.getFileNameMap();
    String type = types.getContentTypeFor(path.toString());
    return type == null ? "content/unknown" : type;
  }

  @Override
  public String getHeaderField(String name) {
    return name == null ? null : headers().get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public String getHeaderFieldKey(int n) {
    List<String> keys = new ArrayList<>(headers().keySet());
    return n >= 0 && n < keys.size() ? keys.get(n) : null;
  }

  @Override
  public String getHeaderField(int n) {
    List<String> values = new ArrayList<>(headers().values());
    return n >= 0 && n < values.size() ? values.get(n) : null;
  }

  @Override
  public Map<String, List<String>> getHeaderFields() {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    headers().forEach((k, v) -> fields.put(k, List.of(v)));
    return Collections.unmodifiableMap(fields);
  }

  /**
   * A permission that grants nothing else. The default, {@code AllPermission}, would be given to
   * every class a {@code URLClassLoader} defines from a {@code tmp:} URL under a security manager.
   */
  @Override
  public Permission getPermission() {
    return new RuntimePermission("readTmpUrl");
  }

  private Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    if (!connectQuietly()) {
      return headers;
    }
    if (!attributes.isDirectory()) {
      headers.put("content-length", Long.toString(attributes.size()));
    }
    headers.put("content-type", getContentType());
    headers.put("last-modified", HTTP_DATE.format(attributes.lastModifiedTime().toInstant()));
    return headers;
  }

  /** Header getters cannot throw: like the JDK's connections, they answer "unknown" instead. */
  private boolean connectQuietly() {
    try {
      connect();
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private InputStream listing() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    }
    Collections.sort(names);
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      text.append(name).append('\n');
    }
    return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The path the URL names. The fragment is dropped: it names a part of the resource, not another
   * one, and {@code URLClassLoader} adds {@code #runtime} to the URL of a jar it opens.
   */
  static Path resolve(URL url) throws IOException {
    URI uri = toUri(url);
    try {
      return Path.of(uri);
    } catch (FileSystemNotFoundException e) {
      throw notFound(url + " (no open scratch file system " + url.getProtocol() + "://"
          + (url.getAuthority() == null ? "" : url.getAuthority()) + "/)", e);
    } catch (IllegalArgumentException e) {
      MalformedURLException bad =
          new MalformedURLException(url + " names no tmp: path: " + e.getMessage());
      bad.initCause(e);
      throw bad;
    }
  }

  private static URI toUri(URL url) throws MalformedURLException {
    String external = url.toExternalForm();
    int fragment = external.indexOf('#');
    if (fragment >= 0) {
      external = external.substring(0, fragment);
    }
    try {
      return new URI(external);
    } catch (URISyntaxException notQuoted) {
      // Built by hand (new URL(base, "a b")) rather than from a URI: quote what needs quoting.
      try {
        return new URI(url.getProtocol(), url.getAuthority(), url.getPath(), url.getQuery(), null);
      } catch (URISyntaxException e) {
        MalformedURLException bad = new MalformedURLException(url + " is not a URI: " + e.getMessage());
        bad.initCause(e);
        throw bad;
      }
    }
  }

  private static FileNotFoundException notFound(String message, Exception cause) {
    FileNotFoundException e = new FileNotFoundException(message);
    e.initCause(cause);
    return e;
  }
}
