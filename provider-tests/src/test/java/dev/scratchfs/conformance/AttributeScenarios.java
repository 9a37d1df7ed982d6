package dev.scratchfs.conformance;

import static dev.scratchfs.conformance.Fixture.OLD;
import static dev.scratchfs.conformance.Fixture.dir;
import static dev.scratchfs.conformance.Fixture.file;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Basic and posix attributes, attribute maps, setAttribute, times, file stores. */
final class AttributeScenarios {
  private static final String OWNER_REFUSED =
      "owner and group changes are refused with AccessDeniedException";

  private static final String OWNER_REFUSED_FAILURE =
      "!AccessDeniedException(f,null,tmp: refuses owner, group and ACL changes on scratch entries)";

  private AttributeScenarios() {}

  static Scenario.Table table() {
    Scenario.Table t = new Scenario.Table("attr");

    t.add("basic attributes of file", (w, o) -> {
      Path f = file(w, "f", "12345");
      BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
      o.note("regular", a.isRegularFile());
      o.note("directory", a.isDirectory());
      o.note("link", a.isSymbolicLink());
      o.note("other", a.isOther());
      o.note("size", a.size());
      o.note("hasFileKey", a.fileKey() != null);
    });
    t.add("basic attributes of directory", (w, o) -> {
      Path d = dir(w, "d");
      BasicFileAttributes a = Files.readAttributes(d, BasicFileAttributes.class);
      o.note("regular", a.isRegularFile());
      o.note("directory", a.isDirectory());
      o.note("link", a.isSymbolicLink());
    });
    t.add("basic attributes of the work directory", (w, o) -> {
      BasicFileAttributes a = Files.readAttributes(w, BasicFileAttributes.class);
      o.note("directory", a.isDirectory());
      o.note("link", a.isSymbolicLink());
    });
    t.add("posix attributes", (w, o) -> {
      Path f = file(w, "f", "x");
      PosixFileAttributes a = Files.readAttributes(f, PosixFileAttributes.class);
      o.note("ownerIsProcessOwner", a.owner().equals(Files.getOwner(f)));
      o.note("owner", a.owner().getName());
      o.note("group", a.group().getName());
      o.permissions("permissions", a.permissions());
    });
    t.add("readAttributes missing", (w, o) -> {
      o.attempt("basic", () -> Files.readAttributes(w.resolve("n"), BasicFileAttributes.class));
      o.attempt("posix", () -> Files.readAttributes(w.resolve("n"), PosixFileAttributes.class));
      o.attempt("map", () -> Files.readAttributes(w.resolve("n"), "*"));
    });
    t.add("readAttributes map star", (w, o) -> {
      Path f = file(w, "f", "123");
      Map<String, Object> m = Files.readAttributes(f, "*");
      o.note("keys", new TreeSet<>(m.keySet()));
      o.note("size", m.get("size"));
      o.note("isDirectory", m.get("isDirectory"));
    });
    for (String view : List.of("basic", "posix", "unix", "owner", "dos", "acl", "user")) {
      t.add("readAttributes map " + view + ":*", (w, o) -> {
        Path f = file(w, "f", "123");
        o.query("keys", () -> new TreeSet<>(Files.readAttributes(f, view + ":*").keySet()));
      });
    }
    t.add("readAttributes map selected", (w, o) -> {
      Path f = file(w, "f", "1234");
      o.query("map", () -> new java.util.TreeMap<>(
          Files.readAttributes(f, "basic:size,isDirectory,isRegularFile")));
      o.query("unixSelected", () -> new TreeSet<>(
          Files.readAttributes(f, "unix:nlink,mode,uid").keySet()));
      o.attempt("unknownName", () -> Files.readAttributes(f, "basic:nosuch"));
      o.attempt("unknownView", () -> Files.readAttributes(f, "nosuchview:*"));
      o.attempt("empty", () -> Files.readAttributes(f, ""));
    });
    t.add("readAttributes map of link NOFOLLOW", (w, o) -> {
      file(w, "t", "target");
      Files.createSymbolicLink(w.resolve("l"), w.getFileSystem().getPath("t"));
      o.query("nofollow", () -> new java.util.TreeMap<>(
          Files.readAttributes(w.resolve("l"), "isSymbolicLink,isRegularFile", NOFOLLOW_LINKS)));
      o.query("follow", () -> new java.util.TreeMap<>(
          Files.readAttributes(w.resolve("l"), "isSymbolicLink,isRegularFile,size")));
    });
    t.add("getAttribute", (w, o) -> {
      Path f = file(w, "f", "12");
      o.query("size", () -> Files.getAttribute(f, "size"));
      o.query("basicSize", () -> Files.getAttribute(f, "basic:size"));
      o.query("nlink", () -> Files.getAttribute(f, "unix:nlink"));
      o.query("isOther", () -> Files.getAttribute(f, "isOther"));
      o.attempt("wildcard", () -> Files.getAttribute(f, "*"));
      o.attempt("unknown", () -> Files.getAttribute(f, "nosuch"));
    });
    t.add("setAttribute lastModifiedTime", (w, o) -> {
      Path f = file(w, "f", "x");
      o.attempt("set", () -> Files.setAttribute(f, "lastModifiedTime", OLD));
      o.note("mtime", Files.getLastModifiedTime(f));
      o.note("attr", Files.getAttribute(f, "basic:lastModifiedTime"));
    });
    t.add("setLastModifiedTime", (w, o) -> {
      Path f = file(w, "f", "x");
      o.query("set", () -> Files.setLastModifiedTime(f, OLD));
      o.note("mtime", Files.getLastModifiedTime(f));
      o.attempt("missing", () -> Files.setLastModifiedTime(w.resolve("n"), OLD));
    });
    t.add("setTimes", (w, o) -> {
      Path f = file(w, "f", "x");
      BasicFileAttributeView v = Files.getFileAttributeView(f, BasicFileAttributeView.class);
      FileTime atime = FileTime.fromMillis(1_100_000_000_000L);
      o.attempt("set", () -> v.setTimes(OLD, atime, null));
      BasicFileAttributes a = v.readAttributes();
      o.note("mtime", a.lastModifiedTime());
      o.note("atime", a.lastAccessTime());
      o.note("name", v.name());
    });
    t.add("setAttribute lastAccessTime and creationTime", (w, o) -> {
      Path f = file(w, "f", "x");
      o.attempt("atime", () -> Files.setAttribute(f, "lastAccessTime", OLD));
      o.note("atimeRead", Files.getAttribute(f, "lastAccessTime"));
      o.attempt("ctime", () -> Files.setAttribute(f, "basic:creationTime", OLD));
      o.note("ctimeIsOld", Files.getAttribute(f, "creationTime").equals(OLD));
    });
    t.add("setAttribute directory time", (w, o) -> {
      Path d = dir(w, "d");
      Files.setLastModifiedTime(d, OLD);
      o.note("mtime", Files.getLastModifiedTime(d));
      Files.createFile(d.resolve("x"));
      o.note("changedByEntry", !Files.getLastModifiedTime(d).equals(OLD));
    });
    t.add("setAttribute errors", (w, o) -> {
      Path f = file(w, "f", "x");
      o.attempt("readOnlyAttr", () -> Files.setAttribute(f, "size", 3L));
      o.attempt("unknownView", () -> Files.setAttribute(f, "nosuch:x", 1));
      o.attempt("unknownName", () -> Files.setAttribute(f, "basic:nosuch", 1));
      o.attempt("wrongType", () -> Files.setAttribute(f, "lastModifiedTime", "yesterday"));
      o.attempt("missing", () -> Files.setAttribute(w.resolve("n"), "lastModifiedTime", OLD));
    });
    t.add("setAttribute posix owner to itself", (w, o) -> {
      Path f = file(w, "f", "x");
      o.attempt("set", () -> Files.setAttribute(f, "posix:owner", Files.getOwner(f)));
    });
    t.add("setAttribute posix group to itself", (w, o) -> {
      Path f = file(w, "f", "x");
      Object group = Files.getAttribute(f, "posix:group");
      o.attempt("set", () -> Files.setAttribute(f, "posix:group", group));
    });
    t.add("setOwner to itself", (w, o) -> {
      Path f = file(w, "f", "x");
      o.attempt("set", () -> Files.setOwner(f, Files.getOwner(f)));
      o.note("owner", Files.getOwner(f).getName());
    });
    t.add("setOwner to another user", (w, o) -> {
      Path f = file(w, "f", "x");
      UserPrincipal other =
          f.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      o.attempt("set", () -> Files.setOwner(f, other));
    }).differsOnTmp(OWNER_REFUSED, "set", OWNER_REFUSED_FAILURE);
    t.add("owner view", (w, o) -> {
      Path f = file(w, "f", "x");
      FileOwnerAttributeView v = Files.getFileAttributeView(f, FileOwnerAttributeView.class);
      o.note("present", v != null);
      o.query("owner", () -> v.getOwner().getName());
      o.query("name", v::name);
    });
    t.add("getOwner missing", (w, o) -> {
      o.attempt("owner", () -> Files.getOwner(w.resolve("n")));
    });
    t.add("attribute view of missing file", (w, o) -> {
      PosixFileAttributeView v =
          Files.getFileAttributeView(w.resolve("n"), PosixFileAttributeView.class);
      o.note("present", v != null);
      o.attempt("read", v::readAttributes);
      o.attempt("setTimes", () -> v.setTimes(OLD, null, null));
    });
    t.add("dos view", (w, o) -> {
      Path f = file(w, "f", "x");
      DosFileAttributeView v = Files.getFileAttributeView(f, DosFileAttributeView.class);
      o.note("present", v != null);
      if (v != null) {
        o.query("readOnly", () -> v.readAttributes().isReadOnly());
      }
    });
    t.add("user defined view", (w, o) -> {
      Path f = file(w, "f", "x");
      UserDefinedFileAttributeView v =
          Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
      o.note("present", v != null);
      if (v != null) {
        o.query("write", () -> v.write("scratch.test", ByteBuffer.wrap(new byte[] {1, 2, 3})));
        o.query("list", v::list);
        o.query("size", () -> v.size("scratch.test"));
      }
    });
    t.add("unsupported view class", (w, o) -> {
      Path f = file(w, "f", "x");
      o.note("acl", Files.getFileAttributeView(f,
          java.nio.file.attribute.AclFileAttributeView.class) != null);
      o.attempt("readAcl", () -> Files.readAttributes(f,
          java.nio.file.attribute.DosFileAttributes.class));
    });
    t.add("supportedFileAttributeViews", (w, o) -> {
      o.note("views", new TreeSet<>(w.getFileSystem().supportedFileAttributeViews()));
    });
    t.add("file store basics", (w, o) -> {
      Path f = file(w, "f", "x");
      FileStore s = Files.getFileStore(f);
      o.note("sameAsDir", Files.getFileStore(w).name().equals(s.name()));
      o.note("name", s.name());
      o.note("type", s.type());
      o.note("readOnly", s.isReadOnly());
      o.query("totalPositive", () -> s.getTotalSpace() > 0);
      o.query("usableNotAboveTotal", () -> s.getUsableSpace() <= s.getTotalSpace());
      o.query("blockSize", () -> s.getBlockSize() > 0);
      List<String> views = new ArrayList<>();
      for (String v : List.of("basic", "posix", "unix", "owner", "dos", "acl", "user")) {
        views.add(v + "=" + s.supportsFileAttributeView(v));
      }
      o.note("views", views);
      o.note("posixByClass", s.supportsFileAttributeView(PosixFileAttributeView.class));
      o.query("totalAttr", () -> s.getAttribute("totalSpace").equals(s.getTotalSpace()));
      o.attempt("unknownAttr", () -> s.getAttribute("nosuch"));
    });
    t.add("file store missing", (w, o) -> {
      o.attempt("store", () -> Files.getFileStore(w.resolve("n")));
    });
    t.add("lastModifiedTime follows writes", (w, o) -> {
      Path f = file(w, "f", "x");
      Files.setLastModifiedTime(f, OLD);
      Files.writeString(f, "y", java.nio.file.StandardOpenOption.APPEND);
      o.note("changed", !Files.getLastModifiedTime(f).equals(OLD));
    });
    t.add("size attribute after truncate", (w, o) -> {
      Path f = file(w, "f", "0123456789");
      try (var ch = Files.newByteChannel(f, java.nio.file.StandardOpenOption.WRITE)) {
        ch.truncate(4);
      }
      o.note("size", Files.readAttributes(f, BasicFileAttributes.class).size());
    });
    return t;
  }
}
