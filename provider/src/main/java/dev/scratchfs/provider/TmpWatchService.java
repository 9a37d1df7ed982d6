package dev.scratchfs.provider;

import dev.scratchfs.lifecycle.HandleTracker;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.Watchable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A watch service of a {@code tmp:} file system: the delegate's service, with keys that watch the
 * {@code tmp:} directory they were registered for and events whose context is a {@code tmp:} name.
 * A key is kept (so that {@code poll} returns the object {@code register} did) only while it is
 * valid: once its directory is deleted or it is cancelled, it is dropped, as the delegate drops it.
 */
final class TmpWatchService implements WatchService, HandleTracker.OpenState {
  private final WatchService delegate;
  private final TmpFileSystem fs;
  private final Map<WatchKey, Key> keys = new ConcurrentHashMap<>();
  private volatile boolean open = true;

  /**
   * Wraps the delegate's service.
   *
   * @param delegate a watch service of the delegate file system
   * @param fs the scratch file system
   */
  TmpWatchService(WatchService delegate, TmpFileSystem fs) {
    this.delegate = delegate;
    this.fs = fs;
  }

  /**
   * Returns the scratch file system this service belongs to.
   *
   * @return the file system
   */
  TmpFileSystem fileSystem() {
    return fs;
  }

  /**
   * Returns the delegate's service, for the gate to register delegate directories with.
   *
   * @throws ClosedWatchServiceException if this service is closed
   */
  WatchService delegate() {
    if (!open) {
      throw new ClosedWatchServiceException();
    }
    return delegate;
  }

  /**
   * Returns the key of a directory the gate registered; the same directory registered again gets
   * the same key.
   *
   * @param dir the directory as the caller named it
   * @param delegateKey the delegate's key of its delegate directory
   */
  WatchKey keyOf(TmpPath dir, WatchKey delegateKey) {
    return keys.computeIfAbsent(delegateKey, k -> new Key(k, dir));
  }

  /**
   * Returns the key of a signalled delegate key. A key that is no longer valid (its directory was
   * deleted, or it was cancelled) is handed out this last time and forgotten, as the delegate
   * forgets it: nothing here keeps the keys of deleted directories.
   */
  private WatchKey wrap(WatchKey key) {
    if (key == null) {
      return null;
    }
    if (!key.isValid()) {
      Key known = keys.remove(key);
      return known != null ? known : new Key(key, null);
    }
    return keys.computeIfAbsent(key, k -> new Key(k, null));
  }

  @Override
  public WatchKey poll() {
    return wrap(delegate.poll());
  }

  @Override
  public WatchKey poll(long timeout, TimeUnit unit) throws InterruptedException {
    return wrap(delegate.poll(timeout, unit));
  }

  @Override
  public WatchKey take() throws InterruptedException {
    return wrap(delegate.take());
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() throws IOException {
    open = false;
    delegate.close();
    keys.clear();
  }

  private final class Key implements WatchKey {
    private final WatchKey delegateKey;
    private final TmpPath dir;

    Key(WatchKey delegateKey, TmpPath dir) {
      this.delegateKey = delegateKey;
      this.dir = dir;
    }

    @Override
    public boolean isValid() {
      return delegateKey.isValid();
    }

    @Override
    public List<WatchEvent<?>> pollEvents() {
      List<WatchEvent<?>> events = delegateKey.pollEvents();
      List<WatchEvent<?>> result = new ArrayList<>(events.size());
      for (WatchEvent<?> e : events) {
        result.add(new Event<>(e, fs));
      }
      return result;
    }

    @Override
    public boolean reset() {
      boolean valid = delegateKey.reset();
      if (!valid) {
        keys.remove(delegateKey, this); // invalid for good: the service forgets it
      }
      return valid;
    }

    @Override
    public void cancel() {
      delegateKey.cancel();
      keys.remove(delegateKey);
    }

    @Override
    public Watchable watchable() {
      if (dir != null) {
        return dir;
      }
      String shown = fs.mapping().fromDelegate((Path) delegateKey.watchable());
      return shown == null ? null : TmpPath.parse(fs, shown);
    }
  }

  private static final class Event<T> implements WatchEvent<T> {
    private final WatchEvent<?> delegateEvent;
    private final Object context;

    Event(WatchEvent<?> delegateEvent, TmpFileSystem fs) {
      this.delegateEvent = delegateEvent;
      Object c = delegateEvent.context();
      this.context = c instanceof Path ? TmpPath.parse(fs, c.toString()) : c;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Kind<T> kind() {
      return (Kind<T>) delegateEvent.kind();
    }

    @Override
    public int count() {
      return delegateEvent.count();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T context() {
      return (T) context;
    }

    @Override
    public String toString() {
      return "Event{kind=" + kind() + ", count=" + count() + ", context=" + context + "}";
    }
  }
}
