package dev.scratchfs.junit.cases;

import java.io.File;
import org.junit.jupiter.api.io.TempDir;

/** A base test class that its subclasses inherit a {@code @TempDir File} from. */
abstract class TempDirFileBase {
  @TempDir protected File baseDir;
}
