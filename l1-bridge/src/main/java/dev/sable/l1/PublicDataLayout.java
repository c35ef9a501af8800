package dev.sable.l1;

/**
 * The capacities of the settlement circuit a bridge verifies, which fix where everything is in a
 * batch's public data (docs/settlement.md, "Public data and its binding"; SettlementData.sol).
 *
 * @param depositSlots deposit slots (1 to 248: the refund bits share one element)
 * @param withdrawalSlots withdrawal slots (at least 1)
 * @param marketRows market rows
 */
public record PublicDataLayout(int depositSlots, int withdrawalSlots, int marketRows) {
  /** Elements before the first deposit slot. */
  public static final int HEADER = 8;

  public static final int MAX_DEPOSIT_SLOTS = 248;

  public PublicDataLayout {
    if (depositSlots < 1 || depositSlots > MAX_DEPOSIT_SLOTS) {
      throw new IllegalArgumentException(
          "deposit slots " + depositSlots + " outside 1.." + MAX_DEPOSIT_SLOTS);
    }
    if (withdrawalSlots < 1 || marketRows < 0 || marketRows > 0xffff || withdrawalSlots > 0xffff) {
      throw new IllegalArgumentException(
          "withdrawal slots "
              + withdrawalSlots
              + " or market rows "
              + marketRows
              + " out of range");
    }
  }

  /** Number of elements of the public data. */
  public int length() {
    return marketsAt() + marketRows;
  }

  /** Index of the refund bits. */
  public int refundBitsAt() {
    return HEADER + 3 * depositSlots;
  }

  /** Index of the first withdrawal slot. */
  public int withdrawalsAt() {
    return refundBitsAt() + 1;
  }

  /** Index of the first market row. */
  public int marketsAt() {
    return withdrawalsAt() + withdrawalSlots;
  }
}
