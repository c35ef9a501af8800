package dev.sable.sequencer.archfixture;

/** Test-only violator: state anyone holding the object can change. */
public final class PublicState {
  public long collateral;
}
