package dev.scratchfs.provider;

import java.net.URI;

/**
 * The forms of {@code tmp:} URIs.
 *
 * <ul>
 *   <li>{@code tmp:/} — to {@code newFileSystem}: a fresh anonymous file system each call; to {@code
 *       getFileSystem}: the JVM-wide shared one.
 *   <li>{@code tmp://NAME/} — the named file system {@code NAME}.
 *   <li>{@code tmp:/a/b}, {@code tmp://NAME/a/b} — to {@code Path.of(URI)}: a path in the shared or
 *       named file system.
 * </ul>
 *
 * A query, fragment, user-info or port, an opaque form ({@code tmp:x}) or another scheme is an
 * {@link IllegalArgumentException} naming the URI.
 */
final class TmpUri {
  /** The URI scheme. */
  public static final String SCHEME = "tmp";

  private TmpUri() {}

  /**
   * Checks the parts every {@code tmp:} URI must have right.
   *
   * @param uri the URI
   * @return the authority (file system name), or null for the shared or a new anonymous one
   * @throws IllegalArgumentException if the URI is not a well-formed {@code tmp:} URI
   */
  public static String authority(URI uri) {
    if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase(SCHEME)) {
      throw new IllegalArgumentException("URI scheme is not \"tmp\": " + uri);
    }
    if (uri.isOpaque()) {
      throw new IllegalArgumentException("tmp: URI must be hierarchical (tmp:/...): " + uri);
    }
    if (uri.getRawQuery() != null) {
      throw new IllegalArgumentException("tmp: URI must not have a query: " + uri);
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("tmp: URI must not have a fragment: " + uri);
    }
    String authority = uri.getAuthority();
    if (authority == null) {
      return null;
    }
    if (authority.isEmpty() || authority.indexOf('@') >= 0 || authority.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "tmp: URI authority must be a plain name, without user or port: " + uri);
    }
    return authority;
  }

  /**
   * Checks that a URI names a whole file system ({@code tmp:/} or {@code tmp://NAME/}).
   *
   * @param uri the URI
   * @return the authority, or null
   * @throws IllegalArgumentException if the URI has a path other than {@code /}
   */
  public static String fileSystemAuthority(URI uri) {
    String authority = authority(uri);
    String path = uri.getPath();
    if (!(path == null || path.isEmpty() || path.equals("/"))) {
      throw new IllegalArgumentException(
          "a tmp: file system URI must have the path \"/\", not \"" + path + "\": " + uri);
    }
    return authority;
  }

  /**
   * Returns the URI of a path.
   *
   * @param authority the file system's name, or null for the shared file system
   * @param absolutePath an absolute path string
   * @return the URI
   */
  public static URI of(String authority, String absolutePath) {
    try {
      return new URI(SCHEME, authority, absolutePath, null, null);
    } catch (java.net.URISyntaxException e) {
      throw new AssertionError("a tmp: path always forms a URI: " + absolutePath, e);
    }
  }
}
