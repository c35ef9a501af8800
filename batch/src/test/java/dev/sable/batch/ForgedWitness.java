package dev.sable.batch;

import java.util.List;

/**
 * An honest witness with some of its tables replaced (public data and roots kept): the forged
 * witnesses the attack tests hand to the compiled circuit. One place for the record's 21
 * components, so each attack names only what it forges.
 */
public final class ForgedWitness {
  private final SettlementWitness honest;
  private List<AccountRow> accounts;
  private List<TradeRow> trades;
  private List<StepRow> steps;
  private List<RiskRow> risk;
  private List<ExpiryRow> expiries;
  private List<SwitchRow> switches;

  private ForgedWitness(SettlementWitness honest) {
    this.honest = honest;
    accounts = honest.accounts();
    trades = honest.trades();
    steps = honest.steps();
    risk = honest.risk();
    expiries = honest.expiries();
    switches = honest.switches();
  }

  public static ForgedWitness of(SettlementWitness honest) {
    return new ForgedWitness(honest);
  }

  public ForgedWitness accounts(List<AccountRow> forged) {
    accounts = forged;
    return this;
  }

  public ForgedWitness trades(List<TradeRow> forged) {
    trades = forged;
    return this;
  }

  public ForgedWitness steps(List<StepRow> forged) {
    steps = forged;
    return this;
  }

  public ForgedWitness risk(List<RiskRow> forged) {
    risk = forged;
    return this;
  }

  public ForgedWitness expiries(List<ExpiryRow> forged) {
    expiries = forged;
    return this;
  }

  public ForgedWitness switches(List<SwitchRow> forged) {
    switches = forged;
    return this;
  }

  public SettlementWitness build() {
    SettlementWitness w = honest;
    return new SettlementWitness(
        w.capacities(),
        w.header(),
        w.markets(),
        w.oracles(),
        accounts,
        w.deposits(),
        w.orders(),
        trades,
        w.withdrawals(),
        steps,
        w.requests(),
        w.requestStart(),
        w.oldRoot(),
        w.newRoot(),
        w.rowRoots(),
        w.publicData(),
        w.publicInputs(),
        w.ephemeral(),
        risk,
        expiries,
        switches,
        w.blobData());
  }
}
