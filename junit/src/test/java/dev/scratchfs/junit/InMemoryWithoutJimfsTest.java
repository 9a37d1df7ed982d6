package dev.scratchfs.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @ScratchDir(inMemory = true)} in a suite without jimfs: the whole test class path but the
 * jimfs jar, in a class loader of its own, runs the in-memory example; its test must fail with the
 * message saying what to add, and leave nothing on disk.
 */
class InMemoryWithoutJimfsTest {
  @TempDir Path dir;

  @Test
  void theTestFailsSayingToAddJimfs() throws Exception {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    boolean droppedJimfs = false;
    for (String entry : classPath.split(File.pathSeparator)) {
      if (Path.of(entry).getFileName().toString().startsWith("jimfs-")) {
        droppedJimfs = true;
      } else {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    assertTrue(droppedJimfs, "jimfs was on the test class path: " + classPath);

    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader withoutJimfs =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThrows(ClassNotFoundException.class,
          () -> withoutJimfs.loadClass(InMemoryDelegate.JIMFS_CLASS));
      Thread.currentThread().setContextClassLoader(withoutJimfs);
      String failures = (String) withoutJimfs.loadClass(IsolatedRun.class.getName())
          .getMethod("failures", String.class, String.class)
          .invoke(null, "dev.scratchfs.junit.cases.InMemoryCase", dir.toString());
      assertEquals(1, failures.lines().count(), failures);
      assertTrue(failures.contains(ExtensionConfigurationException.class.getName()
          + ": @ScratchDir(inMemory = true) needs jimfs: add com.google.jimfs:jimfs as a test"
          + " dependency"), failures);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void theCheckNamesTheDependency() {
    InMemoryDelegate.checkAvailable(InMemoryWithoutJimfsTest.class.getClassLoader());
    ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
        () -> InMemoryDelegate.checkAvailable(ClassLoader.getPlatformClassLoader()));
    assertTrue(e.getMessage().contains("com.google.jimfs:jimfs"), e.getMessage());
    assertNotNull(e.getCause());
  }
}
