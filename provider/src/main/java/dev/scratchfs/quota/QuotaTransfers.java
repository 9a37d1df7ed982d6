package dev.scratchfs.quota;

import dev.scratchfs.io.IoCall;
import dev.scratchfs.io.IoRun;
import java.io.IOException;
import java.util.List;

/**
 * The quota side of a move (a rename on the delegate), within one file system or between two: the
 * names a move carries leave the source's {@link InodeLedger} and arrive in the target's, and a
 * name the move replaces is gone. Each file system counts a file while it has a name there, so a
 * file with one name in each is counted by both, and a file whose names all arrive together is
 * charged once.
 */
public final class QuotaTransfers {
  private QuotaTransfers() {}

  /**
   * Runs a move and records it.
   *
   * @param from the source file system's ledger, or null if it has no quota
   * @param to the target file system's ledger, or null; the same object as {@code from} for a
   *     move within one file system
   * @param moved lists one inode per regular file name the move carries (a file, or every file of
   *     a directory tree); read before the move, and only where a ledger needs it
   * @param replaced reads the file whose name the move replaces (null if none); read before the
   *     move, and only where a ledger needs it
   * @param path the caller's target path, for messages
   * @param op the move
   * @throws IOException as {@code op} or {@code moved} throw, or if the target's quota would be
   *     exceeded (then nothing is moved)
   */
  public static void move(
      InodeLedger from, InodeLedger to, IoCall<List<Inode>> moved, IoCall<Inode> replacing,
      String path, IoRun op) throws IOException {
    if (from == null && to == null) {
      op.run();
      return;
    }
    Inode replaced = replacing.call();
    boolean replaces = replaced != null && replaced.regularFile();
    if (from == to && !replaces) {
      op.run(); // a rename within one file system keeps every name it moves
      return;
    }
    List<Inode> names = moved.call();
    if (replaces && names.stream().anyMatch(n -> n.key().equals(replaced.key()))) {
      op.run(); // two names of one file: the delegate leaves both as they are
      return;
    }
    if (from == to) {
      op.run();
      to.nameRemoved(replaced);
      return;
    }
    if (to != null) {
      to.movingIn(names, replaced, path, op);
    } else {
      op.run();
    }
    if (from != null) {
      from.movedOut(names);
    }
  }
}
