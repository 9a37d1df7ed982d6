package dev.scratchfs.provider;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.util.Set;

/**
 * What a scratch file system needs to know about its delegate, each fact named for what it
 * decides, read once when the file system is made.
 *
 * @param ownerOnlyByMode permissions exist as POSIX mode bits ({@code posix} view): owner-only is
 *     {@code rw-------} / {@code rwx------}
 * @param ownerOnlyByAcl permissions exist only as ACLs ({@code acl} view, no {@code posix}, e.g.
 *     Windows): owner-only is an ACL naming the owner alone
 * @param aclAtCreation the delegate takes an ACL in the creating call (the default provider on
 *     Windows; jimfs refuses it, so the ACL is set right after creation instead)
 * @param deletesOnClose the delegate honours {@code DELETE_ON_CLOSE} itself (the default provider;
 *     jimfs ignores the option, so {@code tmp:} emulates it)
 * @param secureStreamKeepsCreationAttributes the delegate's secure directory stream applies the
 *     attributes a file is created with (jimfs's drops them, so the mode is set right after)
 * @param copyKeepsSourceMode a copy made by the delegate gets the source's mode even without
 *     {@code COPY_ATTRIBUTES} (the default provider; jimfs gives copies its default mode)
 * @param movesLinksByHandle the delegate's secure directory stream moves a symbolic link as a link
 *     (the default provider's {@code renameat}; jimfs's follows it)
 * @param hasFiles paths of the delegate are {@code java.io} files ({@code toFile()} works)
 */
record DelegateTraits(
    boolean ownerOnlyByMode, boolean ownerOnlyByAcl, boolean aclAtCreation, boolean deletesOnClose,
    boolean secureStreamKeepsCreationAttributes, boolean copyKeepsSourceMode,
    boolean movesLinksByHandle, boolean hasFiles) {

  static DelegateTraits of(FileSystem delegate) {
    Set<String> views = delegate.supportedFileAttributeViews();
    boolean posix = views.contains("posix");
    boolean isDefault = delegate == FileSystems.getDefault();
    // A tmp: delegate behaves as the default provider in these respects, whatever is under it.
    boolean faithful = isDefault || delegate instanceof TmpFileSystem;
    return new DelegateTraits(
        posix, !posix && views.contains("acl"), faithful, faithful, faithful, faithful, faithful,
        hasFiles(delegate));
  }

  private static boolean hasFiles(FileSystem delegate) {
    try {
      delegate.getRootDirectories().iterator().next().toFile();
      return true;
    } catch (UnsupportedOperationException | java.util.NoSuchElementException noFiles) {
      return false;
    }
  }
}
