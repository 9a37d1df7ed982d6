package dev.scratchfs.provider;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;

import com.google.common.collect.ImmutableSet;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Opening a channel: one open step, then the file system's behaviours as thin layers in one fixed
 * order, as Lucene's filter file systems chain theirs.
 *
 * <p>The open step reads the caller's options once (so the policy and the delegate see the same
 * set even if the caller's set changes meanwhile), maps the path through the gate, gives a
 * creating open the owner-only attributes, and calls the delegate, translating what it throws.
 * The layers, outermost first: tracking (every handle is registered with the file system's state,
 * so that {@code close()} closes it), {@code DELETE_ON_CLOSE} emulation (where the delegate ignores
 * the option), quota (where the file system has one). Each layer sees the request as the caller
 * made it and may change the options it passes inward.
 */
final class ChannelOpening {
  /** A request to open a channel, as the caller made it (the attributes as the policy made them). */
  record Request<C extends Closeable>(
      Gate gate, TmpPath path, Path delegate, Set<OpenOption> options, FileAttribute<?>[] attrs,
      String kind, ChannelKind<C> channelKind) {}

  /** The next step inward: the next layer, or in the end the delegate's open. */
  @FunctionalInterface
  interface Next<C> {
    C open(Set<OpenOption> options, FileAttribute<?>[] attrs) throws IOException;
  }

  /** One behaviour added to every channel of a file system. */
  interface Layer {
    <C extends Closeable> C open(
        Request<C> request, Set<OpenOption> options, FileAttribute<?>[] attrs, Next<C> next)
        throws IOException;
  }

  /** Opens the delegate's channel at a mapped path. */
  @FunctionalInterface
  interface DelegateOpener<C> {
    C open(Path delegate, Set<OpenOption> options, FileAttribute<?>[] attrs) throws IOException;
  }

  /**
   * The JDK's own immutable sets: {@code Set.of} (two final classes) and {@code
   * Collections.emptySet()}, which {@code Files.newByteChannel(path)} passes.
   */
  private static final Set<Class<?>> JDK_IMMUTABLE_SETS =
      Set.of(Set.of().getClass(), Set.of(1).getClass(), Collections.emptySet().getClass());

  private ChannelOpening() {}

  static <C extends Closeable> C open(
      Gate gate, TmpPath path, Set<? extends OpenOption> options, FileAttribute<?>[] attrs,
      String kind, ChannelKind<C> channelKind, DelegateOpener<C> opener) throws IOException {
    Set<OpenOption> snapshot = snapshot(options);
    TmpFileSystem fs = gate.fileSystem();
    FileAttribute<?>[] passed =
        creating(snapshot) ? fs.creationPolicy().attributes(attrs, false) : attrs;
    Path delegate = gate.map(path);
    Request<C> request = new Request<>(gate, path, delegate, snapshot, passed, kind, channelKind);
    Next<C> bottom = (opts, a) -> gate.call(() -> opener.open(delegate, opts, a), path);
    return openFrom(fs.channelLayers(), 0, request, snapshot, passed, bottom);
  }

  private static <C extends Closeable> C openFrom(
      List<Layer> layers, int index, Request<C> request, Set<OpenOption> options,
      FileAttribute<?>[] attrs, Next<C> bottom) throws IOException {
    if (index == layers.size()) {
      return bottom.open(options, attrs);
    }
    return layers.get(index).open(request, options, attrs,
        (opts, a) -> openFrom(layers, index + 1, request, opts, a, bottom));
  }

  /**
   * The caller's options, read once: an immutable copy, or the set itself where it cannot change
   * (Guava's immutable sets, which the provider's streams pass and nobody can subclass, and the
   * JDK's immutable set classes).
   */
  @SuppressWarnings("unchecked")
  static Set<OpenOption> snapshot(Set<? extends OpenOption> options) {
    if (options instanceof ImmutableSet || JDK_IMMUTABLE_SETS.contains(options.getClass())) {
      return (Set<OpenOption>) options;
    }
    return Set.of(options.toArray(new OpenOption[0]));
  }

  /** Tells whether options may create a file. */
  static boolean creating(Set<? extends OpenOption> options) {
    return options.contains(CREATE) || options.contains(CREATE_NEW);
  }
}
