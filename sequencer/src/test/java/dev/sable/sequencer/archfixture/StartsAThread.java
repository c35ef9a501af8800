package dev.sable.sequencer.archfixture;

/** Test-only violator: engine code starting a thread. */
public final class StartsAThread {
  void start(Runnable work) {
    new Thread(work).start();
  }
}
