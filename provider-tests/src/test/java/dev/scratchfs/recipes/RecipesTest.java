package dev.scratchfs.recipes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.net.URI;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's recipes, run: each is the code between {@code // example: NAME} and {@code // end
 * example}, which {@code ReadmeExamplesTest} checks the README shows character for character. Each
 * recipe's scratch file system is made in this test's own directory, and the checks after it read
 * the real disk.
 */
class RecipesTest {
  @TempDir Path testDir;

  @Test
  void quickStart() throws IOException {
    dev.scratchfs.TempFiles.settempdir(testDir); // the default dir of tmp:/ is gettempdir()
    try {
      List<Path> listed = new ArrayList<>();
      Path onDisk;
      // example: quickstart
      try (FileSystem scratch = FileSystems.newFileSystem(URI.create("tmp:/"), Map.of())) {
        Path work = scratch.getPath("/work");
        Files.createDirectory(work); // rwx------ on disk
        Files.writeString(work.resolve("notes.txt"), "hello");
        try (Stream<Path> all = Files.walk(scratch.getPath("/"))) {
          all.forEach(listed::add); // /, /work, /work/notes.txt
        }
      } // every handle closed, the tree deleted
      // end example
      assertEquals(List.of("/", "/work", "/work/notes.txt"),
          listed.stream().map(Path::toString).toList());
      try (Stream<Path> left = Files.list(testDir)) {
        assertEquals(List.of(), left.toList(), "the scratch root is gone after close");
      }
    } finally {
      dev.scratchfs.TempFiles.settempdir(null);
    }
  }

  /** A zip whose entries try every way out: parent climbs, absolute names, and a plain file. */
  private Path hostileZip() throws IOException {
    Path zip = testDir.resolve("upload.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name :
          List.of("../../../outside.txt", "/etc/cron.d/evil", "docs/", "docs/readme.txt",
              "docs/../../../also-outside.txt")) {
        out.putNextEntry(new ZipEntry(name));
        if (!name.endsWith("/")) {
          out.write(("content of " + name).getBytes(UTF_8));
        }
        out.closeEntry();
      }
    }
    return zip;
  }

  @Test
  void unpackAnUntrustedZip() throws IOException {
    Path upload = hostileZip();
    Path tempDir = Files.createDirectory(testDir.resolve("scratch"));
    List<String> unpacked = new ArrayList<>();
    Path rootOnDisk;
    // example: recipe-zip
    try (FileSystem scratch = TmpFileSystems.builder().dir(tempDir).quota("64MiB").build();
        ZipInputStream zip = new ZipInputStream(Files.newInputStream(upload))) {
      Path root = scratch.getPath("/");
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        // "../../x" and "/etc/x" resolve inside the scratch root: there is no way out.
        Path target = root.resolve(entry.getName()).normalize();
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target); // a zip bomb stops at the quota with an IOException
        }
      }
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(Files::isRegularFile).forEach(p -> unpacked.add(p.toString()));
      }
      // end example
      rootOnDisk = TmpFileSystems.unwrap(root);
      for (String p : unpacked) {
        assertTrue(TmpFileSystems.unwrap(scratch.getPath(p)).startsWith(rootOnDisk), p);
      }
    }
    unpacked.sort(null);
    assertEquals(
        List.of("/also-outside.txt", "/docs/readme.txt", "/etc/cron.d/evil", "/outside.txt"),
        unpacked);
    try (Stream<Path> left = Files.list(testDir)) {
      assertEquals(
          List.of(tempDir, upload), left.sorted().toList(),
          "nothing was written next to or above the scratch directory");
    }
    try (Stream<Path> left = Files.list(tempDir)) {
      assertEquals(List.of(), left.toList(), "the scratch root is gone after close");
    }
  }

  @Test
  void zipBombStopsAtTheQuota() throws IOException {
    Path bomb = testDir.resolve("bomb.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
      out.putNextEntry(new ZipEntry("zeros"));
      out.write(new byte[4 << 20]); // 4 MiB of zeros compress to a few KiB
      out.closeEntry();
    }
    try (FileSystem scratch =
            TmpFileSystems.builder().dir(testDir).quota("1MiB").build();
        ZipInputStream zip = new ZipInputStream(Files.newInputStream(bomb))) {
      zip.getNextEntry();
      Path target = scratch.getPath("/zeros");
      assertThrows(FileSystemException.class, () -> Files.copy(zip, target));
      assertTrue(Files.size(target) <= 1 << 20, "never more than the quota on disk");
    }
  }

  @Test
  void handAScratchFileToAnExternalProgram() throws Exception {
    String sorted;
    // example: recipe-unwrap
    try (FileSystem scratch = TmpFileSystems.builder().dir(testDir).build()) {
      Path input = scratch.getPath("/input.txt");
      Files.writeString(input, "pear\napple\nfig\n");
      Path onDisk = TmpFileSystems.unwrap(input); // the real path, inside the private root
      Process sort = new ProcessBuilder("sort", onDisk.toString()).start();
      sorted = new String(sort.getInputStream().readAllBytes(), UTF_8);
      sort.waitFor(60, TimeUnit.SECONDS);
    } // the file, and the directory the program saw, are gone here
    // end example
    assertEquals("apple\nfig\npear\n", sorted);
    try (Stream<Path> left = Files.list(testDir)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void sizeAQuotaForAJob() throws IOException {
    long needed = 3 << 20;
    boolean refused;
    long totalSpace;
    // example: recipe-quota
    try (FileSystem scratch = TmpFileSystems.builder().dir(testDir).quota("2MiB").build()) {
      FileStore store = Files.getFileStore(scratch.getPath("/"));
      totalSpace = store.getTotalSpace(); // the quota: 2 MiB
      if (store.getUsableSpace() < needed) {
        // Fail early, before writing anything, rather than half-way through.
        refused = true;
      } else {
        refused = false;
        writeOutput(scratch.getPath("/out.bin"), needed);
      }
    }
    // end example
    assertEquals(2 << 20, totalSpace);
    assertTrue(refused, "3 MiB do not fit a 2 MiB quota");
  }

  @Test
  void aJobThatWritesPastItsQuotaFailsAtTheWriteThatPassesIt() throws IOException {
    try (FileSystem scratch = TmpFileSystems.builder().dir(testDir).quota("2MiB").build()) {
      Path out = scratch.getPath("/out.bin");
      IOException e = assertThrows(IOException.class, () -> writeOutput(out, 3 << 20));
      assertTrue(e.getMessage().contains("quota"), e.getMessage());
      long onDisk = Files.size(TmpFileSystems.unwrap(out));
      assertTrue(onDisk <= 2 << 20, "the quota held on disk: " + onDisk);
      assertFalse(onDisk == 0, "what fitted was written");
    }
  }

  private static void writeOutput(Path file, long bytes) throws IOException {
    byte[] chunk = new byte[64 << 10];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < bytes; written += chunk.length) {
        out.write(chunk);
      }
    }
  }

  @Test
  void aScratchFileIsReadableAfterAChannelWroteIt() throws IOException {
    // Used by the README's quick start: a channel and a stream see the same bytes.
    try (FileSystem scratch = TmpFileSystems.builder().dir(testDir).build()) {
      Path p = scratch.getPath("/c.bin");
      try (SeekableByteChannel ch =
          Files.newByteChannel(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap("abc".getBytes(UTF_8)));
      }
      try (InputStream in = Files.newInputStream(p)) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        assertEquals("abc", b.toString(UTF_8));
      }
    }
  }
}
