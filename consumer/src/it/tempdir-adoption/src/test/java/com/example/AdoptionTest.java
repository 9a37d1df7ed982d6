package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.File;
import java.io.FileWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain JUnit tests; only junit-platform.properties makes their @TempDir scratch directories. */
class AdoptionTest {
  @TempDir Path dir;

  @Test
  void pathTempDirIsInAScratchFileSystem() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "a");
    assertEquals("a", Files.readString(dir.resolve("a.txt")));
    assertEquals("tmp", dir.getFileSystem().provider().getScheme());
    Path onDisk = TmpFileSystems.unwrap(dir);
    assertTrue(onDisk.startsWith(System.getenv("TMPDIR")), onDisk + " is in TMPDIR");
    assertEquals("rwx------", mode(onDisk));
    assertEquals("rw-------", mode(onDisk.resolve("a.txt")));
    System.out.println("consumer: @TempDir Path " + dir.toUri() + " on disk " + onDisk);
    System.out.println("consumer: on JUnit " + Test.class.getPackage().getImplementationVersion());
  }

  @Test
  void fileTempDirIsAPrivateDirectoryOnDisk(@TempDir File files) throws IOException {
    try (Writer out = new FileWriter(new File(files, "b.txt"))) {
      out.write("b");
    }
    assertEquals("b", Files.readString(files.toPath().resolve("b.txt")));
    assertTrue(files.toPath().startsWith(System.getenv("TMPDIR")), files + " is in TMPDIR");
    assertEquals("rwx------", mode(files.toPath()));
    assertEquals("rwx------", mode(files.toPath().getParent().getParent()));
    System.out.println("consumer: @TempDir File " + files);
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
