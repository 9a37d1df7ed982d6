package dev.scratchfs.provider;

import java.io.IOException;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;

/**
 * The watch-service operations of the {@link Gate}: a service of the delegate wrapped so that its
 * keys and events show {@code tmp:} paths, and directories registered by their delegate paths,
 * with the gate's check and translation.
 */
final class Watching {
  private Watching() {}

  static WatchService newWatchService(Gate gate) throws IOException {
    TmpFileSystem fs = gate.fileSystem();
    fs.state().checkOpen();
    WatchService service = gate.call(() -> fs.mapping().delegateFileSystem().newWatchService());
    return fs.state().register(new TmpWatchService(service, fs), "watch service", "/");
  }

  static WatchKey register(
      Gate gate, TmpPath path, WatchService watcher, WatchEvent.Kind<?>[] events,
      WatchEvent.Modifier... modifiers) throws IOException {
    Objects.requireNonNull(watcher, "watcher");
    TmpPath p = gate.check(path);
    if (!(watcher instanceof TmpWatchService)
        || ((TmpWatchService) watcher).fileSystem() != gate.fileSystem()) {
      throw new ProviderMismatchException(
          "not a watch service of " + gate.fileSystem() + ": " + watcher);
    }
    TmpWatchService service = (TmpWatchService) watcher;
    return gate.call(
        () -> service.keyOf(p, gate.mapByPath(p).register(service.delegate(), events, modifiers)),
        p);
  }
}
