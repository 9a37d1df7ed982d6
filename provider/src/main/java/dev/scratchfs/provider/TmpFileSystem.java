package dev.scratchfs.provider;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.scratchfs.handle.TmpDirectoryStream;
import dev.scratchfs.handle.TmpWatchService;
import dev.scratchfs.LeakedHandlesException;
import dev.scratchfs.lifecycle.ContainerCleanup;
import dev.scratchfs.lifecycle.HandleTracker;
import dev.scratchfs.lifecycle.LeakMode;
import dev.scratchfs.lifecycle.OwnerLock;
import dev.scratchfs.lifecycle.ShutdownCleanup;
import dev.scratchfs.lifecycle.TreeDeleter;
import dev.scratchfs.path.PathMapping;
import dev.scratchfs.path.PathMatchers;
import dev.scratchfs.path.TmpPath;
import dev.scratchfs.policy.ExceptionTranslator;
import dev.scratchfs.policy.ExclusiveCreator;
import dev.scratchfs.policy.OwnerOnlyPermissions;
import dev.scratchfs.policy.OwnerOnlyViews;
import dev.scratchfs.quota.Quota;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A scratch file system: a private directory of a delegate file system, shown as {@code /}.
 *
 * <h2>Design</h2>
 *
 * <p>Creating one makes exactly one entry in the chosen directory, a <em>container</em> named
 * {@code prefix + six random characters + suffix}, created exclusively (retrying on a name that is
 * taken, see {@link ExclusiveCreator}) with mode {@code rwx------}. The container holds the
 * directory shown as {@code /} ({@code root}, also {@code rwx------}); the container level leaves
 * room for the library's own bookkeeping beside the tree without showing it in {@code /}: over the
 * default file system, the {@link OwnerLock} that tells a reaper the owning JVM is alive.
 *
 * <p>Every operation maps its {@link TmpPath} to a delegate path (lexically confined to the root,
 * see {@link PathMapping}), applies the owner-only policy to whatever it creates, calls the
 * delegate, and translates the delegate's exceptions so that they name the caller's paths. Every
 * handle it opens is tracked ({@link HandleTracker}).
 *
 * <p>{@link #close()} closes every tracked handle, then deletes the container without following
 * links ({@link TreeDeleter}); from then on every operation throws {@link
 * ClosedFileSystemException}. A file system never closed is deleted when the JVM exits ({@link
 * ShutdownCleanup}).
 */
public final class TmpFileSystem extends FileSystem {
  /** Name of the directory inside the container that is shown as {@code /}. */
  static final String ROOT_NAME = "root";

  private final TmpFileSystemProvider provider;
  private final String name;
  private final boolean shared;
  private final Path container;
  private final boolean cleanup;
  private final boolean ownerOnly;
  private final boolean delegateDeletesOnClose;
  private final TmpPath root;
  private final PathMapping mapping;
  private final HandleTracker tracker;
  private final LeakMode leaks;
  private final Quota quota;
  private final OwnerLock ownerLock;
  private final Closeable exitCleanup = this::closeAndDelete;
  private final Object closeLock = new Object();
  private volatile boolean open = true;

  private TmpFileSystem(
      TmpFileSystemProvider provider, String name, boolean shared, Path container,
      Path delegateRoot, Path realRoot, TmpOptions options, OwnerLock ownerLock) {
    this.provider = provider;
    this.name = name;
    this.shared = shared;
    this.container = container;
    this.cleanup = options.cleanup();
    this.leaks = options.leaks();
    this.tracker = new HandleTracker(leaks != LeakMode.IGNORE);
    this.quota = options.quota() >= 0 ? new Quota(options.quota()) : null;
    this.ownerLock = ownerLock;
    this.ownerOnly = OwnerOnlyPermissions.appliesTo(container.getFileSystem());
    FileSystem delegateFs = container.getFileSystem();
    this.delegateDeletesOnClose =
        delegateFs == FileSystems.getDefault() || delegateFs instanceof TmpFileSystem;
    this.root = TmpPath.parse(this, "/");
    this.mapping = new PathMapping(this, delegateRoot, realRoot);
  }

  /**
   * Creates a scratch file system on disk.
   *
   * @param provider the provider it belongs to
   * @param name its name in URIs, or null for the shared one
   * @param shared whether it is the JVM-wide shared one
   * @param options its options
   * @return the open file system
   * @throws IOException if the directory is missing, not a directory, or the root cannot be made
   */
  static TmpFileSystem create(
      TmpFileSystemProvider provider, String name, boolean shared, TmpOptions options)
      throws IOException {
    Path dir = options.dir() != null ? options.dir() : DefaultDirectory.get();
    if (!Files.isDirectory(dir)) {
      if (Files.exists(dir)) {
        throw new NotDirectoryException(dir.toString());
      }
      throw new NoSuchFileException(dir.toString(), null, "tmp: option 'dir' does not exist");
    }
    boolean posix = OwnerOnlyPermissions.appliesTo(dir.getFileSystem());
    FileAttribute<?>[] dirAttrs =
        posix ? OwnerOnlyPermissions.forCreation(new FileAttribute<?>[0], true)
            : new FileAttribute<?>[0];
    Path container =
        ExclusiveCreator.secure()
            .create(dir, options.prefix(), options.suffix(), p -> Files.createDirectory(p, dirAttrs));
    OwnerLock ownerLock = null;
    try {
      // Locked before root/ exists: a reaper only takes a container with both for abandoned.
      ownerLock = OwnerLock.acquire(container);
      Path delegateRoot = Files.createDirectory(container.resolve(ROOT_NAME), dirAttrs);
      Path absoluteRoot = delegateRoot.toAbsolutePath();
      TmpFileSystem fs =
          new TmpFileSystem(
              provider, name, shared, container.toAbsolutePath(), absoluteRoot,
              absoluteRoot.toRealPath(), options, ownerLock);
      ShutdownCleanup.register(fs.exitCleanup);
      return fs;
    } catch (IOException | RuntimeException e) {
      try {
        if (ownerLock != null) {
          ownerLock.release();
        }
      } catch (IOException unlockFailure) {
        e.addSuppressed(unlockFailure);
      }
      try {
        TreeDeleter.deleteTree(container);
      } catch (IOException cleanupFailure) {
        e.addSuppressed(cleanupFailure);
      }
      throw e;
    }
  }

  /**
   * Returns this file system's name in URIs ({@code tmp://NAME/}), or null for the shared one.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the path mapping of this file system.
   *
   * @return the mapping
   */
  public PathMapping mapping() {
    return mapping;
  }

  /**
   * Returns the directory on the delegate that holds this file system (the one entry it added to its
   * {@code dir}).
   *
   * @return the container directory
   */
  public Path container() {
    return container;
  }

  /**
   * Returns the quota of this file system, or null if it has none.
   *
   * @return the quota
   */
  public Quota quota() {
    return quota;
  }

  /**
   * Returns {@code /}.
   *
   * @return the root path
   */
  public TmpPath rootPath() {
    return root;
  }

  /**
   * Tells whether the owner-only permission policy applies (the delegate has a posix view).
   *
   * @return true where permissions are enforced
   */
  public boolean ownerOnly() {
    return ownerOnly;
  }

  /**
   * Throws if this file system is closed.
   *
   * @throws ClosedFileSystemException if it is
   */
  public void checkOpen() {
    if (!open) {
      throw new ClosedFileSystemException();
    }
  }

  /**
   * Refuses operations that would delete or replace the root directory itself.
   *
   * @param path an absolute path of this file system
   * @param operation what was attempted, for the message
   * @throws FileSystemException if {@code path} is the root
   */
  public void checkNotRoot(TmpPath path, String operation) throws FileSystemException {
    if (path.toAbsolutePath().normalize().getNameCount() == 0) {
      throw new FileSystemException(
          path.toString(), null, "cannot " + operation + " the root of a tmp: file system");
    }
  }

  /**
   * Translates a delegate exception to name the caller's paths.
   *
   * @param e the delegate's exception
   * @param paths the caller's paths
   * @return the exception to throw
   */
  public IOException translate(IOException e, TmpPath... paths) {
    return ExceptionTranslator.translate(e, mapping, paths);
  }

  /**
   * Returns the attributes to create an entry with under the owner-only policy.
   *
   * @param attrs the caller's attributes
   * @param directory whether a directory is created
   * @return the attributes for the delegate
   */
  public FileAttribute<?>[] creationAttributes(FileAttribute<?>[] attrs, boolean directory) {
    return ownerOnly ? OwnerOnlyPermissions.forCreation(attrs, directory) : attrs;
  }

  /**
   * Wraps a delegate attribute view with the owner-only policy and exception translation.
   *
   * @param view the delegate's view, or null
   * @param type the requested type
   * @param path the caller's absolute path
   * @param <V> the view type
   * @return the guarded view, or null
   */
  public <V extends FileAttributeView> V policyView(V view, Class<V> type, TmpPath path) {
    return OwnerOnlyViews.wrap(view, type, path.toString(), e -> translate(e, path));
  }

  /**
   * Tracks a handle opened through this file system; closes it and throws if the file system was
   * closed meanwhile.
   *
   * @param handle the open handle
   * @param kind what it is, for reports
   * @param path the path it was opened on
   * @param <T> the handle type
   * @return {@code handle}
   * @throws ClosedFileSystemException if the file system closed while the handle was opened
   */
  public <T extends Closeable> T adopt(T handle, String kind, TmpPath path) {
    tracker.track(handle, kind, path.toString());
    if (!open) {
      closeQuietly(handle);
      throw new ClosedFileSystemException();
    }
    return handle;
  }

  /**
   * Tracks a directory stream until it is closed.
   *
   * @param stream the stream
   * @param dir the directory it lists
   * @param <T> the stream type
   * @return {@code stream}
   */
  public <T extends TmpDirectoryStream> T adoptDirectoryStream(T stream, TmpPath dir) {
    stream.trackedBy(tracker, tracker.track(stream, "directory stream", dir.toString()));
    if (!open) {
      closeQuietly(stream);
      throw new ClosedFileSystemException();
    }
    return stream;
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // The caller gets ClosedFileSystemException; this handle was never handed out, and the
      // file system's own close deletes what it pointed at (and reports what it cannot).
    }
  }

  /** Opens a channel given the options and the policy-checked attributes. */
  @FunctionalInterface
  public interface ChannelOpener<C> {
    /**
     * Opens the channel.
     *
     * @param options the options to pass on
     * @param attrs the attributes to pass on
     * @return the open channel
     * @throws IOException as the delegate throws
     */
    C open(Set<OpenOption> options, FileAttribute<?>[] attrs) throws IOException;
  }

  /**
   * Opens a byte channel under the policy: owner-only attributes when creating, {@code
   * DELETE_ON_CLOSE} honoured also where the delegate ignores it, the channel tracked.
   *
   * @param path the caller's absolute path
   * @param options the caller's options
   * @param attrs the caller's attributes
   * @param opener opens the delegate channel
   * @return the channel
   * @throws IOException as the delegate throws, naming the caller's path
   */
  public SeekableByteChannel openByteChannel(
      TmpPath path, Set<? extends OpenOption> options, FileAttribute<?>[] attrs,
      ChannelOpener<SeekableByteChannel> opener) throws IOException {
    return openByteChannel(path, options, attrs, opener, "byte channel");
  }

  /**
   * Opens a byte channel as {@link #openByteChannel(TmpPath, Set, FileAttribute[], ChannelOpener)}
   * does, tracked as {@code kind} (the input and output streams made from it say what they are).
   *
   * @param path the caller's absolute path
   * @param options the caller's options
   * @param attrs the caller's attributes
   * @param opener opens the delegate channel
   * @param kind what the handle is, for leak reports
   * @return the channel, counted against the quota if there is one
   * @throws IOException as the delegate throws, naming the caller's path
   */
  public SeekableByteChannel openByteChannel(
      TmpPath path, Set<? extends OpenOption> options, FileAttribute<?>[] attrs,
      ChannelOpener<SeekableByteChannel> opener, String kind) throws IOException {
    return openChannel(path, options, attrs, kind, ChannelKind.BYTE, opener);
  }

  /**
   * Opens a channel of any kind under the policy: owner-only attributes when creating, the quota
   * if there is one, {@code DELETE_ON_CLOSE} honoured also where the delegate ignores it, the
   * channel tracked.
   *
   * @param path the caller's absolute path
   * @param options the caller's options
   * @param attrs the caller's attributes
   * @param kind what the handle is, for leak reports
   * @param channelKind how this kind of channel is wrapped
   * @param opener opens the delegate channel
   * @param <C> the channel type
   * @return the channel
   * @throws IOException as the delegate throws, naming the caller's path
   */
  <C extends Closeable> C openChannel(
      TmpPath path, Set<? extends OpenOption> options, FileAttribute<?>[] attrs, String kind,
      ChannelKind<C> channelKind, ChannelOpener<C> opener) throws IOException {
    checkOpen();
    Set<OpenOption> snapshot = snapshot(options);
    boolean emulateDelete = !delegateDeletesOnClose && snapshot.contains(DELETE_ON_CLOSE);
    Set<OpenOption> opts;
    if (emulateDelete) {
      opts = new HashSet<>(snapshot);
      opts.remove(DELETE_ON_CLOSE);
    } else {
      opts = snapshot;
    }
    FileAttribute<?>[] masked = creating(opts) ? creationAttributes(attrs, false) : attrs;
    Path target = mapping.toDelegate(path);
    C channel;
    try {
      channel =
          quota == null
              ? opener.open(opts, masked)
              : channelKind.underQuota(
                  quota, target, path.toString(), options, () -> opener.open(opts, masked));
    } catch (IOException e) {
      throw translate(e, path);
    }
    if (emulateDelete) {
      channel = channelKind.deletingOnClose(channel, () -> Files.deleteIfExists(target));
    }
    return adopt(channel, kind, path);
  }

  /**
   * Reads the caller's open options once, so that the policy's decisions (does this create? is
   * {@code DELETE_ON_CLOSE} to be emulated?) and the delegate see the same options even if the
   * caller's set changes meanwhile. An immutable array-backed copy: far cheaper than a {@code
   * HashSet} on the path of every open.
   *
   * @param options the caller's options
   * @return an immutable copy
   * @throws NullPointerException if an option is null
   */
  static Set<OpenOption> snapshot(Set<? extends OpenOption> options) {
    return Set.of(options.toArray(new OpenOption[0]));
  }

  /**
   * Tells whether options may create a file.
   *
   * @param options open options
   * @return true if they contain {@code CREATE} or {@code CREATE_NEW}
   */
  public static boolean creating(Set<? extends OpenOption> options) {
    return options.contains(CREATE) || options.contains(CREATE_NEW);
  }

  /**
   * Tells whether {@code DELETE_ON_CLOSE} must be emulated because the delegate ignores it.
   *
   * @return true over jimfs and other delegates that ignore the option
   */
  public boolean emulatesDeleteOnClose() {
    return !delegateDeletesOnClose;
  }

  /**
   * Returns the real path of {@code path}, refusing one outside the root.
   *
   * @param path a path of this file system
   * @param options whether to follow links
   * @return the absolute real path
   * @throws IOException if it does not exist, or resolves outside the scratch file system
   */
  public TmpPath toRealPath(TmpPath path, LinkOption... options) throws IOException {
    checkOpen();
    Path real;
    try {
      real = mapping.toDelegate(path).toRealPath(options);
    } catch (IOException e) {
      throw translate(e, path);
    }
    TmpPath result = mapping.fromDelegate(real);
    if (result == null) {
      throw new FileSystemException(
          path.toString(), null, "resolves outside the tmp: file system (through a symbolic link)");
    }
    return result;
  }

  /**
   * Registers a directory with a watch service of this file system.
   *
   * @param dir the directory
   * @param watcher a watch service from {@link #newWatchService()}
   * @param events the events
   * @param modifiers the modifiers
   * @return the key
   * @throws IOException as the delegate throws
   */
  public WatchKey register(
      TmpPath dir, WatchService watcher, WatchEvent.Kind<?>[] events,
      WatchEvent.Modifier... modifiers) throws IOException {
    if (!(watcher instanceof TmpWatchService) || ((TmpWatchService) watcher).fileSystem() != this) {
      throw new ProviderMismatchException("not a watch service of this tmp: file system");
    }
    checkOpen();
    try {
      return ((TmpWatchService) watcher).register(dir, mapping.toDelegate(dir), events, modifiers);
    } catch (IOException e) {
      throw translate(e, dir);
    }
  }

  /**
   * Returns the URI of an absolute path of this file system.
   *
   * @param absolute an absolute path
   * @return {@code tmp:/path} for the shared file system, {@code tmp://NAME/path} otherwise
   */
  public URI toUri(TmpPath absolute) {
    return TmpUri.of(name, absolute.toString());
  }

  @Override
  public TmpFileSystemProvider provider() {
    return provider;
  }

  /**
   * Closes every handle opened through this file system, then deletes its directory without
   * following links (unless created with {@code cleanup=false}). Idempotent.
   *
   * @throws IOException if a handle could not be closed or something could not be deleted; the
   *     message names what was left
   * @throws UnsupportedOperationException for the JVM-wide shared file system, which is deleted at
   *     JVM exit
   */
  @Override
  public void close() throws IOException {
    if (shared) {
      throw new UnsupportedOperationException(
          "the shared tmp:/ file system stays open until JVM exit; use newFileSystem(tmp:/) for one"
              + " you can close");
    }
    closeAndDelete();
  }

  private void closeAndDelete() throws IOException {
    synchronized (closeLock) {
      if (!open) {
        return;
      }
      open = false;
    }
    FileSystemRegistry.remove(this);
    ShutdownCleanup.forget(exitCleanup);
    IOException failure = null;
    List<HandleTracker.Tracked> leaked = List.of();
    try {
      leaked = tracker.closeAll();
    } catch (IOException e) {
      failure = e;
    }
    failure = ContainerCleanup.run(container, ROOT_NAME, cleanup, ownerLock, failure);
    if (!leaked.isEmpty() && leaks != LeakMode.IGNORE) {
      failure = reportLeaks(leaked, failure);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private IOException reportLeaks(List<HandleTracker.Tracked> leaked, IOException failure) {
    List<String> lines = new ArrayList<>();
    for (HandleTracker.Tracked t : leaked) {
      lines.add(t.describe());
    }
    LeakedHandlesException report = new LeakedHandlesException(toString(), lines);
    for (HandleTracker.Tracked t : leaked) {
      if (t.site() != null) {
        report.addSuppressed(t.site());
      }
    }
    if (leaks == LeakMode.CLOSE) {
      System.getLogger("dev.scratchfs")
          .log(System.Logger.Level.WARNING, "closed " + report.getMessage(), report);
      return failure;
    }
    if (failure != null) {
      report.addSuppressed(failure);
    }
    return report;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public String getSeparator() {
    return "/";
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    return ImmutableList.of(root);
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    checkOpen();
    try {
      return ImmutableList.of(new TmpFileStore(Files.getFileStore(mapping.delegateRoot()), quota));
    } catch (IOException e) {
      return ImmutableList.of();
    }
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return ImmutableSet.copyOf(mapping.delegateFileSystem().supportedFileAttributeViews());
  }

  @Override
  public TmpPath getPath(String first, String... more) {
    return TmpPath.of(this, first, more);
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    return PathMatchers.of(syntaxAndPattern);
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    return mapping.delegateFileSystem().getUserPrincipalLookupService();
  }

  @Override
  public WatchService newWatchService() throws IOException {
    checkOpen();
    TmpWatchService service =
        new TmpWatchService(mapping.delegateFileSystem().newWatchService(), this);
    return adopt(service, "watch service", root);
  }

  @Override
  public String toString() {
    return name == null ? "tmp:/" : "tmp://" + name + "/";
  }
}
