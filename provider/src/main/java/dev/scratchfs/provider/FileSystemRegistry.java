package dev.scratchfs.provider;

import java.io.IOException;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open scratch file systems of this JVM by name, so that {@code Path.of(URI)} finds the file
 * system a URI came from. Static because the JDK may create more than one provider instance (one
 * per class loader scan); every instance must see the same file systems.
 *
 * <p>Names are case-insensitive: {@code tmp://Build/} and {@code tmp://build/} are equal {@link
 * java.net.URI}s (hosts compare ignoring case), so they must name one file system.
 */
final class FileSystemRegistry {
  /** The prefix of generated names of anonymous file systems. */
  static final String ANONYMOUS = "anonymous-";

  private static final Map<String, TmpFileSystem> OPEN = new ConcurrentHashMap<>();
  private static final Set<String> CREATING = ConcurrentHashMap.newKeySet();
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final Object LOCK = new Object();
  private static final Object SHARED_LOCK = new Object();
  private static volatile TmpFileSystem shared;

  private FileSystemRegistry() {}

  /** Creates what the registry will hold; called under the registry's lock. */
  interface Factory {
    TmpFileSystem create(String name, boolean isShared) throws IOException;
  }

  static TmpFileSystem newAnonymous(Factory factory) throws IOException {
    // A generated name is never handed out twice, and callers cannot take one: no lock needed.
    String name = ANONYMOUS + SEQUENCE.incrementAndGet();
    TmpFileSystem fs = factory.create(name, false);
    OPEN.put(key(name), fs);
    return fs;
  }

  static TmpFileSystem newNamed(String name, Factory factory) throws IOException {
    String key = key(name);
    if (key.startsWith(ANONYMOUS)) {
      throw new IllegalArgumentException(
          "tmp: file system names starting with \"" + ANONYMOUS + "\" are reserved: " + name);
    }
    // The name is reserved under the lock; the disk work of creating the file system is not.
    synchronized (LOCK) {
      if (OPEN.containsKey(key) || !CREATING.add(key)) {
        throw new FileSystemAlreadyExistsException("tmp://" + name + "/");
      }
    }
    try {
      TmpFileSystem fs = factory.create(name, false);
      OPEN.put(key, fs);
      return fs;
    } finally {
      CREATING.remove(key);
    }
  }

  static TmpFileSystem shared(Factory factory) throws IOException {
    TmpFileSystem fs = shared;
    if (fs != null) {
      return fs;
    }
    synchronized (SHARED_LOCK) { // made once per JVM; its own lock, so named ones never wait for it
      if (shared == null) {
        shared = factory.create(null, true);
      }
      return shared;
    }
  }

  static TmpFileSystem named(String name) {
    TmpFileSystem fs = OPEN.get(key(name));
    if (fs == null) {
      throw new FileSystemNotFoundException("no open tmp: file system named \"" + name + "\"");
    }
    return fs;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  static void remove(TmpFileSystem fs) {
    if (fs.name() != null) {
      OPEN.remove(key(fs.name()), fs);
    }
  }
}
