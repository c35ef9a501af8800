package dev.sable.sequencer.archfixture;

import dev.sable.state.LeafWrite;

/**
 * A deliberately wrong arrow for ModuleArrowsTest: a class in the engine's packages that uses the
 * state module. It lives in the test sources only, so it never ships.
 */
public final class ForbiddenImport {
  private ForbiddenImport() {}

  public static long index(LeafWrite write) {
    return write.index();
  }
}
