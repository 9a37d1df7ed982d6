/**
 * scratchfs: a {@code tmp:} file system provider for private, self-cleaning scratch storage, and
 * Python's {@code tempfile} in Java. The public API is the package {@code dev.scratchfs}; the
 * provider is found through {@code ServiceLoader} by {@code FileSystems.newFileSystem(URI)}, and
 * the handler of {@code tmp:} URLs by {@link java.net.URL}.
 */
module dev.scratchfs {
  requires com.google.common;

  exports dev.scratchfs;

  provides java.nio.file.spi.FileSystemProvider with
      dev.scratchfs.provider.TmpFileSystemProvider;
  provides java.net.spi.URLStreamHandlerProvider with
      dev.scratchfs.url.TmpUrlStreamHandlerProvider;
}
