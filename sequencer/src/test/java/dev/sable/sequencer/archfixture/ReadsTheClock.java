package dev.sable.sequencer.archfixture;

/** Test-only violator: engine code reading the wall clock. */
public final class ReadsTheClock {
  long now() {
    return System.currentTimeMillis();
  }
}
