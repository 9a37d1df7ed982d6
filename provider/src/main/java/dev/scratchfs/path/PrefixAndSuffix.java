package dev.scratchfs.path;

/**
 * {@code startsWith} and {@code endsWith} of {@link UnixPath}: name-wise comparisons on the
 * normalized strings and their name offsets, without building name objects.
 */
final class PrefixAndSuffix {
  private PrefixAndSuffix() {}

  static boolean startsWith(UnixPath<?> self, UnixPath<?> that) {
    String path = self.string();
    if (that.string().length() > path.length()) {
      return false;
    }
    int thisCount = self.getNameCount();
    int thatCount = that.getNameCount();
    if (thatCount == 0 && self.isAbsolute()) {
      return !that.string().isEmpty();
    }
    if (thatCount > thisCount
        || thatCount == thisCount && path.length() != that.string().length()) {
      return false;
    }
    for (int i = 0; i < thatCount; i++) {
      if (self.offsets()[i] != that.offsets()[i]) {
        return false;
      }
    }
    if (!path.startsWith(that.string())) {
      return false;
    }
    int i = that.string().length();
    return i >= path.length() || path.charAt(i) == '/';
  }

  static boolean endsWith(UnixPath<?> self, UnixPath<?> that) {
    String path = self.string();
    int thisLen = path.length();
    int thatLen = that.string().length();
    if (thatLen > thisLen || thisLen > 0 && thatLen == 0
        || that.isAbsolute() && !self.isAbsolute()) {
      return false;
    }
    int thisCount = self.getNameCount();
    int thatCount = that.getNameCount();
    if (thatCount > thisCount) {
      return false;
    }
    if (thatCount == thisCount) {
      if (thisCount == 0) {
        return true;
      }
      int expected = self.isAbsolute() && !that.isAbsolute() ? thisLen - 1 : thisLen;
      if (thatLen != expected) {
        return false;
      }
    } else if (that.isAbsolute()) {
      return false;
    }
    int thisPos = self.offsets()[thisCount - thatCount];
    int thatPos = that.offsets()[0];
    if (thatLen - thatPos != thisLen - thisPos) {
      return false;
    }
    return path.regionMatches(thisPos, that.string(), thatPos, thatLen - thatPos);
  }
}
