package dev.scratchfs.guarantees.child;

import dev.scratchfs.TmpFileSystems;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@code ShutdownCleanupTest}: makes a scratch file system, fills it, tells
 * the parent where its container is, waits until the parent has looked at it, and then ends
 * without closing it.
 *
 * <p>Arguments: {@code return DIR} (end by returning from main), {@code exit DIR} (end with {@code
 * System.exit(3)}), or {@code shared} (use the JVM-wide {@code tmp:/} file system, which lives in
 * {@code java.io.tmpdir}; try to close it; try malformed URIs on {@code getFileSystem} and {@code
 * Path.of}).
 */
public final class UnclosedScratch {
  private UnclosedScratch() {}

  /** Runs the child; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    FileSystem fs;
    if (mode.equals("shared")) {
      fs = FileSystems.getFileSystem(URI.create("tmp:/"));
      Path viaUri = Path.of(URI.create("tmp:/via-uri"));
      Files.writeString(viaUri, "written through Path.of(URI)");
      System.out.println("SAME " + (viaUri.getFileSystem() == fs));
      try {
        fs.close();
        System.out.println("CLOSE returned");
      } catch (RuntimeException e) {
        System.out.println("CLOSE " + e.getClass().getName() + " " + e.getMessage());
      }
      System.out.println("OPEN " + fs.isOpen());
      for (String uri : new String[] {"tmp:x", "tmp://u@h/", "tmp://h:1/", "tmp:/?q", "tmp:/#f",
          "tmp://nobody-has-this-name/", "tmp:/a/b"}) {
        System.out.println("URI " + uri + " getFileSystem " + outcome(() ->
            FileSystems.getFileSystem(URI.create(uri))));
        System.out.println("URI " + uri + " Path.of " + outcome(() -> Path.of(URI.create(uri))));
      }
    } else {
      fs = TmpFileSystems.builder().dir(Path.of(args[1])).build();
    }
    Files.createDirectories(fs.getPath("/a/b"));
    Files.writeString(fs.getPath("/a/b/f"), "child data");
    Files.writeString(fs.getPath("/top"), "top");
    System.out.println("CONTAINER " + TmpFileSystems.unwrap(fs.getPath("/")).getParent());
    System.out.println("READY");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String go = in.readLine();
    if (!"go".equals(go)) {
      System.out.println("UNEXPECTED " + go);
    }
    if (mode.equals("exit")) {
      System.exit(3);
    }
  }

  private interface Call {
    Object call() throws Exception;
  }

  private static String outcome(Call call) {
    try {
      Object result = call.call();
      return "returned " + result;
    } catch (Exception e) {
      return e.getClass().getName() + " " + e.getMessage();
    }
  }
}
