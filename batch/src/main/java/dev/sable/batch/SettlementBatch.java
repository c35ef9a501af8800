package dev.sable.batch;

import java.util.List;

/**
 * What the sequencer seals: one batch of settlement operations, each list in its slot order
 * (docs/settlement.md, "A batch"). Its number is the state's last batch + 1.
 *
 * @param time the batch time: the sequencer's now when it seals the batch, at or after the previous
 *     batch's
 * @param fundingTicks at most one per market
 * @param prices signed oracle prices, in the order they arrived
 * @param deposits the next records of L1's deposit queue, in queue order
 * @param trades fills in sequencer order
 * @param withdrawals in sequencer order
 * @param liquidations the sweep that ends the batch, in the sequencer's order
 * @param unwinds the fund's closing fills that follow the liquidations
 * @param requestStart the bridge's count of forced withdrawal requests served before this batch
 *     (its {@code requestsServed}): the queue index of the first of {@code requests}
 * @param requests the next forced withdrawal requests of L1's queue, in queue order, served after
 *     every other change of the batch
 * @param optionMarks the sequencer's mark of each option market of the batch, at its time
 * @param riskRows with portfolio capacities, the risk row of every market of the batch (computed by
 *     the sequencer from public data; docs/settlement.md, "Portfolio margin in the circuit")
 * @param expiries the option positions the batch settles at their expiry, applied after the trades
 *     (docs/settlement.md, "Option expiry")
 * @param switches signed margin-mode switches in the order the sequencer applied them (switch
 *     slots; docs/settlement.md, "The margin-mode switch")
 */
public record SettlementBatch(
    long time,
    List<FundingTick> fundingTicks,
    List<SignedPrice> prices,
    List<Deposit> deposits,
    List<Trade> trades,
    List<Withdrawal> withdrawals,
    List<Liquidation> liquidations,
    List<Close> unwinds,
    long requestStart,
    List<ForcedRequest> requests,
    List<OptionMark> optionMarks,
    List<RiskRow> riskRows,
    List<Expiry> expiries,
    List<MarginSwitch> switches) {

  /** A batch without expiry steps or margin-mode switches. */
  public SettlementBatch(
      long time,
      List<FundingTick> fundingTicks,
      List<SignedPrice> prices,
      List<Deposit> deposits,
      List<Trade> trades,
      List<Withdrawal> withdrawals,
      List<Liquidation> liquidations,
      List<Close> unwinds,
      long requestStart,
      List<ForcedRequest> requests,
      List<OptionMark> optionMarks,
      List<RiskRow> riskRows) {
    this(
        time,
        fundingTicks,
        prices,
        deposits,
        trades,
        withdrawals,
        liquidations,
        unwinds,
        requestStart,
        requests,
        optionMarks,
        riskRows,
        List.of(),
        List.of());
  }

  /** A batch without risk rows (for a circuit without portfolio margin). */
  public SettlementBatch(
      long time,
      List<FundingTick> fundingTicks,
      List<SignedPrice> prices,
      List<Deposit> deposits,
      List<Trade> trades,
      List<Withdrawal> withdrawals,
      List<Liquidation> liquidations,
      List<Close> unwinds,
      long requestStart,
      List<ForcedRequest> requests,
      List<OptionMark> optionMarks) {
    this(
        time,
        fundingTicks,
        prices,
        deposits,
        trades,
        withdrawals,
        liquidations,
        unwinds,
        requestStart,
        requests,
        optionMarks,
        List.of());
  }

  /** A batch without option markets. */
  public SettlementBatch(
      long time,
      List<FundingTick> fundingTicks,
      List<SignedPrice> prices,
      List<Deposit> deposits,
      List<Trade> trades,
      List<Withdrawal> withdrawals,
      List<Liquidation> liquidations,
      List<Close> unwinds,
      long requestStart,
      List<ForcedRequest> requests) {
    this(
        time,
        fundingTicks,
        prices,
        deposits,
        trades,
        withdrawals,
        liquidations,
        unwinds,
        requestStart,
        requests,
        List.of());
  }

  public SettlementBatch {
    if (requestStart < 0) {
      throw new IllegalArgumentException("negative request start: " + requestStart);
    }
    requests = List.copyOf(requests);
    optionMarks = List.copyOf(optionMarks);
    riskRows = List.copyOf(riskRows);
    expiries = List.copyOf(expiries);
    switches = List.copyOf(switches);
    fundingTicks = List.copyOf(fundingTicks);
    prices = List.copyOf(prices);
    deposits = List.copyOf(deposits);
    trades = List.copyOf(trades);
    withdrawals = List.copyOf(withdrawals);
    liquidations = List.copyOf(liquidations);
    unwinds = List.copyOf(unwinds);
  }

  /** A batch that serves no forced request (with the start of a circuit without request slots). */
  public SettlementBatch(
      long time,
      List<FundingTick> fundingTicks,
      List<SignedPrice> prices,
      List<Deposit> deposits,
      List<Trade> trades,
      List<Withdrawal> withdrawals,
      List<Liquidation> liquidations,
      List<Close> unwinds) {
    this(
        time,
        fundingTicks,
        prices,
        deposits,
        trades,
        withdrawals,
        liquidations,
        unwinds,
        0,
        List.of());
  }

  /** A batch without a liquidation sweep. */
  public SettlementBatch(
      long time,
      List<FundingTick> fundingTicks,
      List<SignedPrice> prices,
      List<Deposit> deposits,
      List<Trade> trades,
      List<Withdrawal> withdrawals) {
    this(time, fundingTicks, prices, deposits, trades, withdrawals, List.of(), List.of());
  }

  /** A batch at time with no operation (it still moves the state's time). */
  public static SettlementBatch empty(long time) {
    return new SettlementBatch(time, List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
