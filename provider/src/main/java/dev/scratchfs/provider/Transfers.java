package dev.scratchfs.provider;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.scratchfs.quota.Inode;
import dev.scratchfs.quota.QuotaTransfers;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Moves within and between scratch file systems, by path ({@code Files.move}) and through secure
 * directory streams. Over one delegate provider a move is the delegate's rename, with the quotas
 * of both file systems settled and every link it carries checked by the {@link LinkPolicy} at
 * its new place: a link, or a directory whose links would end up shallower or in another file
 * system. A link moved into another scratch file system is made anew there; a directory moved
 * there has its absolute links pointed into the new file system. Between delegates of different
 * providers a move is a copy ({@link Copies}) and a delete, as the JDK's own cross-provider move.
 */
final class Transfers {
  private Transfers() {}

  /** The target of a copy or move: a {@code tmp:} path, of any scratch file system. */
  static TmpPath tmpTarget(Path target) {
    Objects.requireNonNull(target, "target");
    if (!(target instanceof TmpPath)) {
      throw new ProviderMismatchException(
          "not a tmp: path: " + target + " (of " + target.getFileSystem().provider() + ")");
    }
    return (TmpPath) target;
  }

  /** {@code Files.move(source, target, options)} with {@code source} of {@code from}. */
  static void move(Gate from, TmpPath source, Path target, CopyOption... options)
      throws IOException {
    TmpPath t = tmpTarget(target);
    Gate to = t.getFileSystem().rootGate();
    to.check(t);
    from.checkNotRoot(source, "move");
    to.checkNotRoot(t, "replace");
    Copies.Flags flags = Copies.Flags.of(true, options);
    boolean atomic = Arrays.asList(options).contains(StandardCopyOption.ATOMIC_MOVE);
    from.call(() -> {
      moveEntry(from, source, to, t, flags, atomic, options);
      return null;
    }, source, t);
  }

  private static void moveEntry(
      Gate from, TmpPath s, Gate to, TmpPath t, Copies.Flags flags, boolean atomic,
      CopyOption[] options) throws IOException {
    boolean sameFs = from.fileSystem() == to.fileSystem();
    boolean sameProvider = from.delegateProvider() == to.delegateProvider();
    Path ds = from.mapByPath(s);
    Path dt = to.mapByPath(t);
    BasicFileAttributes attrs = from.access().readAttributesOrNull(ds);
    if (!sameProvider || attrs != null && attrs.isSymbolicLink() && !sameFs) {
      if (atomic) {
        throw new AtomicMoveNotSupportedException(s.toString(), t.toString(),
            "the entry is copied into the other tmp: file system and removed here");
      }
      Copies.copyEntry(from, s, to, t, new Copies.Flags(flags.replace(), true, false));
      from.delete(s, false, null);
      return;
    }
    List<Path> remap = List.of();
    if (attrs == null) {
      // Unreadable or missing: the delegate's move says so in its own words.
    } else if (attrs.isSymbolicLink()) {
      LinkPolicy.checkMove(from, s, ds, parentOf(to, t));
    } else if (attrs.isDirectory()) {
      remap = checkLinksOfTree(from, s, ds, to, t);
    }
    QuotaTransfers.move(from.fileSystem().ledger(), to.fileSystem().ledger(),
        () -> namesIn(from, s, ds, attrs),
        () -> flags.replace() ? Inodes.of(to, t, dt, NOFOLLOW_LINKS) : null, t.toString(),
        () -> from.delegateProvider().move(ds, dt, options));
    LinkPolicy.removeIfEscaping(to, t, dt);
    remapAbsoluteLinks(from, to, dt, remap);
  }

