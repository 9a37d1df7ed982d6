package dev.scratchfs.provider;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;

import com.google.common.collect.ImmutableList;
import dev.scratchfs.lifecycle.FileSystemState;
import dev.scratchfs.quota.InodeLedger;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import java.util.HashSet;
import java.util.List;

/**
 * The layers of {@link ChannelOpening}, and the fixed order a file system applies them in: only
 * those its delegate and options call for, so that a file system without a quota over the default
 * file system hands out the delegate's own channels, tracked and otherwise untouched.
 */
final class ChannelLayers {
  private ChannelLayers() {}

  static List<ChannelOpening.Layer> forFileSystem(
      FileSystemState state, DelegateTraits traits, InodeLedger ledger) {
    ImmutableList.Builder<ChannelOpening.Layer> layers = ImmutableList.builder();
    layers.add(tracking(state));
    if (!traits.deletesOnClose()) {
      layers.add(DELETE_ON_CLOSE_EMULATION);
    }
    if (ledger != null) {
      layers.add(quota(ledger));
    }
    if (traits.ownerOnlyByAcl() && !traits.aclAtCreation()) {
      layers.add(ACL_AFTER_CREATION);
    }
    return layers.build();
  }

  /**
   * Gives a file created through a channel its owner-only ACL right after the delegate created it,
   * where the delegate refuses an ACL in the creating call (jimfs), before anyone gets the channel.
   */
  static final ChannelOpening.Layer ACL_AFTER_CREATION =
      new ChannelOpening.Layer() {
        @Override
        public <C extends Closeable> C open(
            ChannelOpening.Request<C> request, Set<OpenOption> options, FileAttribute<?>[] attrs,
            ChannelOpening.Next<C> next) throws IOException {
          List<AclEntry> acl = CreationPolicy.aclOf(attrs);
          if (acl == null) {
            return next.open(options, attrs);
          }
          DelegateAccess access = request.gate().access();
          boolean created = access.readAttributesOrNull(request.delegate()) == null;
          C channel = next.open(options, CreationPolicy.withoutAcl(attrs));
          if (created) {
            try {
              CreationPolicy.setAcl(access, request.delegate(), acl);
            } catch (IOException e) {
              channel.close();
              throw request.gate().translate(e, request.path());
            }
          }
          return channel;
        }
      };

  /** Registers the outermost channel with the file system's state, so close() closes it. */
  static ChannelOpening.Layer tracking(FileSystemState state) {
    return new ChannelOpening.Layer() {
      @Override
      public <C extends Closeable> C open(
          ChannelOpening.Request<C> request, Set<OpenOption> options, FileAttribute<?>[] attrs,
          ChannelOpening.Next<C> next) throws IOException {
        C channel = next.open(options, attrs);
        // The path itself: its string is made only if a leak report names it.
        return state.register(channel, request.kind(), request.gate().absolute(request.path()));
      }
    };
  }

  /**
   * Deletes the file when the channel closes, where the delegate ignores {@code DELETE_ON_CLOSE}
   * (jimfs does): the option is taken out of what the delegate sees, and put back as a close action.
   * A symbolic link is refused, as the default provider refuses it.
   */
  static final ChannelOpening.Layer DELETE_ON_CLOSE_EMULATION =
      new ChannelOpening.Layer() {
        @Override
        public <C extends Closeable> C open(
            ChannelOpening.Request<C> request, Set<OpenOption> options, FileAttribute<?>[] attrs,
            ChannelOpening.Next<C> next) throws IOException {
          if (!options.contains(DELETE_ON_CLOSE)) {
            return next.open(options, attrs);
          }
          BasicFileAttributes existing =
              request.gate().access().readAttributesOrNull(request.delegate());
          if (existing != null && existing.isSymbolicLink()) {
            // As the default provider, which opens with O_NOFOLLOW: never delete through a link.
            throw new IOException("Too many levels of symbolic links (NOFOLLOW_LINKS specified)");
          }
          Set<OpenOption> without = new HashSet<>(options);
          without.remove(DELETE_ON_CLOSE);
          C channel = next.open(Set.copyOf(without), attrs);
          // By the path it was opened as, like the JDK's own emulation where it has one; the
          // quota layer inside gives the bytes back as the channel closes.
          Gate gate = request.gate();
          Path file = gate.mapByPath(request.path());
          return request.channelKind()
              .closingWith(channel, () -> gate.delegateProvider().deleteIfExists(file));
        }
      };

  /**
   * Charges every change of a file's size to the quota, and tells its ledger which file each
   * channel holds (see {@link dev.scratchfs.quota}). The file is read through the gate's own
   * access, so that a channel opened through a secure directory stream is accounted for the file
   * it really opened, relative to the stream's open directory.
   */
  static ChannelOpening.Layer quota(InodeLedger ledger) {
    return new ChannelOpening.Layer() {
      @Override
      public <C extends Closeable> C open(
          ChannelOpening.Request<C> request, Set<OpenOption> options, FileAttribute<?>[] attrs,
          ChannelOpening.Next<C> next) throws IOException {
        Gate gate = request.gate();
        LinkOption[] follow = request.options().contains(NOFOLLOW_LINKS)
            ? new LinkOption[] {NOFOLLOW_LINKS}
            : new LinkOption[0];
        // Accounting follows the caller's options: a DELETE_ON_CLOSE taken out by an outer layer
        // still removes the file's name when the channel closes.
        return request.channelKind().underQuota(
            ledger,
            () -> gate.call(() -> Inodes.of(gate, request.path(), request.delegate(), follow)),
            request.path().toString(), request.options(), options, () -> next.open(options, attrs));
      }
    };
  }
}
