package dev.sable.devnet.demo;

import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.TestCollateral;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Consumer;

/**
 * The frozen bridge's money before any exit, for the solvency identity (docs/bridge.md, "The escape
 * scenario"): balance = exits paid + unclaimed credits + pending deposits + what no key can exit.
 *
 * @param balance the bridge's token balance
 * @param unclaimed {@code claimable} summed over the recipients the scenario knows (the mapping
 *     cannot be listed on L1; in the demo every credit goes to a trader's L1 account)
 * @param pendingDeposits deposits queued that no batch consumed ({@code depositsQueued -
 *     depositsConsumed}); the scenario values none, so it requires none
 */
record BridgeBalance(BigInteger balance, BigInteger unclaimed, long pendingDeposits) {

  static BridgeBalance read(
      SettlementBridgeClient bridge, TestCollateral token, List<String> recipients) {
    BigInteger unclaimed = BigInteger.ZERO;
    for (String r : recipients) {
      unclaimed = unclaimed.add(bridge.claimable(r));
    }
    return new BridgeBalance(
        token.balanceOf(bridge.address()),
        unclaimed,
        bridge.depositsQueued() - bridge.depositsConsumed());
  }

  /** Whether the identity holds after exits that paid {@code paid}; logs each side. */
  boolean holds(long paid, UnownedShare unowned, Consumer<String> log) {
    BigInteger accounted =
        BigInteger.valueOf(paid).add(unclaimed).add(BigInteger.valueOf(unowned.total()));
    log.accept(
        "the bridge held "
            + balance
            + " before the exits; exits paid "
            + paid
            + ", unclaimed credits "
            + unclaimed
            + ", pending deposits "
            + pendingDeposits
            + ", no key can exit "
            + unowned.total()
            + " (fund "
            + unowned.fundEquity()
            + ", fee pool "
            + unowned.feePool()
            + ", funding pool "
            + unowned.fundingPool()
            + "): "
            + accounted
            + (balance.equals(accounted) ? " (holds)" : " (does NOT hold)"));
    return pendingDeposits == 0 && balance.equals(accounted);
  }
}
