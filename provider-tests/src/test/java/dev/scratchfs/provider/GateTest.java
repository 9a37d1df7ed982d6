package dev.scratchfs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The steps of {@link Gate}, one by one, and the layers a file system's channels get. */
class GateTest {
  @TempDir Path testDir;

  private TmpFileSystem open() throws IOException {
    return (TmpFileSystem) TmpFileSystems.builder().dir(testDir).build();
  }

  @Test
  void checkTakesOnlyPathsOfItsOwnOpenFileSystem() throws IOException {
    try (TmpFileSystem fs = open(); TmpFileSystem other = open()) {
      Gate gate = fs.rootGate();
      assertThrows(NullPointerException.class, () -> gate.check(null));
      assertThrows(ProviderMismatchException.class, () -> gate.check(other.getPath("/a")));
      assertThrows(ProviderMismatchException.class, () -> gate.check(Path.of("/a")));
      TmpPath p = fs.getPath("/a");
      assertSame(p, gate.check(p));
      fs.close();
      assertThrows(ClosedFileSystemException.class, () -> gate.check(p));
    }
  }

  @Test
  void mappingConfinesAndIsRememberedOnlyWhereItCannotDependOnAStartingDirectory()
      throws IOException {
    try (TmpFileSystem fs = open()) {
      Path root = TmpFileSystems.unwrap(fs.getPath("/"));
      TmpPath climbing = fs.getPath("../../x");
      assertEquals(root.resolve("x"), fs.rootGate().mapByPath(climbing));
      assertSame(fs.rootGate().mapByPath(climbing), climbing.cachedDelegate());
      Files.createDirectories(fs.getPath("/d/e"));
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(fs.getPath("/d"))) {
        Gate dirGate = ((TmpSecureDirectoryStream) stream).gate();
        TmpPath relative = fs.getPath("e");
        assertEquals(Path.of("e"), dirGate.map(relative), "relative to the open directory");
        assertEquals(root.resolve("d/e"), dirGate.mapByPath(relative));
        assertEquals(null, relative.cachedDelegate(), "not remembered: it depends on the start");
        assertEquals(fs.getPath("/d/e"), dirGate.absolute(relative));
      }
    }
  }

  @Test
  void translationNamesTheCallersPathAndAfterACloseReportsTheClose() throws IOException {
    try (TmpFileSystem fs = open()) {
      TmpPath missing = fs.getPath("missing/file");
      NoSuchFileException e = assertThrows(NoSuchFileException.class,
          () -> fs.rootGate().newByteChannel(missing, Set.of(StandardOpenOption.READ), "t"));
      assertEquals("missing/file", e.getFile());
      fs.close();
      ClosedFileSystemException closed = assertThrows(ClosedFileSystemException.class,
          () -> fs.rootGate().translate(new NoSuchFileException("x"), missing));
      assertTrue(closed.getCause() instanceof NoSuchFileException);
    }
  }

  @Test
  void overTheDefaultFileSystemWithoutQuotaChannelsAreTheDelegatesOwn() throws IOException {
    try (TmpFileSystem fs = open()) {
      assertEquals(1, fs.channelLayers().size(), "tracking only");
      try (SeekableByteChannel c = Files.newByteChannel(
          fs.getPath("/f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        assertEquals("sun.nio.ch.FileChannelImpl", c.getClass().getName());
      }
    }
  }

  @Test
  void layersFollowTheDelegateAndTheOptionsInOneOrder() throws IOException {
    try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix());
        FileSystem acl = Jimfs.newFileSystem(
            Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "acl").build());
        TmpFileSystem overJimfs = (TmpFileSystem) TmpFileSystems.builder()
            .dir(jimfs.getPath("/")).quota("1MiB").build();
        TmpFileSystem overAcl = (TmpFileSystem) TmpFileSystems.builder()
            .dir(acl.getPath("/")).build()) {
      List<ChannelOpening.Layer> layers = overJimfs.channelLayers();
      assertEquals(3, layers.size());
      assertSame(ChannelLayers.DELETE_ON_CLOSE_EMULATION, layers.get(1));
      assertSame(ChannelLayers.ACL_AFTER_CREATION, overAcl.channelLayers().get(2));
    }
  }
}
