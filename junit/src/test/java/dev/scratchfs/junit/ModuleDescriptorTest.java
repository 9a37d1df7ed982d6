package dev.scratchfs.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TmpFileSystems;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDirFactory;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The module {@code dev.scratchfs.junit} on the module path: its descriptor resolves against the
 * real modules of its dependencies (the provider, Guava, JUnit's API with what it requires, and
 * jimfs as an automatic module for the static requirement), and a layer of them loads its public
 * classes and finds the {@code tmp:} provider. The tests themselves run on the class path.
 */
class ModuleDescriptorTest {
  @Test
  void resolvesAndLoadsOnTheModulePath() throws Exception {
    List<Class<?>> representatives = List.of(
        ScratchExtension.class,
        TmpFileSystems.class,
        com.google.common.base.Preconditions.class,
        com.google.common.util.concurrent.internal.InternalFutureFailureAccess.class,
        TempDirFactory.class,
        ReflectionSupport.class,
        org.opentest4j.AssertionFailedError.class,
        org.apiguardian.api.API.class,
        Jimfs.class);
    Path[] locations = representatives.stream().map(ModuleDescriptorTest::location)
        .toArray(Path[]::new);
    Configuration configuration = ModuleLayer.boot().configuration().resolveAndBind(
        ModuleFinder.of(locations), ModuleFinder.of(),
        Set.of("dev.scratchfs.junit", "com.google.common.jimfs"));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(
        configuration, ClassLoader.getPlatformClassLoader());

    Module module = layer.findModule("dev.scratchfs.junit").orElseThrow();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertEquals(Set.of("dev.scratchfs.junit"),
        descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet()));
    assertTrue(module.canRead(layer.findModule("com.google.common.jimfs").orElseThrow()));
    assertTrue(module.canRead(layer.findModule("org.junit.jupiter.api").orElseThrow()));

    ClassLoader loader = layer.findLoader("dev.scratchfs.junit");
    for (String name : List.of("ScratchExtension", "ScratchTempDirFactory")) {
      Class<?> type = Class.forName("dev.scratchfs.junit." + name, true, loader);
      assertEquals(module, type.getModule());
      assertEquals(name, type.getConstructor().newInstance().getClass().getSimpleName());
    }
    List<String> schemes = ServiceLoader.load(layer, FileSystemProvider.class).stream()
        .map(p -> p.get().getScheme()).toList();
    assertTrue(schemes.contains("tmp"), schemes.toString());
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}
