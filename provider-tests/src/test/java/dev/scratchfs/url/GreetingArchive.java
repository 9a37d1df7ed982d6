package dev.scratchfs.url;

import dev.scratchfs.url.fixture.Greeting;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The bytes of {@link Greeting} and its resource, written as a jar or as a class directory on any
 * file system, for a {@code URLClassLoader} to load from there.
 */
final class GreetingArchive {
  static final String CLASS_NAME = Greeting.class.getName();
  static final String RESOURCE = "dev/scratchfs/url/fixture/greeting.txt";
  static final String RESOURCE_TEXT = "a resource beside Greeting\n";

  private GreetingArchive() {}

  /** Entry name to bytes: the class file and the resource. */
  static Map<String, byte[]> entries() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(CLASS_NAME.replace('.', '/') + ".class", bytes("/" + CLASS_NAME.replace('.', '/') + ".class"));
    entries.put(RESOURCE, bytes("/" + RESOURCE));
    return entries;
  }

  /** Writes a jar holding the entries to {@code jar}. */
  static Path writeJar(Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries().entrySet()) {
        JarEntry entry = new JarEntry(e.getKey());
        entry.setLastModifiedTime(FileTime.fromMillis(0));
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return jar;
  }

  /** Writes the entries as files below {@code dir}, as a compiler's output directory holds them. */
  static Path writeClasses(Path dir) throws IOException {
    for (Map.Entry<String, byte[]> e : entries().entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
    }
    return dir;
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = GreetingArchive.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("not on the test class path: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
