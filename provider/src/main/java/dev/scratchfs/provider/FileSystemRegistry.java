package dev.scratchfs.provider;

import java.io.IOException;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open scratch file systems of this JVM by name, so that {@code Path.of(URI)} finds the file
 * system a URI came from. Static because the JDK may create more than one provider instance (one
 * per class loader scan); every instance must see the same file systems.
 */
final class FileSystemRegistry {
  /** The prefix of generated names of anonymous file systems. */
  static final String ANONYMOUS = "anonymous-";

  private static final Map<String, TmpFileSystem> OPEN = new ConcurrentHashMap<>();
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final Object LOCK = new Object();
  private static volatile TmpFileSystem shared;

  private FileSystemRegistry() {}

  /** Creates what the registry will hold; called under the registry's lock. */
  interface Factory {
    TmpFileSystem create(String name, boolean isShared) throws IOException;
  }

  static TmpFileSystem newAnonymous(Factory factory) throws IOException {
    synchronized (LOCK) {
      String name;
      do {
        name = ANONYMOUS + SEQUENCE.incrementAndGet();
      } while (OPEN.containsKey(name));
      TmpFileSystem fs = factory.create(name, false);
      OPEN.put(name, fs);
      return fs;
    }
  }

  static TmpFileSystem newNamed(String name, Factory factory) throws IOException {
    if (name.startsWith(ANONYMOUS)) {
      throw new IllegalArgumentException(
          "tmp: file system names starting with \"" + ANONYMOUS + "\" are reserved: " + name);
    }
    synchronized (LOCK) {
      if (OPEN.containsKey(name)) {
        throw new FileSystemAlreadyExistsException("tmp://" + name + "/");
      }
      TmpFileSystem fs = factory.create(name, false);
      OPEN.put(name, fs);
      return fs;
    }
  }

  static TmpFileSystem shared(Factory factory) throws IOException {
    TmpFileSystem fs = shared;
    if (fs != null) {
      return fs;
    }
    synchronized (LOCK) {
      if (shared == null) {
        shared = factory.create(null, true);
      }
      return shared;
    }
  }

  static TmpFileSystem named(String name) {
    TmpFileSystem fs = OPEN.get(name);
    if (fs == null) {
      throw new FileSystemNotFoundException("no open tmp: file system named \"" + name + "\"");
    }
    return fs;
  }

  static void remove(TmpFileSystem fs) {
    if (fs.name() != null) {
      OPEN.remove(fs.name(), fs);
    }
  }
}
