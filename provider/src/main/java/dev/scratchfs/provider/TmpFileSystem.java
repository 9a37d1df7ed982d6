package dev.scratchfs.provider;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.scratchfs.lifecycle.Container;
import dev.scratchfs.lifecycle.FileSystemState;
import dev.scratchfs.lifecycle.HandleTracker;
import dev.scratchfs.lifecycle.LeakMode;
import dev.scratchfs.lifecycle.ShutdownCleanup;
import dev.scratchfs.io.Failures;
import dev.scratchfs.path.PathMapping;
import dev.scratchfs.path.PathMatchers;
import dev.scratchfs.policy.OwnerOnlyPermissions;
import dev.scratchfs.quota.InodeLedger;
import dev.scratchfs.quota.Quota;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/**
 * A scratch file system: a private directory of a delegate file system, shown as {@code /}.
 *
 * <h2>Design</h2>
 *
 * <p>How a path travels, top to bottom: {@link TmpFileSystemProvider} (the SPI, dispatch only)
 * hands every operation to the {@link Gate} of the path's file system. The gate checks that the
 * path is this file system's and that it is open ({@link FileSystemState}), maps it into the root
 * ({@link PathMapping}: lexical, confined), applies the policy (owner-only creation attributes and
 * attribute changes from {@code dev.scratchfs.policy}, the {@link LinkPolicy} for every link an
 * operation produces, the root's protection), calls the delegate, and translates what the
 * delegate throws ({@link ExceptionTranslator}) so that it names the caller's paths. Channels
 * get one open step and then this file system's layers, in a fixed order ({@link ChannelOpening},
 * {@link ChannelLayers}): tracking, {@code DELETE_ON_CLOSE} emulation, quota. Copies ({@link
 * Copies}) and moves ({@link Transfers}) are built from the gate's steps. A {@link
 * TmpSecureDirectoryStream} has a gate of its own that starts from its open directory.
 *
 * <p>What it is made of, and where it lives: exactly one entry in the chosen directory, a {@link
 * Container} (created exclusively under a random name, owner-only) holding {@code root/}, shown as
 * {@code /}, and the owner lock that tells a reaper the owner is alive. What the delegate can do
 * is read once into {@link DelegateTraits}.
 *
 * <p>{@link #close()} closes every handle opened through it, then deletes the container without
 * following links; every caller returns only when that is done, with the same outcome. From the
 * start of a close every operation throws {@link java.nio.file.ClosedFileSystemException}. A file
 * system never closed is deleted when the JVM exits ({@link ShutdownCleanup}).
 */
final class TmpFileSystem extends FileSystem {
  private final TmpFileSystemProvider provider;
  private final String name;
  private final boolean shared;
  private final Container container;
  private final TmpOptions options;
  private final DelegateTraits traits;
  private final PathMapping mapping;
  private final FileSystemState state;
  private final InodeLedger ledger;
  private final CreationPolicy creation;
  private final List<ChannelOpening.Layer> layers;
  private final TmpPath root;
  private final Gate rootGate;
  private final Staging staging;
  private final Closeable exitCleanup = this::closeAndDelete;

  private TmpFileSystem(
      TmpFileSystemProvider provider, String name, boolean shared, Container container,
      DelegateTraits traits, UserPrincipal owner, TmpOptions options) {
    this.provider = provider;
    this.name = name;
    this.shared = shared;
    this.container = container;
    this.options = options;
    this.traits = traits; // of the file system of dir, which the container is in
    Path delegateRoot = container.root();
    this.mapping =
        new PathMapping(delegateRoot, () -> DelegateAccess.realPathOrNull(delegateRoot));
    this.state = new FileSystemState(options.leaks() != LeakMode.IGNORE);
    this.ledger = options.quota() >= 0 ? new InodeLedger(new Quota(options.quota())) : null;
    this.creation = new CreationPolicy(traits, owner);
    this.layers = ChannelLayers.forFileSystem(state, traits, ledger);
    this.root = TmpPath.parse(this, "/");
    this.rootGate = new Gate(this, null, DelegateAccess.of(mapping.delegateFileSystem().provider()));
    this.staging = new Staging(rootGate, container.path());
  }