  /** {@code SecureDirectoryStream.move}: within one file system, relative to open directories. */
  static void secureMove(Gate from, TmpPath source, Gate to, TmpPath target) throws IOException {
    if (to.fileSystem() != from.fileSystem()) {
      // As the JDK's stream refuses a stream it does not own: a secure stream is a handle into one
      // private file system; Files.move moves between two of them.
      throw new ProviderMismatchException("a secure directory stream of " + from.fileSystem()
          + " moves entries only within it, not into " + to.fileSystem() + "; use Files.move");
    }
    from.checkNotRoot(source, "move");
    to.checkNotRoot(target, "replace");
    Path ds = from.map(source);
    Path dt = to.map(target);
    from.call(() -> {
      BasicFileAttributes attrs = from.access().readAttributesOrNull(ds);
      TmpPath absSource = from.absolute(source);
      TmpPath absTarget = to.absolute(target);
      if (attrs != null && (attrs.isSymbolicLink() || attrs.isDirectory())) {
        // The policy checks by path: only once each open directory is known to be there still.
        LinkPolicy.depthOfOpenDirectory(from, from.directory());
        LinkPolicy.depthOfOpenDirectory(to, to.directory());
        if (attrs.isSymbolicLink()) {
          LinkPolicy.checkMove(from, absSource, from.mapByPath(absSource), parentOf(to, absTarget));
        } else {
          checkLinksOfTree(from, absSource, from.mapByPath(absSource), to, absTarget);
        }
      }
      // Relative to the streams' open directories, wherever they are now; within one file system
      // only a replaced file counts, so the source is read as one entry, never walked.
      QuotaTransfers.move(from.fileSystem().ledger(), to.fileSystem().ledger(),
          () -> namesIn(from, source, ds, null), () -> Inodes.of(to, target, dt, NOFOLLOW_LINKS),
          absTarget.toString(), () -> from.access().move(ds, to.access(), dt));
      return null;
    }, source, target);
  }

  /**
   * One inode per regular file name a move carries, for the quotas: the file itself, or every file
   * in the directory (walked by path, without following links). {@code attrs} null reads the
   * entry alone.
   */
  private static List<Inode> namesIn(
      Gate gate, TmpPath shown, Path moved, BasicFileAttributes attrs) throws IOException {
    if (attrs == null || !attrs.isDirectory()) {
      Inode file = Inodes.of(gate, shown, moved, NOFOLLOW_LINKS);
      return file == null ? List.of() : List.of(file);
    }
    List<Inode> names = new ArrayList<>();
    Files.walkFileTree(moved, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
        if (a.isRegularFile()) {
          names.add(Inode.file(a.fileKey() != null ? a.fileKey() : file.toString(), a.size()));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // deleted meanwhile: it arrives nowhere
        }
        throw e;
      }
    });
    return names;
  }

  private static Path parentOf(Gate gate, TmpPath path) {
    TmpPath parent = gate.absolute(path).normalize().getParent();
    return gate.mapByPath(parent == null ? gate.fileSystem().rootPath() : parent);
  }

  /**
   * Checks the links of a directory about to move to {@code target}: relative ones may not climb
   * above the root from their new place, and none may point outside. Returns the links (relative
   * to the directory) whose absolute targets must be mapped into the target's file system.
   */
  private static List<Path> checkLinksOfTree(
      Gate from, TmpPath source, Path ds, Gate to, TmpPath target) throws IOException {
    boolean sameFs = from.fileSystem() == to.fileSystem();
    Path newParent = parentOf(to, target);
    int newDepth = LinkPolicy.depth(to, newParent);
    if (sameFs && newDepth >= LinkPolicy.depth(from, parentOf(from, source))) {
      return List.of(); // no deeper than before: every link stays as confined as it was
    }
    List<Path> remap = new ArrayList<>();
    Files.walkFileTree(ds, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isSymbolicLink()) {
          Path relative = ds.relativize(file);
          TmpPath shown = TmpPath.parse(to.fileSystem(), target.string()).resolve(relative.toString());
          LinkPolicy.checkMoveTo(from, file, shown, newDepth + relative.getNameCount());
          if (!sameFs && from.delegateProvider().readSymbolicLink(file).isAbsolute()) {
            remap.add(relative);
          }
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return remap;
  }

  /** Points the absolute links of a directory moved into another file system into that one. */
  private static void remapAbsoluteLinks(Gate from, Gate to, Path dt, List<Path> links)
      throws IOException {
    for (Path relative : links) {
      Path link = dt.resolve(relative.toString());
      String shown = from.fileSystem().mapping().fromDelegate(to.delegateProvider().readSymbolicLink(link));
      Path stored = to.mapByPath(TmpPath.parse(to.fileSystem(), shown));
      to.delegateProvider().delete(link);
      to.delegateProvider().createSymbolicLink(link, stored);
    }
  }
}
