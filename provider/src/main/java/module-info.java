/**
 * scratchfs: a {@code tmp:} file system provider for private, self-cleaning scratch storage, and
 * Python's {@code tempfile} in Java. The public API is the package {@code dev.scratchfs}; the
 * provider is found through {@code ServiceLoader} by {@code FileSystems.newFileSystem(URI)}.
 */
module dev.scratchfs {
  requires com.google.common;

  exports dev.scratchfs;

  provides java.nio.file.spi.FileSystemProvider with
      dev.scratchfs.provider.TmpFileSystemProvider;
}
