package dev.sable.batch;

import java.util.List;

/**
 * A batch with some of its operations replaced, the rest kept: the batches the builder's rule tests
 * hand it. One place for the record's 14 components, so each test names only what it changes.
 */
public final class ForgedBatch {
  private final SettlementBatch honest;
  private List<SignedPrice> prices;
  private List<OptionMark> optionMarks;
  private List<Withdrawal> withdrawals;
  private List<Liquidation> liquidations;
  private List<Close> unwinds;
  private List<ForcedRequest> requests;
  private List<RiskRow> riskRows;
  private List<MarginSwitch> switches;

  private ForgedBatch(SettlementBatch honest) {
    this.honest = honest;
    prices = honest.prices();
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
        b.time(),
        b.fundingTicks(),
        prices,
        b.deposits(),
        b.trades(),
        withdrawals,
        liquidations,
        unwinds,
        b.requestStart(),
        requests,
        optionMarks,
        riskRows,
        b.expiries(),
        switches);
  }
}