  /**
   * Creates a scratch file system on disk.
   *
   * @param name its name in URIs, or null for the shared one
   * @throws IOException if the directory is missing, not a directory, or the root cannot be made
   */
  static TmpFileSystem create(
      TmpFileSystemProvider provider, String name, boolean shared, TmpOptions options)
      throws IOException {
    Path dir = options.dir() != null ? options.dir() : DefaultDirectory.get();
    DelegateTraits traits = DelegateTraits.of(dir.getFileSystem());
    UserPrincipal user = traits.ownerOnlyByAcl() ? AclOwner.currentUser(dir.getFileSystem()) : null;
    FileAttribute<?>[] dirAttrs =
        new CreationPolicy(traits, traits.aclAtCreation() ? user : null)
            .attributes(new FileAttribute<?>[0], true);
    String shownAs = name == null ? "tmp:/" : "tmp://" + name + "/";
    Container container =
        Container.create(dir, options.prefix(), options.suffix(), dirAttrs, shownAs);
    try {
      UserPrincipal owner =
          user == null || traits.aclAtCreation() ? user : AclOwner.adopt(container);
      TmpFileSystem fs =
          new TmpFileSystem(provider, name, shared, container, traits, owner, options);
      ShutdownCleanup.register(fs.exitCleanup);
      return fs;
    } catch (IOException | RuntimeException e) {
      Failures cleanup = new Failures();
      cleanup.attempt(() -> container.delete(true));
      if (cleanup.first() != null) {
        e.addSuppressed(cleanup.first());
      }
      throw e;
    }
  }

  String name() {
    return name;
  }

  PathMapping mapping() {
    return mapping;
  }

  FileSystemState state() {
    return state;
  }

  /** What the quota counts, file by file; null without a quota. */
  InodeLedger ledger() {
    return ledger;
  }

  DelegateTraits traits() {
    return traits;
  }

  TmpPath rootPath() {
    return root;
  }

  Gate rootGate() {
    return rootGate;
  }

  List<ChannelOpening.Layer> channelLayers() {
    return layers;
  }

  Staging staging() {
    return staging;
  }

  CreationPolicy creationPolicy() {
    return creation;
  }

  /** The file store of this file system on the delegate's store (its space is the quota's). */
  FileStore fileStore(FileStore delegateStore) {
    return new TmpFileStore(delegateStore, ledger == null ? null : ledger.quota());
  }

  @Override
  public TmpFileSystemProvider provider() {
    return provider;
  }

  /**
   * Closes every handle opened through this file system, then deletes its directory without
   * following links (unless created with {@code cleanup=false}). Every caller, concurrent or later,
   * returns only once that is done, and gets the same outcome.
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
    state.close(this::finishClose);
  }

  private IOException finishClose(List<HandleTracker.Tracked> stillOpen, IOException handleFailure) {
    FileSystemRegistry.remove(this);
    ShutdownCleanup.forget(exitCleanup);
    Failures failures = new Failures(handleFailure);
    failures.attempt(() -> container.delete(options.cleanup()));
    return LeakReport.of(toString(), options.leaks(), stillOpen, failures.first());
  }

  @Override
  public boolean isOpen() {
    return state.isOpen();
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
    state.checkOpen();
    return ImmutableList.of(root);
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    state.checkOpen();
    try {
      return ImmutableList.of(rootGate.getFileStore(root));
    } catch (IOException e) {
      return ImmutableList.of();
    }
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    state.checkOpen();
    return ImmutableSet.copyOf(mapping.delegateFileSystem().supportedFileAttributeViews());
  }

  @Override
  public TmpPath getPath(String first, String... more) {
    state.checkOpen();
    return TmpPath.of(this, first, more);
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    state.checkOpen();
    return PathMatchers.of(syntaxAndPattern);
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    state.checkOpen();
    return mapping.delegateFileSystem().getUserPrincipalLookupService();
  }

  @Override
  public WatchService newWatchService() throws IOException {
    return Watching.newWatchService(rootGate);
  }

  @Override
  public String toString() {
    return name == null ? "tmp:/" : "tmp://" + name + "/";
  }
}
