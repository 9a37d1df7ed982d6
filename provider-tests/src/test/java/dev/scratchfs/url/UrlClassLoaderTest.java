package dev.scratchfs.url;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.url.fixture.Greeting;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link URLClassLoader} loads a class and a resource from a jar stored in a scratch file system,
 * and from a class directory in one. Its parent is the platform class loader, so {@link Greeting}
 * can only come from the scratch file system.
 */
class UrlClassLoaderTest {
  @TempDir Path dir;
  private FileSystem fs;

  @BeforeEach
  void open() throws IOException {
    fs = TmpFileSystems.builder().dir(dir).leaks("fail").build();
  }

  @AfterEach
  void close() throws IOException {
    fs.close(); // leaks=fail: every stream the class loader opened was closed
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "the scratch root is gone");
    }
  }

  @Test
  void loadsAClassAndAResourceFromAJarInAScratchFileSystem() throws Exception {
    Path jar = GreetingArchive.writeJar(
        Files.createDirectory(fs.getPath("/lib")).resolve("greeting.jar"));
    URL jarUrl = jar.toUri().toURL();

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jarUrl}, ClassLoader.getPlatformClassLoader())) {
      assertLoadsGreetingFrom(loader, jarUrl);
      URL resource = loader.getResource(GreetingArchive.RESOURCE);
      assertEquals("jar:" + jarUrl + "!/" + GreetingArchive.RESOURCE, resource.toString());
      try (InputStream in = resource.openStream()) {
        assertEquals(GreetingArchive.RESOURCE_TEXT, new String(in.readAllBytes(), UTF_8));
      }
      assertNull(loader.getResource("dev/scratchfs/url/fixture/missing.txt"));
    }
  }

  @Test
  void loadsAClassAndAResourceFromAClassDirectoryInAScratchFileSystem() throws Exception {
    Path classes = GreetingArchive.writeClasses(Files.createDirectory(fs.getPath("/classes")));
    URL classesUrl = directoryUrl(classes);

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classesUrl}, ClassLoader.getPlatformClassLoader())) {
      assertLoadsGreetingFrom(loader, classesUrl);
      URL resource = loader.getResource(GreetingArchive.RESOURCE);
      assertEquals(classesUrl + GreetingArchive.RESOURCE, resource.toString());
      try (InputStream in = loader.getResourceAsStream(GreetingArchive.RESOURCE)) {
        assertEquals(GreetingArchive.RESOURCE_TEXT, new String(in.readAllBytes(), UTF_8));
      }
      assertNull(loader.getResource("dev/scratchfs/url/fixture/missing.txt"));
      assertThrows(ClassNotFoundException.class,
          () -> loader.loadClass("dev.scratchfs.url.fixture.Missing"));
    }
  }

  /**
   * The URL of a class directory, which {@code URLClassLoader} recognises by its final {@code /}.
   * Built by hand while {@code toUri()} of a directory has no final {@code /}; kept as it is once it
   * has one.
   */
  static URL directoryUrl(Path directory) throws IOException {
    String uri = directory.toUri().toString();
    return URI.create(uri.endsWith("/") ? uri : uri + "/").toURL();
  }

  private static void assertLoadsGreetingFrom(URLClassLoader loader, URL location)
      throws ReflectiveOperationException {
    Class<?> loaded = loader.loadClass(GreetingArchive.CLASS_NAME);
    assertSame(loader, loaded.getClassLoader());
    assertNotSame(Greeting.class, loaded);
    assertEquals(location, loaded.getProtectionDomain().getCodeSource().getLocation());
    assertEquals("hello from " + location, loaded.getMethod("greet").invoke(null));
  }
}
