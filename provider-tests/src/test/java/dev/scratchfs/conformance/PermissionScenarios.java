package dev.scratchfs.conformance;

import static dev.scratchfs.conformance.Fixture.dir;
import static dev.scratchfs.conformance.Fixture.file;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The sanctioned difference: permission sets. Each scenario records permission sets with {@link
 * Outcome#permissions}; on a tmp: target each must be the delegate's set intersected with the
 * owner's bits (rw-------, rwx------, ...), whatever was requested and whatever the umask.
 */
final class PermissionScenarios {
  private static final String JIMFS_DIRECTORY_DEFAULT =
      "jimfs creates directories rw-r--r-- by default; the owner-only policy creates every directory"
          + " rwx------ (owner bits of the delegate's rw-r--r-- would be rw-------)";

  private PermissionScenarios() {}

  static Set<PosixFilePermission> perms(Path p) throws Exception {
    return Files.getPosixFilePermissions(p, NOFOLLOW_LINKS);
  }

  static FileAttribute<Set<PosixFilePermission>> attr(String s) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(s));
  }

  static Scenario.Table table() {
    Scenario.Table t = new Scenario.Table("perm");

    t.add("new file and directory", (w, o) -> {
      Path f = file(w, "f", "x");
      Path d = dir(w, "d");
      o.permissions("file", perms(f));
      o.permissions("dir", perms(d));
      o.permissions("nestedDir", perms(dir(w, "a/b/c")));
      o.permissions("nestedParent", perms(w.resolve("a")));
    }).differsOn(JIMFS_DIRECTORY_DEFAULT, List.of(Target.TMP_OVER_JIMFS),
        "dir", "perms:rwx------", "nestedDir", "perms:rwx------", "nestedParent", "perms:rwx------");
    for (String requested : List.of("rwxrwxrwx", "rw-r--r--", "r--------", "---rwxrwx", "---------",
        "rwx------", "r-xr-xr-x")) {
      t.add("createFile with " + requested, (w, o) -> {
        Path f = w.resolve("f");
        o.attempt("create", () -> Files.createFile(f, attr(requested)));
        o.permissionsOf("perms", () -> perms(f));
      });
      t.add("createDirectory with " + requested, (w, o) -> {
        Path d = w.resolve("d");
        o.attempt("create", () -> Files.createDirectory(d, attr(requested)));
        o.permissionsOf("perms", () -> perms(d));
      });
      t.add("setPosixFilePermissions " + requested, (w, o) -> {
        Path f = file(w, "f", "x");
        o.attempt("set", () -> Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(requested)));
        o.permissions("perms", perms(f));
        o.note("readable", Files.isReadable(f));
      });
    }
    t.add("setPosixFilePermissions directory", (w, o) -> {
      Path d = dir(w, "d");
      Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwt".replace('t', 'x')));
      o.permissions("perms", perms(d));
    });
    t.add("createDirectories with attribute", (w, o) -> {
      o.attempt("create", () -> Files.createDirectories(w.resolve("a/b"), attr("rwxrwxrwx")));
      o.permissions("a", perms(w.resolve("a")));
      o.permissions("b", perms(w.resolve("a/b")));
    });
    t.add("setAttribute posix:permissions", (w, o) -> {
      Path f = file(w, "f", "x");
      o.attempt("set", () -> Files.setAttribute(f, "posix:permissions",
          PosixFilePermissions.fromString("rwxrw-r--")));
      o.permissions("perms", perms(f));
    });
    t.add("setAttribute unix:permissions", (w, o) -> {
      Path f = file(w, "f", "x");
      o.attempt("set", () -> Files.setAttribute(f, "unix:permissions",
          PosixFilePermissions.fromString("rw-rw-rw-")));
      o.permissions("perms", perms(f));
    });
    t.add("setAttribute unix:mode", (w, o) -> {
      Path f = file(w, "f", "x");
      o.attempt("set", () -> Files.setAttribute(f, "unix:mode", 0777));
      o.permissions("perms", perms(f));
    });
    t.add("setAttribute permissions wrong type", (w, o) -> {
      Path f = file(w, "f", "x");
      o.attempt("set", () -> Files.setAttribute(f, "posix:permissions", "rwxrwxrwx"));
      o.permissions("perms", perms(f));
    }).differsOn(
        "tmp: masks a permissions value before the delegate sees it, so a wrong type fails with"
            + " ClassCastException like the default provider (jimfs: IllegalArgumentException)",
        List.of(Target.TMP_OVER_JIMFS), "set", "!ClassCastException");
    t.add("posix view setPermissions", (w, o) -> {
      Path f = file(w, "f", "x");
      PosixFileAttributeView v = Files.getFileAttributeView(f, PosixFileAttributeView.class);
      o.attempt("set", () -> v.setPermissions(PosixFilePermissions.fromString("rwxr-x--x")));
      o.permissions("viewRead", v.readAttributes().permissions());
      o.permissions("perms", perms(f));
    });
    t.add("readAttributes posix:permissions map", (w, o) -> {
      Path f = file(w, "f", "x");
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr--"));
      @SuppressWarnings("unchecked")
      Set<PosixFilePermission> p =
          (Set<PosixFilePermission>) Files.readAttributes(f, "posix:permissions").get("permissions");
      o.permissions("perms", p);
    });
    t.add("newByteChannel CREATE with attribute", (w, o) -> {
      Path f = w.resolve("f");
      Files.newByteChannel(f, Set.of(CREATE, WRITE), attr("rwxrwxrwx")).close();
      o.permissions("perms", perms(f));
    });
    t.add("newOutputStream creates", (w, o) -> {
      Path f = w.resolve("f");
      Files.newOutputStream(f).close();
      o.permissions("perms", perms(f));
    });
    t.add("FileChannel with attribute", (w, o) -> {
      Path f = w.resolve("f");
      FileChannel.open(f, Set.of(CREATE_NEW, WRITE), attr("rw-rw-rw-")).close();
      o.permissions("perms", perms(f));
    });
    t.add("AsynchronousFileChannel with attribute", (w, o) -> {
      Path f = w.resolve("f");
      AsynchronousFileChannel.open(f, Set.of(CREATE_NEW, WRITE), null, attr("rwxrwx---")).close();
      o.permissions("perms", perms(f));
    });
    t.add("createTempFile and createTempDirectory", (w, o) -> {
      o.permissions("file", perms(Files.createTempFile(w, "p", null)));
      o.permissions("dir", perms(Files.createTempDirectory(w, "p")));
      o.permissions("fileWithAttr", perms(Files.createTempFile(w, "q", null, attr("rwxrwxrwx"))));
      o.permissions("dirWithAttr", perms(Files.createTempDirectory(w, "q", attr("rwxrwxrwx"))));
    }).differsOn(JIMFS_DIRECTORY_DEFAULT, List.of(Target.TMP_OVER_JIMFS), "dir", "perms:rwx------");
    t.add("copy keeps or masks permissions", (w, o) -> {
      Path a = file(w, "a", "x");
      Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rwxr-x---"));
      Files.copy(a, w.resolve("plain"));
      Files.copy(a, w.resolve("attrs"), StandardCopyOption.COPY_ATTRIBUTES);
      o.permissions("source", perms(a));
      o.permissions("plain", perms(w.resolve("plain")));
      o.permissions("attrs", perms(w.resolve("attrs")));
    });
    t.add("copy directory permissions", (w, o) -> {
      Path d = dir(w, "d");
      Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxr-x"));
      Files.copy(d, w.resolve("e"), StandardCopyOption.COPY_ATTRIBUTES);
      o.permissions("e", perms(w.resolve("e")));
    });
    t.add("move keeps permissions", (w, o) -> {
      Path a = file(w, "a", "x");
      Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("r-x------"));
      Files.move(a, w.resolve("b"));
      o.permissions("perms", perms(w.resolve("b")));
    });
    t.add("secure directory stream creation", (w, o) -> {
      dir(w, "d");
      try (DirectoryStream<Path> s = Files.newDirectoryStream(w.resolve("d"))) {
        o.note("secure", s instanceof SecureDirectoryStream);
        if (s instanceof SecureDirectoryStream) {
          ((SecureDirectoryStream<Path>) s).newByteChannel(w.getFileSystem().getPath("x"),
              Set.of(CREATE_NEW, WRITE), attr("rwxrwxrwx")).close();
          o.permissions("perms", perms(w.resolve("d/x")));
          PosixFileAttributeView v = ((SecureDirectoryStream<Path>) s).getFileAttributeView(
              w.getFileSystem().getPath("x"), PosixFileAttributeView.class);
          o.attempt("set", () -> v.setPermissions(PosixFilePermissions.fromString("rwxrwxrwx")));
          o.permissions("afterSet", perms(w.resolve("d/x")));
        }
      }
    }).differsOn(
        "jimfs's secure directory stream ignores creation attributes (its default rw-r--r--);"
            + " tmp: applies the request intersected with the owner's bits, as on every other"
            + " creation path",
        List.of(Target.TMP_OVER_JIMFS), "perms", "perms:rwx------");
    t.add("symbolic link permissions", (w, o) -> {
      file(w, "t", "x");
      Path l = Files.createSymbolicLink(w.resolve("l"), w.getFileSystem().getPath("t"));
      o.permissionsOf("link", () -> perms(l));
      o.permissionsOf("target", () -> Files.getPosixFilePermissions(l));
    }).differsOn(
        "a symbolic link is created without permission attributes (Linux refuses them and keeps"
            + " every link lrwxrwxrwx, jimfs gives links its default rw-r--r--): the policy does not"
            + " reach a link's own mode, which no access check uses",
        List.of(Target.TMP_OVER_DEFAULT), "link", "perms:rwxrwxrwx")
        .differsOn(
        "a symbolic link is created without permission attributes (Linux refuses them and keeps"
            + " every link lrwxrwxrwx, jimfs gives links its default rw-r--r--): the policy does not"
            + " reach a link's own mode, which no access check uses",
        List.of(Target.TMP_OVER_JIMFS), "link", "perms:rw-r--r--");
    t.add("permissions of the work directory", (w, o) -> {
      Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
      o.permissions("perms", perms(w));
    });
    t.add("unsupported creation attribute", (w, o) -> {
      FileAttribute<String> bogus = new FileAttribute<>() {
        @Override
        public String name() {
          return "acl:acl";
        }

        @Override
        public String value() {
          return "none";
        }
      };
      o.attempt("create", () -> Files.createFile(w.resolve("f"), bogus));
      o.note("exists", Files.exists(w.resolve("f")));
      o.attempt("createDir", () -> Files.createDirectory(w.resolve("d"), bogus));
    });
    t.add("read-only file still readable", (w, o) -> {
      Path f = file(w, "f", "content");
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
      o.permissions("perms", perms(f));
      o.note("read", Files.readString(f));
      o.attempt("channel", () -> Files.newByteChannel(f, READ).close());
    });
    return t;
  }
}
