package dev.sable.state.settlement;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.Fr;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.store.KeyValueStore;
import java.util.List;

/**
 * The committed settlement state (docs/state.md, section 12) in a key-value store (RocksDB in the
 * node, in memory in tests). A batch is drafted on top of it ({@link #draft}), proven and posted,
 * and then committed ({@link #commit}) in one atomic store write, so the store is always at the
 * root of the last committed batch. Single writer.
 */
public final class SettlementState extends SettlementView {

  private SettlementState(KeyValueStore store) {
    super(store);
  }

  /**
   * Writes the genesis state into an empty store: the insurance fund (account 0, keyless) and the
   * listed markets; pools, time and deposit count 0.
   */
  public static SettlementState genesis(
      KeyValueStore store, Deployment deployment, List<MarketLeafV2> markets) {
    if (store.get(HEADER) != null) {
      throw new IllegalStateException("the store already holds a settlement state");
    }
    List<Long> ids = markets.stream().map(MarketLeafV2::id).sorted().toList();
    StateDraft draft = new StateDraft(store, Fr.ZERO);
    draft.putHeader(new StateHeader(deployment, 0, 0, 0, 0, 0, ids)); // refuses a repeated id
    draft.putAccount(SettlementLayout.FUND_ACCOUNT, AccountLeafV2.insuranceFund());
    markets.forEach(draft::putMarket);
    store.write(draft.change().writes());
    return new SettlementState(store);
  }

  /** The state already in a store (after genesis). */
  public static SettlementState open(KeyValueStore store) {
    SettlementState s = new SettlementState(store);
    s.header(); // fails clearly on a store without genesis
    return s;
  }

  /**
   * Sets an account's margin mode outside any batch (Go ledger.State.SetMarginMode): no circuit
   * proves a margin-mode switch yet, so a deployment sets modes in the state it starts from, before
   * its first batch is proven (docs/settlement.md, "Portfolio margin in the circuit").
   *
   * @throws IllegalArgumentException for the fund, an account that does not exist, or a mode other
   *     than 0 (cross) and {@link AccountLeafV2#MODE_PORTFOLIO}
   */
  public void setMarginMode(long index, long mode) {
    AccountLeafV2 account =
        account(index)
            .filter(
                a ->
                    index != SettlementLayout.FUND_ACCOUNT
                        && (mode == 0 || mode == AccountLeafV2.MODE_PORTFOLIO))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "margin mode "
                            + mode
                            + " for account "
                            + index
                            + ": no such account or mode"));
    StateDraft draft = draft();
    draft.putAccount(index, account.withMode(mode));
    commit(draft.change());
  }

  @Override
  SparseMerkleTree tree(byte[] namespace, int depth) {
    return newTree(store, namespace, depth); // fresh: commits write around any tree's cache
  }

  /** A draft of the next batch on top of this state. */
  public StateDraft draft() {
    return new StateDraft(store, root());
  }

  /** Writes a drafted change atomically; it must have been drafted on the current root. */
  public void commit(StateChange change) {
    if (!change.oldRoot().equals(root())) {
      throw new IllegalStateException(
          "the change was drafted on root "
              + change.oldRoot()
              + ", the state is at "
              + root()
              + ": draft it again");
    }
    store.write(change.writes());
  }
}
