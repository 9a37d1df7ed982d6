package dev.scratchfs.quota;

/**
 * The accounting of one file (one inode) in one scratch file system: the bytes counted for it, how
 * many of its names are in this file system, and how many of this file system's channels hold it
 * open. Its bytes stay counted while it has either; when both are gone they are given back, once.
 *
 * <p>Plain state: {@link InodeLedger} changes it under the file's lock and applies every change
 * of {@link #counted()} to the {@link Quota}.
 */
final class FileAccount {
  private long counted;
  private int names;
  private int handles;

  /**
   * Starts the account of a file that has {@code names} names here and nothing counted.
   *
   * @param names its names in this file system
   */
  FileAccount(int names) {
    this.names = names;
  }

  /** The bytes counted for this file. */
  long counted() {
    return counted;
  }

  /** Its names in this file system. */
  int names() {
    return names;
  }

  /** This file system's channels open on it. */
  int handles() {
    return handles;
  }

  /**
   * Makes the count the file's real size.
   *
   * @return the change to apply to the quota
   */
  long resize(long size) {
    long delta = size - counted;
    counted = size;
    return delta;
  }

  /** Counts {@code n} more names (negative: fewer); never below none. */
  void names(int n) {
    names = Math.max(0, names + n);
  }

  /** Counts one more open channel. */
  void opened() {
    handles++;
  }

  /** Counts one channel fewer. */
  void closed() {
    handles = Math.max(0, handles - 1);
  }

  /** Tells whether nothing in this file system holds the file any more: no name, no channel. */
  boolean unheld() {
    return names == 0 && handles == 0;
  }

  @Override
  public String toString() {
    return counted + " bytes, " + names + " names, " + handles + " open";
  }
}
