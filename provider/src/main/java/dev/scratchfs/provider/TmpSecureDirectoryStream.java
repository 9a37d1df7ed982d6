package dev.scratchfs.provider;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link SecureDirectoryStream} of a {@code tmp:} directory, offered wherever the delegate offers
 * one, so that link-safe tree walkers (Guava's {@code MoreFiles.deleteRecursively}) keep working
 * relative to open directory handles on {@code tmp:} paths.
 *
 * <p>Every method goes through the stream's own {@link Gate}, which starts from the open
 * directory: relative paths reach the delegate through the delegate's secure stream, and must not
 * contain {@code ..} (relative to an open handle the lexical confinement of absolute paths does
 * not apply, so climbing is refused outright). Creation, deletion and moves through it are subject
 * to the same policy as by path.
 */
final class TmpSecureDirectoryStream extends TmpDirectoryStream
    implements SecureDirectoryStream<Path> {
  private final Gate gate;

  TmpSecureDirectoryStream(
      SecureDirectoryStream<Path> delegate, TmpPath dir, boolean byPath,
      Filter<? super Path> filter, Gate gate) {
    super(delegate, dir, byPath, filter);
    this.gate = gate;
  }

  /** The stream's gate, which starts from its open directory. */
  Gate gate() {
    return gate;
  }

  @Override
  public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options)
      throws IOException {
    return (SecureDirectoryStream<Path>) gate.newDirectoryStream(path, null, dir(), options);
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    return gate.newByteChannel(path, options, "byte channel", attrs);
  }

  @Override
  public void deleteFile(Path path) throws IOException {
    gate.delete(path, false, false);
  }

  @Override
  public void deleteDirectory(Path path) throws IOException {
    gate.delete(path, false, true);
  }

  @Override
  public void move(Path srcpath, SecureDirectoryStream<Path> targetdir, Path targetpath)
      throws IOException {
    TmpPath source = gate.check(srcpath);
    Objects.requireNonNull(targetdir, "targetdir");
    if (!(targetdir instanceof TmpSecureDirectoryStream)) {
      throw new ProviderMismatchException("target directory stream is not of a tmp: file system");
    }
    Gate targetGate = ((TmpSecureDirectoryStream) targetdir).gate;
    Transfers.secureMove(gate, source, targetGate, targetGate.check(targetpath));
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(Class<V> type) {
    return gate.getDirectoryAttributeView(type);
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    return gate.getFileAttributeView(path, type, options);
  }
}
