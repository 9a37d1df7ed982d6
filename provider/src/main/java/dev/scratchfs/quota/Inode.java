package dev.scratchfs.quota;

import java.util.Objects;

/**
 * An entry of the delegate file system as the quota sees it: what identifies the file behind a name
 * (its {@code fileKey}, so that all names of one file and every channel open on it agree), its size
 * and whether it is a regular file (the only kind that counts).
 *
 * @param key the file's {@code fileKey}, or where the delegate has none, a stand-in such as its
 *     delegate path
 * @param size its size in bytes
 * @param regularFile whether it is a regular file
 */
public record Inode(Object key, long size, boolean regularFile) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public Inode {
    Objects.requireNonNull(key, "key");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
  }

  /**
   * Describes a regular file.
   *
   * @param key its file key
   * @param size its size
   * @return the inode
   */
  public static Inode file(Object key, long size) {
    return new Inode(key, size, true);
  }
}
