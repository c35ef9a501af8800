package dev.sable.devnet.demo;

import dev.sable.crypto.Fr;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.PositionSlot;
import dev.sable.state.settlement.SettlementState;
import dev.sable.state.store.rocksdb.RocksDbKeyValueStore;
import java.nio.file.Path;

/**
 * One account as a stopped node last proved it: read from the node's own settlement store (what it
 * committed once L1 accepted each batch), not from L1, and valued at the markets' marks and funding
 * indexes of that same state. The escape scenario checks the exit's amount against this figure,
 * which shares none of the exit's path (no calldata, no decryption, no market rows from the
 * bridge).
 *
 * @param root the state root the node last committed
 * @param nonce the account's withdrawal nonce
 * @param equity collateral + each position's size x mark - cost - funding owed (rounded up)
 */
public record ProvenAccount(Fr root, long nonce, long equity) {
  private static final long PPM = 1_000_000;

  /**
   * Reads {@code account} from the settlement store in the node's data directory {@code dataDir};
   * the node must have stopped (the store admits one process).
   */
  public static ProvenAccount read(Path dataDir, long account) {
    try (RocksDbKeyValueStore store =
        RocksDbKeyValueStore.open(dataDir.resolve("settlement"), false)) {
      SettlementState state = SettlementState.open(store);
      AccountLeafV2 leaf =
          state
              .account(account)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "account " + account + " is not in the node's proven state"));
      return new ProvenAccount(state.root(), leaf.nonce(), equity(state, leaf));
    }
  }

  /** The leaf's equity at the markets of {@code state}. */
  static long equity(SettlementState state, AccountLeafV2 leaf) {
    long equity = leaf.collateral();
    for (PositionSlot slot : leaf.slots()) {
      if (slot.size() != 0) {
        equity = Math.addExact(equity, value(slot, marketOf(state, slot.market())));
      }
    }
    return equity;
  }

  private static MarketLeafV2 marketOf(SettlementState state, long market) {
    return state
        .market(market)
        .orElseThrow(() -> new IllegalStateException("market " + market + " is not listed"));
  }

  /** A position's worth at its market's mark, less the funding it owes since it last paid. */
  private static long value(PositionSlot slot, MarketLeafV2 market) {
    long worth = Math.subtractExact(Math.multiplyExact(slot.size(), market.mark()), slot.cost());
    long fundingOwed =
        Math.ceilDiv(
            Math.multiplyExact(
                slot.size(), Math.subtractExact(market.fundingIndex(), slot.fundingIndex())),
            PPM);
    return Math.subtractExact(worth, fundingOwed);
  }
}
