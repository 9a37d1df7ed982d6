/**
 * Internals of {@link dev.scratchfs.TempFiles}: name templates, exclusive owner-only creation, the
 * search for the default temporary directory, the in-memory channel behind {@link
 * dev.scratchfs.SpooledTempFile}, and the no-replace rename and copy behind {@link
 * dev.scratchfs.TempFile#persist}.
 *
 * <p>The classes are public only because {@code dev.scratchfs} and the tests must reach them; they are
 * not part of the supported API and may change without notice.
 */
package dev.scratchfs.tempfile;
