package dev.sable.sequencer.archfixture.cycle.first;

import dev.sable.sequencer.archfixture.cycle.second.Second;

/** Test-only violator: one half of a package cycle. */
public final class First {
  public static int value() {
    return Second.value() + 1;
  }
}
