package dev.scratchfs.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tmp:} URL handler is found both ways the jar can be used, in a child JVM with nothing
 * else on its paths (the packaged jar, its runtime dependencies, a probe compiled from source by the
 * launcher): on the module path only {@code module-info}'s {@code provides} registers it, on the
 * class path only {@code META-INF/services} does. The probe reads a scratch file through its URL and
 * loads a class and a resource through a {@code URLClassLoader} from a jar it copied into a scratch
 * file system, and from a class directory there. The child's temp directory is a directory of this
 * test, checked empty afterwards: the JDK's copy of a jar read from a URL is gone too.
 */
class UrlHandlerRegistrationTest {
  @TempDir Path tmp;

  private static final String PROBE = String.join("\n",
      "import java.io.InputStream;",
      "import java.net.*;",
      "import java.net.spi.URLStreamHandlerProvider;",
      "import java.nio.file.*;",
      "import java.util.*;",
      "public class Probe {",
      "  public static void main(String[] args) throws Exception {",
      "    for (URLStreamHandlerProvider p : ServiceLoader.load(URLStreamHandlerProvider.class)) {",
      "      System.out.println(\"handler module: \" + p.getClass().getModule().getName());",
      "    }",
      "    try (FileSystem fs = FileSystems.newFileSystem(URI.create(\"tmp:/\"),",
      "        Map.of(\"dir\", args[1], \"leaks\", \"fail\"))) {",
      "      Path notes = Files.writeString(fs.getPath(\"/notes.txt\"), \"hello\");",
      "      try (InputStream in = notes.toUri().toURL().openStream()) {",
      "        System.out.println(\"read: \" + new String(in.readAllBytes()));",
      "      }",
      "      Path jar = Files.copy(Path.of(args[0]), fs.getPath(\"/greeting.jar\"));",
      "      probe(\"jar\", jar.toUri().toURL());",
      "      Path classes = Files.createDirectory(fs.getPath(\"/classes\"));",
      "      try (FileSystem zip = FileSystems.newFileSystem(jar)) {",
      "        try (var entries = Files.walk(zip.getPath(\"/\"))) {",
      "          for (Path e : (Iterable<Path>) entries::iterator) {",
      "            if (Files.isRegularFile(e)) {",
      "              Path target = classes.resolve(e.toString().substring(1));",
      "              Files.createDirectories(target.getParent());",
      "              Files.copy(e, target);",
      "            }",
      "          }",
      "        }",
      "      }",
      "      String dir = classes.toUri().toString();",
      "      probe(\"directory\", URI.create(dir.endsWith(\"/\") ? dir : dir + \"/\").toURL());",
      "    }",
      "  }",
      "  static void probe(String label, URL url) throws Exception {",
      "    try (URLClassLoader loader =",
      "        new URLClassLoader(new URL[] {url}, ClassLoader.getPlatformClassLoader())) {",
      "      Class<?> c = loader.loadClass(\"" + GreetingArchive.CLASS_NAME + "\");",
      "      String greeting = (String) c.getMethod(\"greet\").invoke(null);",
      "      System.out.println(label + \" class: \" + greeting.equals(\"hello from \" + url));",
      "      try (InputStream in = loader.getResourceAsStream(\"" + GreetingArchive.RESOURCE + "\")) {",
      "        System.out.println(label + \" resource: \" + new String(in.readAllBytes()).trim());",
      "      }",
      "    }",
      "  }",
      "}",
      "");

  private List<String> runProbe(String... pathOptions) throws IOException, InterruptedException {
    Path probe = Files.writeString(tmp.resolve("Probe.java"), PROBE);
    Path jar = GreetingArchive.writeJar(tmp.resolve("greeting.jar"));
    Path scratchDir = Files.createDirectory(tmp.resolve("scratch"));
    Path probeTmp = Files.createDirectory(tmp.resolve("t"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:-UsePerfData");
    command.add("-Djava.io.tmpdir=" + probeTmp);
    command.addAll(List.of(pathOptions));
    command.add(probe.toString());
    command.add(jar.toString());
    command.add(scratchDir.toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("TMPDIR", probeTmp.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    for (Path emptied : List.of(probeTmp, scratchDir)) {
      try (Stream<Path> left = Files.list(emptied)) {
        assertEquals(List.of(), left.toList(), emptied + " is empty after the probe");
      }
    }
    return out.lines().toList();
  }

  private static List<String> expected(String handlerModule) {
    return List.of(
        "handler module: " + handlerModule,
        "read: hello",
        "jar class: true",
        "jar resource: " + GreetingArchive.RESOURCE_TEXT.trim(),
        "directory class: true",
        "directory resource: " + GreetingArchive.RESOURCE_TEXT.trim());
  }

  private static Path jar() {
    return Path.of(System.getProperty("scratchfs.test.jar"));
  }

  @Test
  void foundThroughModuleInfoOnTheModulePath() throws Exception {
    String modulePath = jar() + File.pathSeparator + jar().resolveSibling("lib");
    List<String> out = runProbe("--module-path", modulePath, "--add-modules", "dev.scratchfs");
    assertEquals(expected("dev.scratchfs"), out, "the handler came from the named module");
  }

  @Test
  void foundThroughMetaInfServicesOnTheClassPath() throws Exception {
    StringBuilder cp = new StringBuilder(jar().toString());
    try (Stream<Path> libs = Files.list(jar().resolveSibling("lib"))) {
      libs.sorted().forEach(l -> cp.append(File.pathSeparator).append(l));
    }
    List<String> out = runProbe("-cp", cp.toString());
    assertEquals(expected("null"), out, "the handler came from the unnamed module (class path)");
  }
}
