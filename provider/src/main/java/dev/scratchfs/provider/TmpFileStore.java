package dev.scratchfs.provider;

import dev.scratchfs.quota.Quota;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;

/**
 * The file store of a scratch file system: the store its root lives on, as the delegate reports it;
 * with a quota, the space figures are the quota's (total: the quota; usable and unallocated: what is
 * left of it, or what is left on the store if that is less).
 */
final class TmpFileStore extends FileStore {
  private final FileStore delegate;
  private final Quota quota;

  TmpFileStore(FileStore delegate, Quota quota) {
    this.delegate = delegate;
    this.quota = quota;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public String type() {
    return delegate.type();
  }

  @Override
  public boolean isReadOnly() {
    return delegate.isReadOnly();
  }

  @Override
  public long getTotalSpace() throws IOException {
    return quota == null ? delegate.getTotalSpace() : quota.limit();
  }

  @Override
  public long getUsableSpace() throws IOException {
    long store = delegate.getUsableSpace();
    return quota == null ? store : Math.min(quota.remaining(), store);
  }

  @Override
  public long getUnallocatedSpace() throws IOException {
    long store = delegate.getUnallocatedSpace();
    return quota == null ? store : Math.min(quota.remaining(), store);
  }

  @Override
  public long getBlockSize() throws IOException {
    return delegate.getBlockSize();
  }

  @Override
  public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
    return delegate.supportsFileAttributeView(type);
  }

  @Override
  public boolean supportsFileAttributeView(String name) {
    return delegate.supportsFileAttributeView(name);
  }

  @Override
  public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
    return delegate.getFileStoreAttributeView(type);
  }

  @Override
  public Object getAttribute(String attribute) throws IOException {
    return delegate.getAttribute(attribute);
  }

  /**
   * Two scratch file stores are equal when their delegates' stores are: a new instance is made per
   * {@code getFileStore} call, and callers compare stores to tell whether a hard link or atomic move
   * between two paths is possible.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof TmpFileStore && delegate.equals(((TmpFileStore) o).delegate);
  }

  @Override
  public int hashCode() {
    return delegate.hashCode();
  }

  @Override
  public String toString() {
    return "tmp:" + delegate;
  }
}
