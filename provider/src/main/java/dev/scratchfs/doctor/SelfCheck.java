package dev.scratchfs.doctor;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The doctor's live self-check: creates a scratch file system in a private work directory of its
 * own, checks each guarantee on the real disk, and removes everything it made.
 *
 * <p>The escape check plants a link to a decoy directory the check itself created; a broken cleanup
 * could at worst delete the decoy, never anything else.
 */
final class SelfCheck {
  private static final Pattern ROOT_NAME = Pattern.compile("scratchfs-[a-z0-9_]{6}");
  private static final String OWNER_DIR = "rwx------";
  private static final String OWNER_FILE = "rw-------";

  private final Path work;
  private final PrintStream out;
  private FileSystem fs;
  private int passed;
  private int failed;

  SelfCheck(Path work, PrintStream out) {
    this.work = work;
    this.out = out;
  }

  /** Runs every check; returns true if all passed. */
  boolean run() throws IOException {
    Path decoy = Files.createDirectory(work.resolve("decoy"));
    Files.writeString(decoy.resolve("keep.txt"), "the self-check's decoy");
    Path dir = Files.createDirectory(work.resolve("dir"));
    List<Check> checks =
        List.of(
            new Check("the tmp: provider is installed (ServiceLoader)", SelfCheck::installed),
            new Check("newFileSystem(tmp:/) adds exactly one entry to dir", () -> opens(dir)),
            new Check("the root is named scratchfs-XXXXXX ([a-z0-9_]{6})", () -> named(dir)),
            new Check("the root is rwx------ on disk", () -> rootMode(dir)),
            new Check("a file asked for as rwxrwxrwx is rwx------ on disk", this::fileMode),
            new Check("Files.createTempFile in tmp: gives rw-------", this::tempFileMode),
            new Check("CREATE_NEW never opens an existing file", this::exclusive),
            new Check("'..' cannot leave the root", this::confined),
            new Check("a link that would lead out is refused", this::linkRefused),
            new Check("DELETE_ON_CLOSE removes the file", this::deleteOnClose),
            new Check(
                "close() closes handles, deletes the root, leaves a planted link's target alone",
                () -> closes(dir, decoy)));
    for (Check check : checks) {
      try {
        check.body().run();
        passed++;
        out.println("  PASS  " + check.name());
      } catch (Exception | AssertionError e) {
        failed++;
        out.println("  FAIL  " + check.name() + ": " + e);
      }
    }
    if (fs != null && fs.isOpen()) {
      fs.close();
    }
    out.println(passed + " passed, " + failed + " failed");
    return failed == 0;
  }

  private static void installed() {
    for (FileSystemProvider p : FileSystemProvider.installedProviders()) {
      if (p.getScheme().equals("tmp")) {
        return;
      }
    }
    throw new AssertionError("no installed provider for the scheme tmp");
  }

  private void opens(Path dir) throws IOException {
    fs = FileSystems.newFileSystem(URI.create("tmp:/"), Map.of("dir", dir));
    List<Path> entries = list(dir);
    check(entries.size() == 1, "dir holds " + entries);
  }

  private static void named(Path dir) throws IOException {
    String name = list(dir).get(0).getFileName().toString();
    check(ROOT_NAME.matcher(name).matches(), "root named " + name);
  }

  private void rootMode(Path dir) throws IOException {
    check(mode(list(dir).get(0)).equals(OWNER_DIR), "container is " + mode(list(dir).get(0)));
    Path root = TmpFileSystems.unwrap(fs.getPath("/"));
    check(mode(root).equals(OWNER_DIR), "root is " + mode(root));
  }

  private void fileMode() throws IOException {
    Path file = fs.getPath("/wide.txt");
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
    String mode = mode(TmpFileSystems.unwrap(file));
    check(mode.equals("rwx------"), "file is " + mode);
  }

  private void tempFileMode() throws IOException {
    Path file = Files.createTempFile(fs.getPath("/"), "check", ".tmp");
    String mode = mode(TmpFileSystems.unwrap(file));
    check(mode.equals(OWNER_FILE), "temp file is " + mode);
  }

  private void exclusive() throws IOException {
    Path file = fs.getPath("/exists");
    Files.writeString(file, "planted");
    try {
      Files.newByteChannel(file, Set.of(CREATE_NEW, WRITE)).close();
      throw new AssertionError("CREATE_NEW opened an existing file");
    } catch (FileAlreadyExistsException expected) {
      check(Files.readString(file).equals("planted"), "the existing file changed");
    }
  }

  private void confined() {
    Path root = TmpFileSystems.unwrap(fs.getPath("/"));
    Path climbed = TmpFileSystems.unwrap(fs.getPath("/../../../etc"));
    check(climbed.startsWith(root), "/../../../etc maps to " + climbed);
  }

  private void linkRefused() throws IOException {
    Path link = fs.getPath("/out");
    try {
      Files.createSymbolicLink(link, fs.getPath("../../escape"));
      throw new AssertionError("a link to ../../escape was created");
    } catch (FileSystemException expected) {
      check(!Files.exists(TmpFileSystems.unwrap(link), java.nio.file.LinkOption.NOFOLLOW_LINKS),
          "a refused link exists on disk");
    }
  }

  private void deleteOnClose() throws IOException {
    Path file = fs.getPath("/transient");
    try (SeekableByteChannel ch =
        Files.newByteChannel(file, Set.of(CREATE_NEW, WRITE, DELETE_ON_CLOSE))) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
    }
    check(!Files.exists(TmpFileSystems.unwrap(file)), "the file is still there");
  }

  private void closes(Path dir, Path decoy) throws IOException {
    Path planted = Files.createDirectory(fs.getPath("/planted"));
    // Planted on disk, behind the library's back, as another program would.
    Files.createSymbolicLink(TmpFileSystems.unwrap(planted).resolve("to-decoy"), decoy);
    SeekableByteChannel open = Files.newByteChannel(fs.getPath("/held"), Set.of(CREATE_NEW, WRITE));
    fs.close();
    check(!open.isOpen(), "a channel stayed open");
    check(list(dir).isEmpty(), "dir still holds " + list(dir));
    check(Files.exists(decoy.resolve("keep.txt")), "cleanup followed the link: the decoy lost its file");
    try {
      Files.exists(fs.getPath("/held"));
      fs.provider().checkAccess(fs.getPath("/held"));
      throw new AssertionError("the closed file system still answered");
    } catch (ClosedFileSystemException expected) {
      // the guarantee
    }
  }

  private static String mode(Path p) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
    return PosixFilePermissions.toString(perms);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  private static void check(boolean condition, String otherwise) {
    if (!condition) {
      throw new AssertionError(otherwise);
    }
  }
}
