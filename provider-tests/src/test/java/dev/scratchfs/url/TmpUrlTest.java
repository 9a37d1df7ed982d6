package dev.scratchfs.url;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.LeakedHandlesException;
import dev.scratchfs.TmpFileSystems;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.UnknownServiceException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.AllPermission;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tmp:} URLs opened through {@link URL}, as any library does: the handler is the one the JDK
 * finds through {@code META-INF/services} on this test's class path. Scratch roots go to this test's
 * own directory, and each test's file system fails on handles left open.
 */
class TmpUrlTest {
  /** 2020-09-13T12:26:40Z. */
  private static final long MODIFIED = 1_600_000_000_000L;

  @TempDir Path dir;
  private FileSystem fs;

  @BeforeEach
  void open() throws IOException {
    fs = TmpFileSystems.builder().dir(dir).leaks("fail").build();
  }

  @AfterEach
  void close() throws IOException {
    fs.close();
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "the scratch root is gone");
    }
  }

  @Test
  void openStreamReadsTheFile() throws IOException {
    Path file = Files.writeString(fs.getPath("/notes.txt"), "hello");
    URL url = file.toUri().toURL();

    assertEquals("tmp", url.getProtocol());
    assertEquals(file.toUri().toString(), url.toString());
    try (InputStream in = url.openStream()) {
      assertEquals("hello", new String(in.readAllBytes(), UTF_8));
    }
    assertEquals(file, Path.of(URI.create(url.toString())), "the URL names the same path");
  }

  @Test
  void theConnectionReportsLengthTypeAndLastModifiedWithoutOpeningTheFile() throws IOException {
    Path file = Files.writeString(fs.getPath("/notes.txt"), "hello");
    Files.setLastModifiedTime(file, FileTime.fromMillis(MODIFIED));

    URLConnection connection = file.toUri().toURL().openConnection();
    assertEquals(5, connection.getContentLengthLong());
    assertEquals(5, connection.getContentLength());
    assertEquals(MODIFIED, connection.getLastModified());
    assertEquals("text/plain", connection.getContentType());
    assertEquals("5", connection.getHeaderField("Content-Length"));
    assertEquals("Sun, 13 Sep 2020 12:26:40 GMT", connection.getHeaderField("last-modified"));
    assertEquals(MODIFIED, connection.getHeaderFieldDate("last-modified", 0));
    assertEquals(
        Map.of("content-length", List.of("5"), "content-type", List.of("text/plain"),
            "last-modified", List.of("Sun, 13 Sep 2020 12:26:40 GMT")),
        connection.getHeaderFields());
    assertEquals("content-length", connection.getHeaderFieldKey(0));
    // No stream was opened: closing with leaks=fail (in close()) would throw otherwise.
  }

  @Test
  void aMissingFileIsFileNotFoundLikeAFileUrl() throws IOException {
    URL url = fs.getPath("/missing.txt").toUri().toURL();

    FileNotFoundException e = assertThrows(FileNotFoundException.class, url::openStream);
    assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
    URLConnection connection = url.openConnection();
    assertEquals(-1, connection.getContentLengthLong());
    assertEquals(0, connection.getLastModified());
    assertNull(connection.getHeaderField("content-length"));
    assertThrows(FileNotFoundException.class, connection::getInputStream);
  }

  @Test
  void aUrlOfAClosedFileSystemIsFileNotFound() throws IOException {
    Path file = Files.writeString(fs.getPath("/notes.txt"), "hello");
    URL url = file.toUri().toURL();
    URLConnection connectedBefore = url.openConnection();
    connectedBefore.connect();
    fs.close();

    FileNotFoundException e = assertThrows(FileNotFoundException.class, url::openStream);
    assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("no open scratch file system"), e.getMessage());
    FileNotFoundException late =
        assertThrows(FileNotFoundException.class, connectedBefore::getInputStream);
    assertTrue(late.getMessage().contains("closed"), late.getMessage());
  }

  @Test
  void aDirectoryReadsAsItsSortedEntryNames() throws IOException {
    Path sub = Files.createDirectory(fs.getPath("/sub"));
    Files.writeString(sub.resolve("b.txt"), "b");
    Files.createDirectory(sub.resolve("a"));
    Files.writeString(sub.resolve("c.txt"), "c");

    URLConnection connection = sub.toUri().toURL().openConnection();
    try (InputStream in = connection.getInputStream()) {
      assertEquals("a\nb.txt\nc.txt\n", new String(in.readAllBytes(), UTF_8));
    }
    assertEquals("text/plain", connection.getContentType());
    assertEquals(-1, connection.getContentLengthLong());
  }

  @Test
  void namesWithSpacesAndNonAsciiCharactersRoundTrip() throws IOException {
    Path file = Files.writeString(fs.getPath("/ä Ä ö 中国.txt"), "wide");
    URL url = file.toUri().toURL();

    assertFalse(url.toString().contains(" "), url.toString());
    try (InputStream in = url.openStream()) {
      assertEquals("wide", new String(in.readAllBytes(), UTF_8));
    }
    URL resolvedByHand = new URL(fs.getPath("/").toUri().toURL(), "ä Ä ö 中国.txt");
    try (InputStream in = resolvedByHand.openStream()) {
      assertEquals("wide", new String(in.readAllBytes(), UTF_8), "an unquoted URL is quoted");
    }
  }

  @Test
  void aFragmentIsIgnoredAndAQueryRefused() throws IOException {
    Path file = Files.writeString(fs.getPath("/lib.jar"), "jar bytes");
    String url = file.toUri().toString();

    try (InputStream in = new URL(url + "#runtime").openStream()) {
      assertEquals("jar bytes", new String(in.readAllBytes(), UTF_8));
    }
    MalformedURLException e =
        assertThrows(MalformedURLException.class, () -> new URL(url + "?x=1").openStream());
    assertTrue(e.getMessage().contains(url + "?x=1"), e.getMessage());
  }

  @Test
  void dotDotInAUrlStaysInsideTheRoot() throws IOException {
    // A decoy beside the scratch root: no URL of the file system may reach it.
    Files.writeString(dir.resolve("decoy.txt"), "outside");
    String root = fs.getPath("/").toUri().toString();
    for (String spec : List.of("../decoy.txt", "../../decoy.txt", "../../../decoy.txt")) {
      URL url = new URL(new URL(root), spec);
      assertThrows(FileNotFoundException.class, url::openStream, url.toString());
      URL raw = new URL(root + spec);
      assertThrows(FileNotFoundException.class, raw::openStream, raw.toString());
    }
    assertEquals("outside", Files.readString(dir.resolve("decoy.txt")));
    Files.delete(dir.resolve("decoy.txt"));
  }

  @Test
  void aStreamLeftOpenIsAHandleOfTheFileSystem() throws IOException {
    // A file system of its own: the one of every test is closed again after it.
    FileSystem leaky = TmpFileSystems.builder().dir(dir).leaks("fail").build();
    // Larger than the stream's buffer, so that reading on has to reach the file again.
    Path file = Files.write(leaky.getPath("/held.txt"), new byte[64 * 1024]);
    InputStream held = file.toUri().toURL().openStream();
    assertEquals(0, held.read());

    LeakedHandlesException leak = assertThrows(LeakedHandlesException.class, leaky::close);
    assertTrue(leak.getMessage().contains("input stream /held.txt"), leak.getMessage());
    assertThrows(IOException.class, held::readAllBytes, "closed with the file system");
  }

  @Test
  void theConnectionIsReadOnly() throws IOException {
    Path file = Files.writeString(fs.getPath("/notes.txt"), "hello");
    URLConnection connection = file.toUri().toURL().openConnection();
    connection.setDoOutput(true);

    assertThrows(UnknownServiceException.class, connection::getOutputStream);
    assertEquals("hello", Files.readString(file));
  }

  @Test
  void codeLoadedFromATmpUrlGetsNoAllPermission() throws IOException {
    Path file = Files.writeString(fs.getPath("/notes.txt"), "hello");
    URLConnection connection = file.toUri().toURL().openConnection();

    assertFalse(connection.getPermission().implies(new AllPermission()),
        connection.getPermission().toString());
  }

  @Test
  void urlsOfTwoFileSystemsDifferAndEqualUrlsHashAlike() throws IOException {
    try (FileSystem other = TmpFileSystems.builder().dir(dir).build()) {
      URL here = fs.getPath("/a.txt").toUri().toURL();
      URL there = other.getPath("/a.txt").toUri().toURL();
      URL again = new URL(here.toString());

      assertNotEquals(here, there);
      assertFalse(here.sameFile(there));
      assertEquals(here, again);
      assertEquals(here.hashCode(), again.hashCode());
    }
  }
}
