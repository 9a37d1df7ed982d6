package dev.scratchfs.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The provider is found by {@code FileSystems.newFileSystem(URI.create("tmp:/"), Map.of())} both
 * ways a jar can be used: on the module path, where only {@code module-info}'s {@code provides}
 * registers it (a named module's {@code META-INF/services} is ignored), and on the class path,
 * where only {@code META-INF/services} does. Each runs a child JVM with nothing else on its paths:
 * the packaged jar, its runtime dependencies, and a probe compiled from source by the launcher.
 */
class ModulePathTest {
  @TempDir Path tmp;

  private static final String PROBE =
      "import java.net.URI; import java.nio.file.*; import java.util.Map;\n"
          + "public class Probe { public static void main(String[] a) throws Exception {\n"
          + "  try (FileSystem fs = FileSystems.newFileSystem(URI.create(\"tmp:/\"), Map.of())) {\n"
          + "    Path p = fs.getPath(\"/probe.txt\"); Files.writeString(p, \"ok\");\n"
          + "    System.out.println(fs.provider().getClass().getModule().getName() + \" \""
          + " + Files.readString(p) + \" \" + p.toUri().getScheme());\n"
          + "  } } }\n";

  private String runProbe(String... pathOptions) throws IOException, InterruptedException {
    Path probe = Files.writeString(tmp.resolve("Probe.java"), PROBE);
    Path probeTmp = Files.createDirectory(tmp.resolve("t"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.io.tmpdir=" + probeTmp);
    command.addAll(List.of(pathOptions));
    command.add(probe.toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("TMPDIR", probeTmp.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    try (Stream<Path> left = Files.list(probeTmp)) {
      assertEquals(List.of(), left.toList(), "the probe's scratch file system was deleted");
    }
    return out;
  }

  private static Path jar() {
    return Path.of(System.getProperty("scratchfs.test.jar"));
  }

  @Test
  void foundThroughModuleInfoOnTheModulePath() throws Exception {
    String modulePath = jar() + java.io.File.pathSeparator + jar().resolveSibling("lib");
    String out = runProbe("--module-path", modulePath, "--add-modules", "dev.scratchfs");
    assertEquals("dev.scratchfs ok tmp", out, "the provider came from the named module");
  }

  @Test
  void foundThroughMetaInfServicesOnTheClassPath() throws Exception {
    StringBuilder cp = new StringBuilder(jar().toString());
    try (Stream<Path> libs = Files.list(jar().resolveSibling("lib"))) {
      libs.sorted().forEach(l -> cp.append(java.io.File.pathSeparator).append(l));
    }
    String out = runProbe("-cp", cp.toString());
    assertEquals("null ok tmp", out, "the provider came from the unnamed module (class path)");
  }
}
