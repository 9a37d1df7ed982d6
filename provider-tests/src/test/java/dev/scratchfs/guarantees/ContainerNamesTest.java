package dev.scratchfs.guarantees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.Sets;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scratch file system adds exactly one entry to its directory, named {@code prefix + six
 * characters of [a-z0-9_] + suffix}, and many file systems in one directory never share a name.
 */
class ContainerNamesTest {
  @TempDir Path testDir;

  private static String containerName(FileSystem fs) {
    return TmpFileSystems.unwrap(fs.getPath("/")).getParent().getFileName().toString();
  }

  @Test
  void theContainerIsTheOneNewEntryAndHasTheDefaultNameForm() throws IOException {
    Files.writeString(testDir.resolve("already-here"), "x");
    Set<String> before = Disk.names(testDir);
    try (FileSystem fs = TmpFileSystems.builder().dir(testDir).build()) {
      Set<String> added = Sets.difference(Disk.names(testDir), before);
      assertEquals(1, added.size(), "entries added: " + added);
      String name = added.iterator().next();
      assertTrue(Pattern.matches("scratchfs-[a-z0-9_]{6}", name), name);
      assertEquals(name, containerName(fs));
      assertTrue(Files.isDirectory(testDir.resolve(name)));
      assertEquals(
          Set.of("owner.lock", "root"), Disk.names(testDir.resolve(name)),
          "container holds the tree and the live-owner lock, nothing else");
    }
    assertEquals(before, Disk.names(testDir), "after close");
  }

  @Test
  void theUriFormTakesTheSameOptionsAndAddsOneEntry() throws IOException {
    Set<String> before = Disk.names(testDir);
    try (FileSystem fs =
        FileSystems.newFileSystem(
            URI.create("tmp:/"), Map.of("dir", testDir, "prefix", "uri-", "suffix", ".d"))) {
      Set<String> added = Sets.difference(Disk.names(testDir), before);
      assertEquals(1, added.size(), "entries added: " + added);
      assertTrue(Pattern.matches("uri-[a-z0-9_]{6}\\.d", added.iterator().next()), added.toString());
      assertEquals(added.iterator().next(), containerName(fs));
    }
    assertEquals(before, Disk.names(testDir));
  }

  @Test
  void prefixAndSuffixFrameTheRandomPart() throws IOException {
    String[][] cases = {{"job.", ".scratch"}, {"", ""}, {"x", ""}, {"", "-end"}, {"a b+(c)", "[]"}};
    for (String[] c : cases) {
      Set<String> before = Disk.names(testDir);
      try (FileSystem fs =
          TmpFileSystems.builder().dir(testDir).prefix(c[0]).suffix(c[1]).build()) {
        Set<String> added = Sets.difference(Disk.names(testDir), before);
        assertEquals(1, added.size(), "entries added: " + added);
        String name = added.iterator().next();
        String pattern = Pattern.quote(c[0]) + "[a-z0-9_]{6}" + Pattern.quote(c[1]);
        assertTrue(Pattern.matches(pattern, name), name + " !~ " + pattern);
        assertEquals(name, containerName(fs));
      }
      assertEquals(before, Disk.names(testDir), "after close, prefix '" + c[0] + "'");
    }
  }

  @Test
  void twoHundredFileSystemsInOneDirectoryHaveUniqueNamesAndAllGoAway() throws IOException {
    List<FileSystem> open = new ArrayList<>();
    Set<String> names = new HashSet<>();
    try {
      for (int i = 0; i < 200; i++) {
        FileSystem fs = TmpFileSystems.builder().dir(testDir).build();
        open.add(fs);
        Files.writeString(fs.getPath("/id"), Integer.toString(i));
        assertTrue(names.add(containerName(fs)), "duplicate name " + containerName(fs));
      }
      assertEquals(names, Disk.names(testDir), "one container per file system on disk");
      for (int i = 0; i < open.size(); i++) {
        assertEquals(Integer.toString(i), Files.readString(open.get(i).getPath("/id")));
      }
    } finally {
      for (FileSystem fs : open) {
        fs.close();
      }
    }
    assertEquals(Set.of(), Disk.names(testDir));
  }
}
