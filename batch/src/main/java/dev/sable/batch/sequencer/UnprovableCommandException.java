package dev.sable.batch.sequencer;

/**
 * A command whose effects no settlement batch can prove: a liquidation (the sequencer does not meet
 * the circuit's liquidation rules yet) or a market settlement, a market listed after genesis, or a
 * command whose evidence does not match it (a node bug). The batcher refuses it and every command
 * after it: the settlement state would no longer follow the sequencer's, so no later batch could be
 * built either. Never skip it.
 */
public final class UnprovableCommandException extends RuntimeException {
  public UnprovableCommandException(String message) {
    super(message);
  }
}
