package dev.sable.sequencer.options;

/** European call or put, cash-settled in collateral. */
public enum OptionKind {
  CALL,
  PUT
}
