package dev.sable.state.settlement;

import dev.sable.crypto.Fr;
import dev.sable.crypto.MessageRanges;
import dev.sable.crypto.Poseidon2;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.StateLayout;

/** Constants of the settlement layout (docs/state.md, section 12; Go circuits/ledger). */
public final class SettlementLayout {
  /** Open positions an account holds at once: the slots of its leaf. */
  public static final int POSITION_SLOTS = 8;

  /** Oracle sources of a market: the keys and records of its leaf. */
  public static final int ORACLE_SOURCES = MessageRanges.ORACLE_SOURCES;

  /** Markets ids are below this (the market tree's width). */
  public static final int MARKETS = 1 << StateLayout.MARKET_DEPTH;

  /** The insurance fund's account index: keyless, it exists from genesis. */
  public static final long FUND_ACCOUNT = 0;

  /** The root of an empty fill-slot tree: a new account's fillsRoot. */
  public static final Fr EMPTY_FILLS_ROOT =
      SparseMerkleTree.emptySubtreeRoots(Poseidon2.INSTANCE, StateLayout.FILL_DEPTH)[
          StateLayout.FILL_DEPTH];

  private SettlementLayout() {}
}
