package dev.scratchfs.provider;

import dev.scratchfs.lifecycle.Container;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileAttribute;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file system's private staging directory, {@code staging/} beside {@code root/} in its
 * container: where an entry is made by path before it is moved by handle to its place (see {@link
 * LinkPlacement}). Nothing in it is ever seen through {@code tmp:} paths; it is made on first use,
 * owner-only, and deleted with the container.
 */
final class Staging {
  private final Gate gate;
  private final Path dir;
  private final AtomicLong names = new AtomicLong();
  private volatile boolean made;

  Staging(Gate gate, Path container) {
    this.gate = gate;
    this.dir = container.resolve(Container.STAGING_NAME);
  }

  /** A name in the staging directory no other staged entry has; the directory exists. */
  Path newName() throws IOException {
    if (!made) {
      make();
    }
    return dir.resolve("entry-" + names.incrementAndGet());
  }

  private synchronized void make() throws IOException {
    if (made) {
      return;
    }
    CreationPolicy policy = gate.fileSystem().creationPolicy();
    policy.createDirectory(gate, dir, policy.attributes(new FileAttribute<?>[0], true));
    made = true;
  }

  /** The staging directory, opened as a secure stream. */
  SecureDirectoryStream<Path> open() throws IOException {
    DirectoryStream<Path> stream = gate.delegateProvider().newDirectoryStream(dir, entry -> true);
    return (SecureDirectoryStream<Path>) stream;
  }
}
