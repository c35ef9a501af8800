package dev.sable.batch;

/**
 * A liquidation step (Go ledger.LiquidationRow; docs/settlement.md, "Liquidation steps"). Fields a
 * kind does not use are 0.
 *
 * @param end the liquidation ends after this step (always for {@link StepKind#END})
 * @param accountRow the liquidated account's row (the fund's for an unwind)
 * @param slot its position slot the step's fill uses
 * @param otherRow the fill's other side: the maker, the fund or the ADL counterparty
 * @param order the maker's order row (close, unwind)
 * @param takerFee paid by the unsigned side of a close or unwind
 * @param first ADL: the first fill in its market
 * @param hold cover: why the fund cannot take over
 * @param holdSlot cover, {@link Hold#BOUND} or {@link Hold#SLOTS}: the account's slot whose market
 *     the fund cannot hold
 * @param holdFundSlot cover, {@link Hold#BOUND}: the fund's slot in that market
 * @param covered cover: what the fund pays before ADL; end: what it pays of the flat account's
 *     deficit
 * @param surplus end: a taken-over account's rest, to the fund
 * @param uncovered end: the deficit nobody paid
 */
public record StepRow(
    StepKind kind,
    boolean end,
    int accountRow,
    int slot,
    int otherRow,
    int otherSlot,
    int order,
    long quantity,
    long price,
    long makerFee,
    long takerFee,
    boolean first,
    Hold hold,
    int holdSlot,
    int holdFundSlot,
    long covered,
    long surplus,
    long uncovered) {

  /** A step without a fill (start, cover, end) of the account in row accountRow. */
  static StepRow of(StepKind kind, int accountRow) {
    return fill(kind, accountRow, 0, 0, 0, 0, 0, 0, 0, 0, false);
  }

  /** A fill step: no fees (takeover, ADL) unless the maker's order row is given with them. */
  static StepRow fill(
      StepKind kind,
      int accountRow,
      int slot,
      int otherRow,
      int otherSlot,
      int order,
      long quantity,
      long price,
      long makerFee,
      long takerFee,
      boolean first) {
    return new StepRow(
        kind,
        false,
        accountRow,
        slot,
        otherRow,
        otherSlot,
        order,
        quantity,
        price,
        makerFee,
        takerFee,
        first,
        Hold.DEFICIT,
        0,
        0,
        0,
        0,
        0);
  }

  StepRow withHold(Hold why, int accountSlot, int fundSlot, long coveredNow) {
    return new StepRow(
        kind,
        end,
        accountRow,
        slot,
        otherRow,
        otherSlot,
        order,
        quantity,
        price,
        makerFee,
        takerFee,
        first,
        why,
        accountSlot,
        fundSlot,
        coveredNow,
        surplus,
        uncovered);
  }

  StepRow ending(long surplusNow, long coveredNow, long uncoveredNow) {
    return new StepRow(
        kind,
        true,
        accountRow,
        slot,
        otherRow,
        otherSlot,
        order,
        quantity,
        price,
        makerFee,
        takerFee,
        first,
        hold,
        holdSlot,
        holdFundSlot,
        coveredNow,
        surplusNow,
        uncoveredNow);
  }
}
