/**
 * JUnit Jupiter support for scratchfs: {@code @TempDir} directories and {@code @ScratchDir} fields
 * and parameters backed by private, self-cleaning {@code tmp:} file systems. Needs JUnit Jupiter
 * 5.12 or later, JUnit 6 included; jimfs only for in-memory backing.
 */
module dev.scratchfs.junit {
  requires transitive dev.scratchfs;
  requires transitive org.junit.jupiter.api;
  requires static com.google.common.jimfs;

  exports dev.scratchfs.junit;
}
