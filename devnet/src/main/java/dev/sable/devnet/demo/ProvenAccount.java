package dev.sable.devnet.demo;

import dev.sable.batch.SettlementMath;
import dev.sable.crypto.Fr;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.PositionSlot;
import dev.sable.state.settlement.SettlementState;
import java.math.BigInteger;

/**
 * One account as a stopped node last proved it: read from the node's own settlement store ({@link
 * ProvenState}: what it committed once L1 accepted each batch), not from L1, and valued at the
 * markets' marks and funding indexes of that same state. The escape scenario checks the exit's
 * amount against this figure, which shares none of the exit's path (no calldata, no decryption, no
 * market rows from the bridge).
 *
 * @param root the state root the node last committed
 * @param nonce the account's withdrawal nonce
 * @param equity collateral + each position's size x mark - cost - funding owed (rounded up); an
 *     option position's mark is the option market's leaf's (its committed mark, no cost, no
 *     funding)
 * @param optionPositions how many of its positions are in option markets
 */
public record ProvenAccount(Fr root, long nonce, long equity, int optionPositions) {
  /** {@code account} as {@code state} holds it. */
  static ProvenAccount of(SettlementState state, long account) {
    AccountLeafV2 leaf =
        state
            .account(account)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "account " + account + " is not in the node's proven state"));
    int options =
        (int)
            leaf.slots().stream()
                .filter(s -> s.size() != 0 && marketOf(state, s.market()).isOption())
                .count();
    return new ProvenAccount(state.root(), leaf.nonce(), equity(state, leaf), options);
  }

  /** The leaf's equity at the markets of {@code state}. */
  static long equity(SettlementState state, AccountLeafV2 leaf) {
    BigInteger equity = BigInteger.valueOf(leaf.collateral());
    for (PositionSlot slot : leaf.slots()) {
      if (slot.size() != 0) {
        equity = equity.add(value(slot, marketOf(state, slot.market())));
      }
    }
    return equity.longValueExact();
  }

  private static MarketLeafV2 marketOf(SettlementState state, long market) {
    return state
        .market(market)
        .orElseThrow(() -> new IllegalStateException("market " + market + " is not listed"));
  }

  /** A position's worth at its market's mark, less the funding it owes since it last paid. */
  private static BigInteger value(PositionSlot slot, MarketLeafV2 market) {
    return BigInteger.valueOf(slot.size())
        .multiply(BigInteger.valueOf(market.mark()))
        .subtract(BigInteger.valueOf(slot.cost()))
        .subtract(
            SettlementMath.fundingOwed(slot.size(), market.fundingIndex(), slot.fundingIndex()));
  }
}
