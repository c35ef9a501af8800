package dev.sable.batch;

import java.util.List;

/**
 * A batch with some of its operations replaced, the rest kept: the batches the builder's rule tests
 * hand it. One place for the record's 14 components, so each test names only what it changes (from
 * an honest batch, or from an empty one: {@link #emptied}).
 */
public final class ForgedBatch {
  private final SettlementBatch honest;
  private long time;
  private long requestStart;
  private List<SignedPrice> prices;
  private List<Trade> trades;
  private List<Expiry> expiries;
  private List<OptionMark> optionMarks;
  private List<Withdrawal> withdrawals;
  private List<Liquidation> liquidations;
  private List<Close> unwinds;
  private List<ForcedRequest> requests;
  private List<RiskRow> riskRows;
  private List<MarginSwitch> switches;

  private ForgedBatch(SettlementBatch honest) {
    this.honest = honest;
    time = honest.time();
    requestStart = honest.requestStart();
    prices = honest.prices();
    trades = honest.trades();
    expiries = honest.expiries();
    optionMarks = honest.optionMarks();
    withdrawals = honest.withdrawals();
    liquidations = honest.liquidations();
    unwinds = honest.unwinds();
    requests = honest.requests();
    riskRows = honest.riskRows();
    switches = honest.switches();
  }

  public static ForgedBatch of(SettlementBatch honest) {
    return new ForgedBatch(honest);
  }

  /** A batch at b's time and request start with no operation, to add some to. */
  public static ForgedBatch emptied(SettlementBatch b) {
    return of(SettlementBatch.empty(b.time())).requestStart(b.requestStart());
  }

  public ForgedBatch time(long changed) {
    time = changed;
    return this;
  }

  public ForgedBatch requestStart(long changed) {
    requestStart = changed;
    return this;
  }

  public ForgedBatch trades(List<Trade> changed) {
    trades = changed;
    return this;
  }

  public ForgedBatch expiries(List<Expiry> changed) {
    expiries = changed;
    return this;
  }

  public ForgedBatch prices(List<SignedPrice> changed) {
    prices = changed;
    return this;
  }

  public ForgedBatch optionMarks(List<OptionMark> changed) {
    optionMarks = changed;
    return this;
  }

  public ForgedBatch withdrawals(List<Withdrawal> changed) {
    withdrawals = changed;
    return this;
  }

  public ForgedBatch sweep(List<Liquidation> changedLiquidations, List<Close> changedUnwinds) {
    liquidations = changedLiquidations;
    unwinds = changedUnwinds;
    return this;
  }

  public ForgedBatch requests(List<ForcedRequest> changed) {
    requests = changed;
    return this;
  }

  public ForgedBatch riskRows(List<RiskRow> changed) {
    riskRows = changed;
    return this;
  }

  public ForgedBatch switches(List<MarginSwitch> changed) {
    switches = changed;
    return this;
  }

  public SettlementBatch build() {
    SettlementBatch b = honest;
    return new SettlementBatch(
        time,
        b.fundingTicks(),
        prices,
        b.deposits(),
        trades,
        withdrawals,
        liquidations,
        unwinds,
        requestStart,
        requests,
        optionMarks,
        riskRows,
        expiries,
        switches);
  }
}
