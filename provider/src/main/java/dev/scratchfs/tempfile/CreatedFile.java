package dev.scratchfs.tempfile;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * A file that was just created exclusively, with the channel it was created through.
 *
 * @param path the name it was created under
 * @param channel the open read-write channel; the receiver must close it
 */
public record CreatedFile(Path path, SeekableByteChannel channel) {
  /**
   * Stores the parts.
   *
   * @param path the name it was created under
   * @param channel the open read-write channel
   * @throws NullPointerException if either part is null
   */
  public CreatedFile {
    checkNotNull(path, "path");
    checkNotNull(channel, "channel");
  }
}
