package dev.sable.batch;

/**
 * The slot counts of one compiled settlement circuit (Go ledger.Capacities); a batch uses at most
 * these, and unused slots are no-ops. Each capacity names a different circuit with its own keys.
 *
 * @param markets market table rows (every market the batch reads or writes)
 * @param oracles signed oracle prices
 * @param accounts account table rows (every account the batch changes)
 * @param deposits deposits from L1's queue (at most 248: the refund bits fill one element)
 * @param orders order table rows (each signed order the batch fills, once)
 * @param trades fills
 * @param withdrawals signed withdrawals
 */
public record Capacities(
    int markets, int oracles, int accounts, int deposits, int orders, int trades, int withdrawals) {

  /** The smallest batch with every slot type (CI's real proofs). */
  public static final Capacities TINY = new Capacities(1, 1, 2, 2, 2, 1, 1);

  /** A few of each (CI's solver tests, the vectors). */
  public static final Capacities SMALL = new Capacities(2, 3, 4, 3, 4, 3, 2);

  /** Header elements of the public data: chain, contract, number, time, roots, deposit range. */
  static final int PUBLIC_HEADER = 8;

  public Capacities {
    if (markets < 1
        || oracles < 1
        || accounts < 1
        || deposits < 1
        || orders < 1
        || trades < 1
        || withdrawals < 1) {
      throw new IllegalArgumentException("every capacity is at least 1: " + this);
    }
    if (deposits > 248) {
      throw new IllegalArgumentException(
          "deposit capacity " + deposits + " above 248 (the refund bits fill one element)");
    }
  }

  /** The circuit's catalog name (Go settlement.Name), e.g. settlement-m1-k1-a2-d2-o2-t1-w1. */
  public String circuitName() {
    return String.format(
        "settlement-m%d-k%d-a%d-d%d-o%d-t%d-w%d",
        markets, oracles, accounts, deposits, orders, trades, withdrawals);
  }

  /** Elements of the public data: header, 3 per deposit, the refund bits, withdrawals, markets. */
  public int publicDataLength() {
    return PUBLIC_HEADER + 3 * deposits + 1 + withdrawals + markets;
  }
}
