package dev.sable.sequencer.market;

/** European call or put, cash-settled in collateral. */
public enum OptionKind {
  CALL,
  PUT
}
