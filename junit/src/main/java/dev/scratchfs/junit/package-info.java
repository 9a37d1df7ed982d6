/**
 * JUnit Jupiter support for scratchfs.
 *
 * <ul>
 *   <li>{@link dev.scratchfs.junit.ScratchTempDirFactory}: a {@code @TempDir} factory, so that one
 *       line ({@code junit.jupiter.tempdir.factory.default=dev.scratchfs.junit.ScratchTempDirFactory}
 *       in {@code junit-platform.properties}) moves every {@code @TempDir} of a suite, {@code Path}
 *       and {@code File}, into a fresh private scratch container.
 *   <li>{@link dev.scratchfs.junit.ScratchDir} with {@link dev.scratchfs.junit.ScratchExtension}: a
 *       scratch {@code FileSystem} or its root {@code Path} per test, where a handle left open fails
 *       the test, with in-memory backing and keeping the tree of a failed test as options.
 * </ul>
 */
package dev.scratchfs.junit;
