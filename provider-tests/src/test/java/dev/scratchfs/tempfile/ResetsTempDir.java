package dev.scratchfs.tempfile;

import dev.scratchfs.TempFiles;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that point {@link TempFiles#settempdir} at their own directory so that the no-argument
 * forms never write to the real temporary directory: forgets the override after each test (the next
 * call searches again, as at start-up).
 */
final class ResetsTempDir implements AfterEachCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    TempFiles.settempdir(null);
  }
}
