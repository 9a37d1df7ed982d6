package dev.scratchfs.provider;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.guarantees.Scratch;
import dev.scratchfs.guarantees.Scratch.Delegate;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Paths that know more than their string are in every respect the paths of their string: a
 * directory stream's entries ({@link ListedPath}, made without decoding the entry's name) and
 * names resolved against a mapped path ({@link ChildPath}, which remember the parent's delegate).
 * Each is compared with the path {@code getPath} makes of the same string: equal both ways, same
 * hash, order and algebra, and mapped to the same delegate path, whichever operation comes first.
 */
class DerivedPathsTest {
  @TempDir Path testDir;

  private static final List<String> NAMES =
      List.of("a.txt", "B", "name with space", ".hidden", "x.y.z", "ä-中", "0");

  /** How the test names the listed directory: absolute, relative, trailing slash, dots. */
  private static final List<String> DIRECTORY_AS_NAMED =
      List.of("/d", "d", "/d/", "/x/../d", "d/.", "./d", "/d/e/..");

  /** Every operation whose result must not depend on how the path was made. */
  private static Map<String, Function<Path, Object>> operations() {
    Map<String, Function<Path, Object>> ops = new LinkedHashMap<>();
    ops.put("toString", Path::toString);
    ops.put("hashCode", Path::hashCode);
    ops.put("getFileName", p -> Objects.toString(p.getFileName()));
    ops.put("getParent", p -> Objects.toString(p.getParent()));
    ops.put("getNameCount", Path::getNameCount);
    ops.put("isAbsolute", Path::isAbsolute);
    ops.put("normalize", p -> p.normalize().toString());
    ops.put("toAbsolutePath", p -> p.toAbsolutePath().toString());
    ops.put("resolve", p -> p.resolve("next").toString());
    ops.put("resolveSibling", p -> p.resolveSibling("other").toString());
    ops.put("relativize from /", p -> p.toAbsolutePath().getRoot().relativize(p.toAbsolutePath())
        .toString());
    ops.put("startsWith /d", p -> p.startsWith(p.getFileSystem().getPath("/d")));
    ops.put("endsWith its name", p -> p.endsWith(p.getFileName()));
    ops.put("toUri", p -> p.toUri().toString());
    ops.put("unwrap (the mapping)", p -> TmpFileSystems.unwrap(p).toString());
    ops.put("exists", Files::exists);
    ops.put("read", p -> {
      try {
        return Files.isRegularFile(p) ? new String(Files.readAllBytes(p), UTF_8) : "(dir)";
      } catch (IOException e) {
        return e.getClass().getName();
      }
    });
    return ops;
  }

  /** What an operation gives, or the type of what it throws. */
  private static Object outcome(Function<Path, Object> op, Path p) {
    try {
      return op.apply(p);
    } catch (RuntimeException e) {
      return e.getClass().getName();
    }
  }

  private static void fill(Scratch scratch) throws IOException {
    Files.createDirectories(scratch.path("/d/e"));
    Files.createDirectories(scratch.path("/x"));
    for (String name : NAMES) {
      Files.write(scratch.path("/d", name), name.getBytes(UTF_8));
    }
  }

  /** The entries of a fresh listing, none of them looked at yet. */
  private static List<Path> list(Path dir) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    }
    return entries;
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Delegate.class)
  void listedEntriesAreThePathsOfTheirStringsWhateverIsAskedFirst(Delegate delegate)
      throws IOException {
    try (Scratch scratch = Scratch.open(delegate, testDir)) {
      fill(scratch);
      List<String> wrong = new ArrayList<>();
      for (String named : DIRECTORY_AS_NAMED) {
        Path dir = scratch.path(named);
        // The strings the default provider makes for these entries: the oracle of the algebra.
        Set<String> expected = new TreeSet<>();
        for (String name : NAMES) {
          expected.add(Path.of(named).resolve(name).toString());
        }
        expected.add(Path.of(named).resolve("e").toString());
        Set<String> listed = new TreeSet<>();
        for (Path entry : list(dir)) {
          assertInstanceOf(ListedPath.class, entry, "a stream by path lists lazily");
          listed.add(entry.toString());
        }
        assertEquals(expected, listed, "entries of " + named);
        for (Map.Entry<String, Function<Path, Object>> op : operations().entrySet()) {
          for (Path entry : list(dir)) { // fresh, so that this operation is the first one
            Path twin = scratch.path(((TmpPath) entry).string());
            Object got = outcome(op.getValue(), entry);
            Object want = outcome(op.getValue(), twin);
            boolean equal = entry.equals(twin) && twin.equals(entry)
                && entry.compareTo(twin) == 0 && twin.compareTo(entry) == 0;
            if (!Objects.equals(got, want) || !equal) {
              wrong.add(named + " " + twin + " " + op.getKey() + ": " + got + " vs " + want);
            }
          }
        }
      }
      assertEquals(List.of(), wrong);
    }
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Delegate.class)
  void aListedPathUsedFirstMapsToItsEntryOnlyAsItsStringWould(Delegate delegate)
      throws IOException {
    try (Scratch scratch = Scratch.open(delegate, testDir)) {
      fill(scratch);
      for (Path entry : list(scratch.path("/d"))) {
        TmpPath listed = (TmpPath) entry;
        assertNull(listed.cachedDelegate(), "nothing mapped before the gate maps it");
        Path mapped = TmpFileSystems.unwrap(listed);
        assertEquals(mapped, listed.cachedDelegate(), "the gate remembers what it mapped");
        assertEquals(TmpFileSystems.unwrap(scratch.path(listed.string())), mapped);
        assertEquals(scratch.dir(), mapped.getParent().getParent().getParent().getParent(),
            "inside the container's root: " + mapped);
      }
    }
  }

  /**
   * Names that are not ASCII, and bytes that do not decode at all, are shown as the JDK shows them;
   * such an entry maps as its string does (which may name another file, or none, exactly as it did
   * before entries were made lazily), never as the raw entry.
   */
  @Test
  void undecodableAndNonAsciiNamesMapAsTheirStringsDo() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
    try (Scratch scratch = Scratch.open(Delegate.DEFAULT, testDir)) {
      Path dir = Files.createDirectory(scratch.path("/raw"));
      Files.write(dir.resolve("plain"), new byte[] {1});
      // \377 is not UTF-8; \303\251 is "é" in UTF-8 and two other characters elsewhere.
      Process touch = new ProcessBuilder(
              "/bin/sh", "-c", "touch \"$(printf 'x\\377y')\" \"$(printf '\\303\\251')\"")
          .directory(scratch.disk(dir).toFile()).inheritIO().start();
      assertTrue(touch.waitFor(30, TimeUnit.SECONDS) && touch.exitValue() == 0);
      List<Path> entries = list(dir);
      assertEquals(3, entries.size(), entries.toString());
      for (Path entry : entries) {
        Path twin = scratch.path(entry.toString());
        assertEquals(TmpFileSystems.unwrap(twin), TmpFileSystems.unwrap(entry), entry.toString());
        assertEquals(Files.exists(twin), Files.exists(entry), entry.toString());
        if (entry.getFileName().toString().equals("plain")) {
          assertTrue(Files.exists(entry));
        }
      }
      for (Path entry : list(dir)) { // mapped first, string looked at only afterwards
        Path mapped = TmpFileSystems.unwrap(entry);
        assertEquals(TmpFileSystems.unwrap(scratch.path(entry.toString())), mapped);
      }
    }
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Delegate.class)
  void namesResolvedAgainstAMappedPathAreThePathsOfTheirStrings(Delegate delegate)
      throws IOException {
    try (Scratch scratch = Scratch.open(delegate, testDir)) {
      fill(scratch);
      List<String> wrong = new ArrayList<>();
      for (String named : List.of("/d", "d", "/x/../d", "/d/e/..", "", "/", "/d/e", "../d")) {
        List<String> children = new ArrayList<>(NAMES);
        children.addAll(List.of("new", "..", ".", "e/f", "", "/abs", "e/", "..."));
        for (String name : children) {
          for (Map.Entry<String, Function<Path, Object>> op : operations().entrySet()) {
            Path parent = scratch.path(named);
            Files.exists(parent); // the gate maps the parent, so children may remember it
            Path child = parent.resolve(name);
            if (child != parent) { // resolving "" gives the parent itself
              assertNull(((TmpPath) child).cachedDelegate(), "only the gate sets the mapping");
            }
            Path twin = scratch.path(Path.of(named).resolve(name).toString());
            Object got = outcome(op.getValue(), child);
            Object want = outcome(op.getValue(), twin);
            boolean equal = child.equals(twin) && twin.equals(child)
                && child.compareTo(twin) == 0 && twin.compareTo(child) == 0;
            if (!Objects.equals(got, want) || !equal) {
              wrong.add("'" + named + "'.resolve('" + name + "') " + op.getKey() + ": " + got
                  + " vs " + want);
            }
          }
        }
      }
      assertEquals(List.of(), wrong);
      Path made = scratch.path("/d").resolve("made.bin");
      Files.write(made, new byte[] {7});
      assertEquals(1, Files.size(scratch.path("/d/made.bin")));
      assertEquals(scratch.disk(scratch.path("/d/made.bin")), scratch.disk(made));
    }
  }

  /**
   * A relative name resolved against a relative directory that the root gate mapped from {@code /}
   * still starts from the open directory when a secure stream's gate gets it: the remembered
   * parent is a shortcut of mapping by path only. Over jimfs the stream's {@code DELETE_ON_CLOSE}
   * is emulated by deleting what the gate maps the path to; a decoy where the root gate would map
   * it must survive.
   */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Delegate.class)
  void relativeChildrenStayRelativeToAnOpenDirectory(Delegate delegate) throws IOException {
    try (Scratch scratch = Scratch.open(delegate, testDir)) {
      Files.createDirectories(scratch.path("/d/a"));
      Path relative = scratch.path("a");
      Files.createDirectory(relative); // maps "a" from the root: /a
      Path decoy = Files.write(scratch.path("/a/f"), new byte[] {9, 9, 9});
      Path child = relative.resolve("f");
      assertInstanceOf(ChildPath.class, child);
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(scratch.path("/d"))) {
        SecureDirectoryStream<Path> secure = (SecureDirectoryStream<Path>) stream;
        assertEquals(scratch.disk(scratch.path("/d/a/f")),
            ((TmpSecureDirectoryStream) secure).gate().mapByPath((TmpPath) child));
        try (SeekableByteChannel ch = secure.newByteChannel(
            child, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
          ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2}));
        }
        try (DirectoryStream<Path> sub = secure.newDirectoryStream(scratch.path("a"))) {
          for (Path entry : sub) {
            assertFalse(entry instanceof ListedPath, "relative to a handle: made eagerly");
            assertEquals(scratch.path("/d/a/f"), entry);
          }
        }
        assertEquals(2, Files.size(scratch.path("/d/a/f")), "created relative to the open /d");
        try (SeekableByteChannel ch = secure.newByteChannel(child, Set.of(
            StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE))) {
          ch.write(java.nio.ByteBuffer.wrap(new byte[] {3}));
        }
      }
      assertFalse(Files.exists(scratch.path("/d/a/f")), "deleted on close where it was opened");
      assertEquals(3, Files.size(decoy), "the file the root gate would map 'a/f' to is untouched");
      Files.write(child, new byte[] {4});
      assertEquals(1, Files.size(decoy), "by path, from the root");
    }
  }
}
