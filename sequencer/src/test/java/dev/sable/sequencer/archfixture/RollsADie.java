package dev.sable.sequencer.archfixture;

import java.util.Random;

/** Test-only violator: engine code drawing a random number. */
public final class RollsADie {
  int roll() {
    return new Random().nextInt(6);
  }
}
