package dev.sable.sequencer.core.archfixture;

import dev.sable.sequencer.engine.Sequencer;

/** Test-only violator: core code reaching up to the engine on top of it. */
public final class CallsTheEngine {
  int accounts(Sequencer sequencer) {
    return sequencer.changedAccountCount();
  }
}
