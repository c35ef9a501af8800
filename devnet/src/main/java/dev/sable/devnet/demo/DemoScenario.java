package dev.sable.devnet.demo;

/** What a demo run shows after its batches (docs/bridge.md, README "Demo"). */
public enum DemoScenario {
  /** Deposits, trading, a liquidation and withdrawals, proven and verified on L1. */
  PLAIN,
  /**
   * The same, then the node stops and a trader leaves a frozen bridge from L1 data alone ({@link
   * EscapeScenario}).
   */
  ESCAPE
}
