package dev.scratchfs.tempfile;

import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.scratchfs.policy.ExclusiveCreator;
import dev.scratchfs.policy.OwnerOnlyPermissions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creates files and directories under fresh random names with owner-only permissions, through an
 * {@link ExclusiveCreator}, on any file system provider.
 *
 * <p>The permissions are passed to the creating call itself wherever the file system has a {@code
 * posix} view, so the entry is never wider than {@code rw-------} (files) or {@code rwx------}
 * (directories), not even for a moment. Where there is no {@code posix} view the provider's defaults
 * apply.
 */
public final class ExclusiveEntries {
  private static final ExclusiveEntries SECURE = new ExclusiveEntries(ExclusiveCreator.secure());

  private static final Set<OpenOption> NEW_FILE =
      Collections.unmodifiableSet(EnumSet.of(CREATE_NEW, READ, WRITE));

  private static final FileAttribute<?>[] NO_ATTRIBUTES = new FileAttribute<?>[0];

  private final ExclusiveCreator creator;

  /**
   * Creates entries with names drawn by {@code creator}; tests pass a creator with a predictable
   * {@link dev.scratchfs.policy.NameSource}.
   *
   * @param creator the name-drawing, retrying creator
   */
  public ExclusiveEntries(ExclusiveCreator creator) {
    this.creator = checkNotNull(creator, "creator");
  }

  /**
   * Returns the instance used by {@code TempFiles}, backed by {@link ExclusiveCreator#secure()}.
   *
   * @return the production instance
   */
  public static ExclusiveEntries secure() {
    return SECURE;
  }

  /**
   * Creates a new, empty file ({@code CREATE_NEW, READ, WRITE}) and returns it open.
   *
   * <p>The channel is a {@link FileChannel} when the provider offers one, otherwise whatever {@link
   * Files#newByteChannel} gives.
   *
   * @param template where and under what name pattern to create
   * @return the created file and its open channel
   * @throws FileAlreadyExistsException if no free name was found in the allowed number of tries
   * @throws IOException if the creation failed for any other reason (no retry)
   */
  public CreatedFile createFile(NameTemplate template) throws IOException {
    FileAttribute<?>[] attrs = ownerOnly(template.dir(), false);
    return creator.create(
        template.dir(),
        template.prefix(),
        template.suffix(),
        candidate -> new CreatedFile(candidate, openNew(candidate, attrs)));
  }

  /**
   * Creates a new, empty directory.
   *
   * @param template where and under what name pattern to create
   * @return the created directory
   * @throws FileAlreadyExistsException if no free name was found in the allowed number of tries
   * @throws IOException if the creation failed for any other reason (no retry)
   */
  public Path createDirectory(NameTemplate template) throws IOException {
    FileAttribute<?>[] attrs = ownerOnly(template.dir(), true);
    return creator.create(
        template.dir(),
        template.prefix(),
        template.suffix(),
        candidate -> Files.createDirectory(candidate, attrs));
  }

  /**
   * Returns a name under which nothing existed when it was checked; creates nothing. Another process
   * may take the name before the caller uses it.
   *
   * @param template where and under what name pattern to look
   * @return a name that was free (a dangling symbolic link counts as taken)
   * @throws FileAlreadyExistsException if no free name was found in the allowed number of tries
   * @throws IOException if a name could not be checked
   */
  public Path unusedName(NameTemplate template) throws IOException {
    return creator.create(
        template.dir(),
        template.prefix(),
        template.suffix(),
        candidate -> {
          try {
            Files.readAttributes(candidate, BasicFileAttributes.class, NOFOLLOW_LINKS);
          } catch (NoSuchFileException free) {
            return candidate;
          }
          throw new FileAlreadyExistsException(candidate.toString());
        });
  }

  private static SeekableByteChannel openNew(Path candidate, FileAttribute<?>[] attrs)
      throws IOException {
    try {
      return FileChannel.open(candidate, NEW_FILE, attrs);
    } catch (UnsupportedOperationException noFileChannels) {
      // Providers need not offer FileChannel; a plain byte channel still does the job.
      return Files.newByteChannel(candidate, NEW_FILE, attrs);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path dir, boolean directory) {
    if (!OwnerOnlyPermissions.appliesTo(dir.getFileSystem())) {
      return NO_ATTRIBUTES;
    }
    return OwnerOnlyPermissions.forCreation(NO_ATTRIBUTES, directory);
  }
}
