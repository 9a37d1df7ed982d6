package dev.scratchfs.guarantees;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.guarantees.Scratch.Delegate;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A file opened with {@code DELETE_ON_CLOSE} through {@code tmp:} is gone from the delegate (the disk, or jimfs, which itself ignores the option) once it is
 * closed; so also when the file system's close closes the handle.
 */
class DeleteOnCloseTest {
  @TempDir Path testDir;

  @FunctionalInterface
  interface Opener {
    Closeable open(Path p) throws IOException;
  }

  private static Map<String, Opener> openers() {
    Map<String, Opener> o = new LinkedHashMap<>();
    o.put("Files.newByteChannel", p -> {
      SeekableByteChannel c = Files.newByteChannel(p, CREATE_NEW, WRITE, DELETE_ON_CLOSE);
      c.write(ByteBuffer.wrap("data".getBytes(StandardCharsets.UTF_8)));
      return c;
    });
    o.put("FileChannel.open", p -> {
      FileChannel c = FileChannel.open(p, CREATE_NEW, WRITE, READ, DELETE_ON_CLOSE);
      c.write(ByteBuffer.wrap("data".getBytes(StandardCharsets.UTF_8)));
      return c;
    });
    o.put("AsynchronousFileChannel.open", p -> {
      AsynchronousFileChannel c =
          AsynchronousFileChannel.open(p, CREATE_NEW, WRITE, DELETE_ON_CLOSE);
      try {
        c.write(ByteBuffer.wrap("data".getBytes(StandardCharsets.UTF_8)), 0).get();
      } catch (Exception e) {
        throw new IOException(e);
      }
      return c;
    });
    o.put("Files.newOutputStream", p -> {
      OutputStream out = Files.newOutputStream(p, CREATE_NEW, WRITE, DELETE_ON_CLOSE);
      out.write("data".getBytes(StandardCharsets.UTF_8));
      out.flush();
      return out;
    });
    o.put("SecureDirectoryStream.newByteChannel", p -> {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(p.getParent())) {
        SeekableByteChannel c = ((SecureDirectoryStream<Path>) s)
            .newByteChannel(p.getFileName(), Set.of(CREATE_NEW, WRITE, DELETE_ON_CLOSE));
        c.write(ByteBuffer.wrap("data".getBytes(StandardCharsets.UTF_8)));
        return c;
      }
    });
    return o;
  }

  @ParameterizedTest
  @EnumSource(Delegate.class)
  void theFileIsGoneFromTheDelegateWhenTheHandleCloses(Delegate delegate) throws IOException {
    try (Scratch scratch = Scratch.open(delegate, testDir)) {
      Path dir = Files.createDirectory(scratch.path("/d"));
      for (Map.Entry<String, Opener> e : openers().entrySet()) {
        Path p = dir.resolve(e.getKey());
        Path onDelegate = scratch.disk(p);
        Closeable handle = e.getValue().open(p);
        if (delegate == Delegate.JIMFS) {
          // The JDK on Linux unlinks such a file right after opening it; jimfs keeps it until the
          // emulation in tmp: deletes it.
          assertTrue(Files.exists(onDelegate, NOFOLLOW_LINKS), e.getKey() + ": exists while open");
          assertEquals("data", Files.readString(onDelegate), e.getKey() + ": content while open");
        }
        handle.close();
        assertFalse(Files.exists(onDelegate, NOFOLLOW_LINKS), e.getKey() + ": left on " + delegate);
        assertFalse(Files.exists(p, NOFOLLOW_LINKS), e.getKey() + ": visible through tmp:");
      }
      assertEquals(Set.of(), Disk.names(scratch.disk(dir)));
    }
  }

  @ParameterizedTest
  @EnumSource(Delegate.class)
  void closingTheFileSystemClosesAndDeletesToo(Delegate delegate) throws IOException {
    Scratch scratch = Scratch.open(delegate, testDir);
    try {
      Path p = scratch.path("/doc");
      Path onDelegate = scratch.disk(p);
      Path container = onDelegate.getParent().getParent();
      SeekableByteChannel c = Files.newByteChannel(p, CREATE_NEW, WRITE, DELETE_ON_CLOSE);
      assertEquals(delegate == Delegate.JIMFS, Files.exists(onDelegate), "exists while open");
      scratch.fs().close();
      assertFalse(c.isOpen());
      assertFalse(Files.exists(onDelegate, NOFOLLOW_LINKS));
      assertFalse(Files.exists(container, NOFOLLOW_LINKS));
      assertEquals(Set.of(), Disk.names(scratch.dir()));
    } finally {
      scratch.close();
    }
  }
}
