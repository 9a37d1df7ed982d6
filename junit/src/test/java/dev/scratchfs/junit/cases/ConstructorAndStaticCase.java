package dev.scratchfs.junit.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.junit.ScratchDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OnlyInTestKit.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConstructorAndStaticCase {
  @ScratchDir static Path shared;

  private final Path own;

  ConstructorAndStaticCase(@ScratchDir Path own) {
    this.own = own;
  }

  @Test
  @Order(1)
  void first() {
    Seen.onDisk("first own", own);
    Seen.onDisk("shared", shared);
  }

  @Test
  @Order(2)
  void second() {
    Path firstOwn = Seen.path("first own");
    assertFalse(Files.exists(firstOwn), "the first test's constructor directory is gone");
    assertTrue(Files.isDirectory(Seen.path("shared")), "the class's directory is still there");
    assertEquals(Seen.path("shared"), TmpFileSystems.unwrap(shared), "one for the class");
    Seen.onDisk("second own", own);
  }
}
