package dev.sable.sequencer.archfixture.cycle.second;

import dev.sable.sequencer.archfixture.cycle.first.First;

/** Test-only violator: the other half of the package cycle. */
public final class Second {
  public static int value() {
    return 1;
  }

  public static int first() {
    return First.value();
  }
}
