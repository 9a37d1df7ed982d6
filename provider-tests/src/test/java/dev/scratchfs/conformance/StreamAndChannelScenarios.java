package dev.scratchfs.conformance;

import static dev.scratchfs.conformance.Fixture.dir;
import static dev.scratchfs.conformance.Fixture.file;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.DSYNC;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.SPARSE;
import static java.nio.file.StandardOpenOption.SYNC;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.Channels;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Input and output streams, byte channels, file channels and asynchronous file channels. */
final class StreamAndChannelScenarios {
  private static final List<Target> TMP_OVER_JIMFS = List.of(Target.TMP_OVER_JIMFS);
  private static final String DELETE_ON_CLOSE_REASON =
      "DELETE_ON_CLOSE is honoured also over jimfs, which ignores it";

  private StreamAndChannelScenarios() {}

  static String text(ByteBuffer b) {
    b.flip();
    return UTF_8.decode(b).toString();
  }

  static String readAll(SeekableByteChannel ch) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(256);
    while (ch.read(b) > 0) {
      // keep reading until end of file
    }
    return text(b);
  }

  static Scenario.Table table() {
    Scenario.Table t = new Scenario.Table("io");

    t.add("newInputStream read skip available", (w, o) -> {
      Path p = file(w, "f", "0123456789");
      try (InputStream in = Files.newInputStream(p)) {
        o.note("first", in.read());
        o.note("skipped", in.skip(3));
        o.note("available", in.available() > 0);
        o.note("rest", new String(in.readAllBytes(), UTF_8));
        o.note("eof", in.read());
      }
    });
    t.add("newInputStream APPEND refused", (w, o) -> {
      Path p = file(w, "f", "x");
      o.attempt("open", () -> Files.newInputStream(p, APPEND).close());
    });
    t.add("newInputStream WRITE refused", (w, o) -> {
      Path p = file(w, "f", "x");
      o.attempt("open", () -> Files.newInputStream(p, WRITE).close());
    });
    t.add("newInputStream missing", (w, o) -> {
      o.attempt("open", () -> Files.newInputStream(w.resolve("nope")).close());
    });
    t.add("newInputStream directory", (w, o) -> {
      Path d = dir(w, "d");
      o.attempt("read", () -> {
        try (InputStream in = Files.newInputStream(d)) {
          in.read();
        }
      });
    });
    t.add("newOutputStream default truncates", (w, o) -> {
      Path p = file(w, "f", "long old content");
      try (OutputStream out = Files.newOutputStream(p)) {
        out.write("new".getBytes(UTF_8));
      }
      o.note("read", Files.readString(p));
    });
    t.add("newOutputStream APPEND", (w, o) -> {
      Path p = file(w, "f", "old");
      try (OutputStream out = Files.newOutputStream(p, APPEND)) {
        out.write("+new".getBytes(UTF_8));
      }
      o.note("read", Files.readString(p));
    });
    t.add("newOutputStream CREATE_NEW existing", (w, o) -> {
      Path p = file(w, "f", "old");
      o.attempt("open", () -> Files.newOutputStream(p, CREATE_NEW).close());
      o.note("read", Files.readString(p));
    });
    t.add("newOutputStream CREATE_NEW missing", (w, o) -> {
      Path p = w.resolve("f");
      try (OutputStream out = Files.newOutputStream(p, CREATE_NEW)) {
        out.write('x');
      }
      o.tree("tree");
    });
    t.add("newOutputStream TRUNCATE_EXISTING missing", (w, o) -> {
      o.attempt("open", () -> Files.newOutputStream(w.resolve("f"), TRUNCATE_EXISTING).close());
    });
    t.add("newOutputStream TRUNCATE_EXISTING existing", (w, o) -> {
      Path p = file(w, "f", "old content");
      try (OutputStream out = Files.newOutputStream(p, TRUNCATE_EXISTING)) {
        out.write("ab".getBytes(UTF_8));
      }
      o.note("read", Files.readString(p));
    });
    t.add("newOutputStream READ refused", (w, o) -> {
      o.attempt("open", () -> Files.newOutputStream(w.resolve("f"), READ).close());
      o.note("exists", Files.exists(w.resolve("f")));
    }).differsOn(
        "tmp: checks stream options itself, like the default provider (jimfs throws"
            + " UnsupportedOperationException)",
        TMP_OVER_JIMFS, "open", "!IllegalArgumentException");
    t.add("newOutputStream APPEND with TRUNCATE refused", (w, o) -> {
      Path p = file(w, "f", "old");
      o.attempt("open", () -> Files.newOutputStream(p, APPEND, TRUNCATE_EXISTING).close());
      o.note("read", Files.readString(p));
    });
    t.add("newOutputStream APPEND missing", (w, o) -> {
      o.attempt("open", () -> Files.newOutputStream(w.resolve("f"), APPEND).close());
    });
    t.add("newOutputStream missing parent", (w, o) -> {
      o.attempt("open", () -> Files.newOutputStream(w.resolve("no/f")).close());
    });
    t.add("DELETE_ON_CLOSE newByteChannel", (w, o) -> {
      Path p = w.resolve("f");
      try (SeekableByteChannel ch = Files.newByteChannel(p, CREATE_NEW, WRITE, DELETE_ON_CLOSE)) {
        ch.write(ByteBuffer.wrap("x".getBytes(UTF_8)));
        o.note("existsWhileOpen", Files.exists(p));
      }
      o.note("existsAfterClose", Files.exists(p));
    }).differsOn(DELETE_ON_CLOSE_REASON, TMP_OVER_JIMFS, "existsAfterClose", "false");
    t.add("DELETE_ON_CLOSE newOutputStream", (w, o) -> {
      Path p = w.resolve("f");
      try (OutputStream out = Files.newOutputStream(p, CREATE, WRITE, DELETE_ON_CLOSE)) {
        out.write(1);
        o.note("existsWhileOpen", Files.exists(p));
      }
      o.note("existsAfterClose", Files.exists(p));
    }).differsOn(DELETE_ON_CLOSE_REASON, TMP_OVER_JIMFS, "existsAfterClose", "false");
    t.add("DELETE_ON_CLOSE newInputStream of existing", (w, o) -> {
      Path p = file(w, "f", "data");
      o.attempt("read", () -> {
        try (InputStream in = Files.newInputStream(p, READ, DELETE_ON_CLOSE)) {
          in.readAllBytes();
        }
      });
      o.note("existsAfterClose", Files.exists(p));
    }).differsOn(DELETE_ON_CLOSE_REASON + " (jimfs also refuses the option for input streams)",
        TMP_OVER_JIMFS, "read", "ok", "existsAfterClose", "false");
    t.add("DELETE_ON_CLOSE FileChannel", (w, o) -> {
      Path p = w.resolve("f");
      try (FileChannel ch = FileChannel.open(p, CREATE_NEW, WRITE, DELETE_ON_CLOSE)) {
        ch.write(ByteBuffer.wrap("abc".getBytes(UTF_8)));
        o.note("size", ch.size());
      }
      o.note("existsAfterClose", Files.exists(p));
    }).differsOn(DELETE_ON_CLOSE_REASON, TMP_OVER_JIMFS, "existsAfterClose", "false");
    t.add("DELETE_ON_CLOSE AsynchronousFileChannel", (w, o) -> {
      Path p = w.resolve("f");
      try (AsynchronousFileChannel ch =
          AsynchronousFileChannel.open(p, CREATE_NEW, WRITE, DELETE_ON_CLOSE)) {
        o.note("written", ch.write(ByteBuffer.wrap("abc".getBytes(UTF_8)), 0).get(10, TimeUnit.SECONDS));
      }
      o.note("existsAfterClose", Files.exists(p));
    }).differsOn(DELETE_ON_CLOSE_REASON, TMP_OVER_JIMFS, "existsAfterClose", "false");
    t.add("DELETE_ON_CLOSE file deleted before close", (w, o) -> {
      Path p = w.resolve("f");
      try (SeekableByteChannel ch = Files.newByteChannel(p, CREATE_NEW, WRITE, DELETE_ON_CLOSE)) {
        o.attempt("delete", () -> Files.delete(p));
        ch.write(ByteBuffer.wrap("x".getBytes(UTF_8)));
      }
      o.note("existsAfterClose", Files.exists(p));
      o.tree("tree");
    });
    t.add("byte channel write position size truncate", (w, o) -> {
      Path p = w.resolve("f");
      try (SeekableByteChannel ch = Files.newByteChannel(p, CREATE, READ, WRITE)) {
        o.note("isFileChannel", ch instanceof FileChannel);
        ch.write(ByteBuffer.wrap("0123456789".getBytes(UTF_8)));
        o.note("position", ch.position());
        o.note("size", ch.size());
        ch.position(3);
        ByteBuffer b = ByteBuffer.allocate(4);
        ch.read(b);
        o.note("read", text(b));
        ch.truncate(5);
        o.note("sizeAfterTruncate", ch.size());
        o.note("positionAfterTruncate", ch.position());
        ch.truncate(50);
        o.note("truncateLarger", ch.size());
      }
      o.note("content", Files.readString(p));
    });
    t.add("byte channel write past end", (w, o) -> {
      Path p = w.resolve("f");
      try (SeekableByteChannel ch = Files.newByteChannel(p, CREATE, WRITE)) {
        ch.position(4);
        ch.write(ByteBuffer.wrap("z".getBytes(UTF_8)));
        o.note("size", ch.size());
      }
      o.note("bytes", Files.readAllBytes(p));
    });
    t.add("byte channel read at end", (w, o) -> {
      Path p = file(w, "f", "ab");
      try (SeekableByteChannel ch = Files.newByteChannel(p)) {
        ch.position(10);
        o.note("read", ch.read(ByteBuffer.allocate(4)));
      }
    });
    t.add("byte channel APPEND ignores position", (w, o) -> {
      Path p = file(w, "f", "abc");
      try (SeekableByteChannel ch = Files.newByteChannel(p, APPEND)) {
        o.note("startPosition", ch.position());
        ch.write(ByteBuffer.wrap("d".getBytes(UTF_8)));
        o.note("positionAfter", ch.position());
      }
      o.note("content", Files.readString(p));
    });
    t.add("byte channel APPEND with READ refused", (w, o) -> {
      Path p = file(w, "f", "abc");
      o.attempt("open", () -> Files.newByteChannel(p, APPEND, READ).close());
    });
    t.add("byte channel read-only refuses write", (w, o) -> {
      Path p = file(w, "f", "abc");
      try (SeekableByteChannel ch = Files.newByteChannel(p, READ)) {
        o.attempt("write", () -> ch.write(ByteBuffer.wrap("x".getBytes(UTF_8))));
        o.attempt("truncate", () -> ch.truncate(1));
      }
    });
    t.add("byte channel write-only refuses read", (w, o) -> {
      Path p = file(w, "f", "abc");
      try (SeekableByteChannel ch = Files.newByteChannel(p, WRITE)) {
        o.attempt("read", () -> ch.read(ByteBuffer.allocate(1)));
      }
    });
    t.add("byte channel missing", (w, o) -> {
      o.attempt("read", () -> Files.newByteChannel(w.resolve("nope")).close());
      o.attempt("write", () -> Files.newByteChannel(w.resolve("nope"), WRITE).close());
    });
    t.add("byte channel closed", (w, o) -> {
      Path p = file(w, "f", "abc");
      SeekableByteChannel ch = Files.newByteChannel(p);
      ch.close();
      o.note("open", ch.isOpen());
      o.attempt("read", () -> ch.read(ByteBuffer.allocate(1)));
      o.attempt("position", () -> ch.position());
    });
    t.add("byte channel options SPARSE SYNC DSYNC", (w, o) -> {
      Path p = w.resolve("f");
      try (SeekableByteChannel ch = Files.newByteChannel(p, CREATE_NEW, WRITE, SPARSE, SYNC, DSYNC)) {
        ch.write(ByteBuffer.wrap("s".getBytes(UTF_8)));
      }
      o.tree("tree");
    });
    t.add("byte channel NOFOLLOW_LINKS on link", (w, o) -> {
      file(w, "t", "target");
      Files.createSymbolicLink(w.resolve("l"), w.getFileSystem().getPath("t"));
      o.attempt("nofollow", () -> Files.newByteChannel(w.resolve("l"), READ, LinkOption.NOFOLLOW_LINKS).close());
      try (SeekableByteChannel ch = Files.newByteChannel(w.resolve("l"))) {
        o.note("follow", readAll(ch));
      }
    });
    t.add("byte channel CREATE through dangling link", (w, o) -> {
      Files.createSymbolicLink(w.resolve("l"), w.getFileSystem().getPath("t"));
      o.attempt("create", () -> Files.newByteChannel(w.resolve("l"), CREATE, WRITE).close());
      o.tree("tree");
    });
    t.add("FileChannel position size truncate force", (w, o) -> {
      Path p = w.resolve("f");
      try (FileChannel ch = FileChannel.open(p, CREATE, READ, WRITE)) {
        ch.write(ByteBuffer.wrap("hello world".getBytes(UTF_8)));
        ch.force(true);
        o.note("size", ch.size());
        ch.truncate(5);
        o.note("truncated", ch.size());
        o.note("position", ch.position());
        ch.position(0);
        o.note("content", readAll(ch));
      }
    });
    t.add("FileChannel positional read write", (w, o) -> {
      Path p = file(w, "f", "abcdef");
      try (FileChannel ch = FileChannel.open(p, READ, WRITE)) {
        ch.write(ByteBuffer.wrap("XY".getBytes(UTF_8)), 2);
        ByteBuffer b = ByteBuffer.allocate(3);
        ch.read(b, 1);
        o.note("read", text(b));
        o.note("positionUnchanged", ch.position());
        o.note("readPastEnd", ch.read(ByteBuffer.allocate(2), 100));
      }
      o.note("content", Files.readString(p));
    });
    t.add("FileChannel scatter gather", (w, o) -> {
      Path p = w.resolve("f");
      try (FileChannel ch = FileChannel.open(p, CREATE, READ, WRITE)) {
        o.note("written", ch.write(new ByteBuffer[] {
            ByteBuffer.wrap("abc".getBytes(UTF_8)), ByteBuffer.wrap("defg".getBytes(UTF_8))}));
        ch.position(0);
        ByteBuffer a = ByteBuffer.allocate(2);
        ByteBuffer b = ByteBuffer.allocate(10);
        o.note("read", ch.read(new ByteBuffer[] {a, b}));
        o.note("a", text(a));
        o.note("b", text(b));
      }
    });
    t.add("FileChannel map read only", (w, o) -> {
      Path p = file(w, "f", "mapped");
      try (FileChannel ch = FileChannel.open(p, READ)) {
        o.query("map", () -> {
          MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
          byte[] bytes = new byte[m.remaining()];
          m.get(bytes);
          return new String(bytes, UTF_8);
        });
        o.attempt("mapReadWrite", () -> ch.map(FileChannel.MapMode.READ_WRITE, 0, 1));
      }
    });
    t.add("FileChannel map read write", (w, o) -> {
      Path p = file(w, "f", "mapped");
      try (FileChannel ch = FileChannel.open(p, READ, WRITE)) {
        o.attempt("map", () -> {
          MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, 3);
          m.put(0, (byte) 'M');
          m.force();
        });
      }
      o.note("content", Files.readString(p));
    });
    t.add("FileChannel lock", (w, o) -> {
      Path p = file(w, "f", "locked");
      try (FileChannel ch = FileChannel.open(p, READ, WRITE)) {
        FileLock lock = o.query("lock", () -> ch.lock(100, 1, false));
        o.note("valid", lock != null && lock.isValid());
        o.note("shared", lock != null && lock.isShared());
        o.attempt("overlap", () -> ch.tryLock(100, 1, false));
        if (lock != null) {
          lock.release();
          o.note("validAfterRelease", lock.isValid());
        }
        o.query("tryLockAgain", () -> ch.tryLock(100, 1, true).isShared());
      }
    });
    t.add("FileChannel lock modes", (w, o) -> {
      Path p = file(w, "f", "locked");
      try (FileChannel ch = FileChannel.open(p, WRITE)) {
        o.attempt("sharedOnWriteOnly", () -> ch.lock(0, 1, true));
      }
      try (FileChannel ch = FileChannel.open(p, READ)) {
        o.attempt("exclusiveOnReadOnly", () -> ch.lock(0, 1, false));
        FileLock l = ch.lock(0, Long.MAX_VALUE, true);
        o.note("sharedOnReadOnly", l.isShared());
      }
    });
    t.add("FileChannel transferTo file", (w, o) -> {
      Path a = file(w, "a", "0123456789");
      Path b = w.resolve("b");
      try (FileChannel src = FileChannel.open(a, READ);
          FileChannel dst = FileChannel.open(b, CREATE_NEW, WRITE)) {
        o.note("transferred", src.transferTo(2, 5, dst));
        o.note("srcPosition", src.position());
        o.note("dstPosition", dst.position());
      }
      o.note("b", Files.readString(b));
    });
    t.add("FileChannel transferTo stream", (w, o) -> {
      Path a = file(w, "a", "stream me");
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      try (FileChannel src = FileChannel.open(a, READ)) {
        o.note("transferred", src.transferTo(0, 100, Channels.newChannel(sink)));
      }
      o.note("sink", sink.toString(UTF_8));
    });
    t.add("FileChannel transferFrom", (w, o) -> {
      Path a = file(w, "a", "source data");
      Path b = file(w, "b", "__________________");
      try (FileChannel src = FileChannel.open(a, READ);
          FileChannel dst = FileChannel.open(b, WRITE)) {
        o.note("transferred", dst.transferFrom(src, 3, 6));
        o.note("beyondEnd", dst.transferFrom(src, 100, 2));
      }
      o.note("b", Files.readString(b));
    });
    t.add("FileChannel open CREATE_NEW existing", (w, o) -> {
      Path p = file(w, "f", "x");
      o.attempt("open", () -> FileChannel.open(p, CREATE_NEW, WRITE).close());
    });
    t.add("FileChannel open directory", (w, o) -> {
      Path d = dir(w, "d");
      o.attempt("openWrite", () -> FileChannel.open(d, WRITE).close());
      o.attempt("openReadAndRead", () -> {
        try (FileChannel ch = FileChannel.open(d, READ)) {
          ch.read(ByteBuffer.allocate(1));
        }
      });
    });
    t.add("FileChannel closed", (w, o) -> {
      Path p = file(w, "f", "x");
      FileChannel ch = FileChannel.open(p, READ);
      ch.close();
      o.attempt("size", ch::size);
      o.attempt("lock", () -> ch.lock(0, 1, true));
      o.attempt("map", () -> ch.map(FileChannel.MapMode.READ_ONLY, 0, 1));
    });
    t.add("FileChannel unsupported option", (w, o) -> {
      Path p = file(w, "f", "x");
      o.attempt("open", () -> FileChannel.open(p, READ, LinkOption.NOFOLLOW_LINKS, APPEND).close());
    });
    t.add("AsynchronousFileChannel write read", (w, o) -> {
      Path p = w.resolve("f");
      try (AsynchronousFileChannel ch = AsynchronousFileChannel.open(p, CREATE, READ, WRITE)) {
        o.note("written", ch.write(ByteBuffer.wrap("async data".getBytes(UTF_8)), 0).get(10, TimeUnit.SECONDS));
        o.note("size", ch.size());
        ByteBuffer b = ByteBuffer.allocate(5);
        o.note("read", ch.read(b, 6).get(10, TimeUnit.SECONDS));
        o.note("text", text(b));
        o.note("eof", ch.read(ByteBuffer.allocate(1), 100).get(10, TimeUnit.SECONDS));
        ch.truncate(5);
        o.note("truncated", ch.size());
        ch.force(false);
      }
      o.note("content", Files.readString(p));
    });
    t.add("AsynchronousFileChannel completion handler", (w, o) -> {
      Path p = file(w, "f", "handler");
      try (AsynchronousFileChannel ch = AsynchronousFileChannel.open(p, READ)) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        ByteBuffer b = ByteBuffer.allocate(16);
        ch.read(b, 0, null, new CompletionHandler<Integer, Void>() {
          @Override
          public void completed(Integer result, Void a) {
            done.complete(result);
          }

          @Override
          public void failed(Throwable exc, Void a) {
            done.completeExceptionally(exc);
          }
        });
        o.note("read", done.get(10, TimeUnit.SECONDS));
        o.note("text", text(b));
      }
    });
    t.add("AsynchronousFileChannel lock", (w, o) -> {
      Path p = file(w, "f", "x");
      try (AsynchronousFileChannel ch = AsynchronousFileChannel.open(p, READ, WRITE)) {
        FileLock l = ch.lock().get(10, TimeUnit.SECONDS);
        o.note("valid", l.isValid());
        o.attempt("overlap", () -> ch.tryLock());
        l.release();
        o.note("released", l.isValid());
      }
    });
    t.add("AsynchronousFileChannel missing", (w, o) -> {
      o.attempt("open", () -> AsynchronousFileChannel.open(w.resolve("nope"), READ).close());
    });
    t.add("AsynchronousFileChannel read-only write", (w, o) -> {
      Path p = file(w, "f", "x");
      try (AsynchronousFileChannel ch = AsynchronousFileChannel.open(p, READ)) {
        o.attempt("write", () -> ch.write(ByteBuffer.wrap(new byte[] {1}), 0));
      }
    });
    return t;
  }
}
