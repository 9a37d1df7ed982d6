package dev.scratchfs.interop;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the JDK's own {@code java.nio.file} tests and jimfs's tests found when run against {@code
 * tmp:}: each behaviour here is the delegate's, which {@code tmp:} must match.
 */
class JdkSuiteFindingsTest {
  @TempDir Path testDir;

  private FileSystem open() throws IOException {
    return TmpFileSystems.builder().dir(testDir).build();
  }

  @Test
  void theJdksInterruptibleCopyOptionIsTaken() throws Exception {
    CopyOption interruptible = (CopyOption) Enum.valueOf(
        Class.forName("com.sun.nio.file.ExtendedCopyOption").asSubclass(Enum.class),
        "INTERRUPTIBLE");
    try (FileSystem fs = open()) {
      Files.writeString(fs.getPath("/a"), "x");
      Files.copy(fs.getPath("/a"), fs.getPath("/b"), interruptible);
      assertEquals("x", Files.readString(fs.getPath("/b")));
    }
  }

  @Test
  void registeringWithANullWatchServiceIsANullPointerException() throws IOException {
    try (FileSystem fs = open()) {
      Path dir = Files.createDirectory(fs.getPath("/d"));
      assertThrows(NullPointerException.class, () -> dir.register(null, ENTRY_CREATE));
    }
  }

  @Test
  void aSecureStreamsChildStreamShowsEntriesAsTheDefaultProviderDoes() throws IOException {
    try (FileSystem fs = open()) {
      Files.createDirectories(fs.getPath("/foo/c"));
      Files.createFile(fs.getPath("/foo/c/d"));
      List<String> listed = new ArrayList<>();
      try (SecureDirectoryStream<Path> s =
              (SecureDirectoryStream<Path>) Files.newDirectoryStream(fs.getPath("foo"));
          DirectoryStream<Path> c = s.newDirectoryStream(fs.getPath("c"))) {
        c.forEach(p -> listed.add(p.toString()));
      }
      assertEquals(List.of("foo/c/d"), listed);
    }
  }

  @Test
  void afterCloseTheFileSystemAndItsViewsRefuseEveryCall() throws IOException {
    FileSystem fs = open();
    BasicFileAttributeView view = Files.getFileAttributeView(
        Files.createFile(fs.getPath("/foo")), BasicFileAttributeView.class);
    fs.close();
    assertThrows(ClosedFileSystemException.class, () -> fs.getPath("/foo"));
    assertThrows(ClosedFileSystemException.class, fs::getRootDirectories);
    assertThrows(ClosedFileSystemException.class, () -> fs.getPathMatcher("glob:*"));
    assertThrows(ClosedFileSystemException.class, fs::getUserPrincipalLookupService);
    assertThrows(ClosedFileSystemException.class, fs::supportedFileAttributeViews);
    assertThrows(ClosedFileSystemException.class, () -> view.setTimes(null, null, null));
    assertThrows(ClosedFileSystemException.class, view::readAttributes);
  }

  @Test
  void deleteOnCloseRefusesALinkOverEveryDelegateAsTheDefaultProviderDoes() throws IOException {
    try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix());
        FileSystem overDefault = open();
        FileSystem overJimfs = TmpFileSystems.builder().dir(jimfs.getPath("/")).build()) {
      for (FileSystem fs : List.of(overDefault, overJimfs)) {
        Path target = Files.writeString(fs.getPath("/t"), "kept");
        Path link = Files.createSymbolicLink(fs.getPath("/l"), fs.getPath("t"));
        IOException refused = assertThrows(IOException.class, () -> Files.newByteChannel(link,
            StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE));
        assertTrue(refused.getMessage().contains("symbolic links"), refused.getMessage());
        assertTrue(Files.exists(link, LinkOption.NOFOLLOW_LINKS), fs + ": the link stays");
        assertEquals("kept", Files.readString(target), fs + ": the target stays");
      }
    }
  }
}
