package dev.sable.sequencer.archfixture;

import dev.sable.archfixture.Outside;

/** Test-only violator: engine code using a class of ours from outside the engine. */
public final class ImportsFromOutside {
  int answer() {
    return Outside.answer();
  }
}
