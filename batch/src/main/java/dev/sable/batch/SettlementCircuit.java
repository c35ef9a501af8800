package dev.sable.batch;

import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.prover.Witness;
import dev.sable.prover.WitnessField;
import dev.sable.prover.WitnessLayout;
import dev.sable.state.StateLayout;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.MarketParams;
import dev.sable.state.settlement.OptionTerms;
import dev.sable.state.settlement.PositionSlot;
import dev.sable.state.settlement.SettlementLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The settlement circuit's witness as gnark reads it (Go settlement.Circuit; docs/settlement.md,
 * "The witness"): public c, z, y, then the header and the tables, row by row, each row's fields in
 * declaration order, unused rows all zeros. {@link #layout} states the layout, which {@code
 * GnarkProver.open} checks against the Go struct; {@link #witness} fills it by field name.
 */
public final class SettlementCircuit {
  private static final int SLOTS = SettlementLayout.POSITION_SLOTS;
  private static final int SOURCES = SettlementLayout.ORACLE_SOURCES;
  private static final List<String> PUBLIC = List.of("Commitment", "Challenge", "Evaluation");
  private static final List<String> HEADER =
      List.of(
          "ChainID",
          "Contract",
          "BatchNumber",
          "BatchTime",
          "AccountsRoot",
          "MarketsRoot",
          "FeePool",
          "FundingPool",
          "Time",
          "DepositCount",
          "Deposits");

  /** The owner-data section's secret: the batch's ephemeral scalar e (Go Circuit.Owner). */
  private static final String OWNER_SCALAR = "Owner_0_Ephemeral";

  // The blob openings of a -owner-blob circuit, one per blob: its public data's blob sections
  // (BlobSection), Blob_<j>_VersionedHash, Blob_<j>_Z, Blob_<j>_Value.
  private static final String BLOB = "Blob_";

  private SettlementCircuit() {}

  /** The witness layout of the circuit of these capacities. */
  public static WitnessLayout layout(Capacities caps) {
    List<WitnessField> fields = new ArrayList<>();
    PUBLIC.forEach(name -> fields.add(WitnessField.publicInput(name)));
    HEADER.forEach(name -> fields.add(WitnessField.secret("Header_" + name)));
    rows(fields, "Markets", caps.markets(), SettlementCircuit::market);
    rows(fields, "Oracles", caps.oracles(), SettlementCircuit::oracle);
    rows(fields, "Accounts", caps.accounts(), (AccountRow r, Row v) -> account(r, 0, v));
    rows(fields, "Deposits", caps.deposits(), SettlementCircuit::deposit);
    rows(fields, "Orders", caps.orders(), SettlementCircuit::order);
    rows(fields, "Trades", caps.trades(), SettlementCircuit::trade);
    rows(fields, "Withdrawals", caps.withdrawals(), SettlementCircuit::withdrawal);
    rows(fields, "Liquidations", caps.steps(), SettlementCircuit::step);
    rows(fields, "Requests", caps.requests(), (RequestRow r, Row v) -> request(r, 0, v));
    rows(fields, "Options", optionRows(caps), SettlementCircuit::option);
    rows(fields, "Expiries", caps.expiries(), SettlementCircuit::expiry);
    rows(fields, "Risk", riskRows(caps), (MarketRow r, Row v) -> risk(null, 0, v));
    rows(fields, "Switches", caps.switches(), SettlementCircuit::modeSwitch);
    if (caps.ownerData()) {
      fields.add(WitnessField.secret(OWNER_SCALAR));
    }
    for (int j = 0; j < caps.blobs(); j++) {
      fields.add(WitnessField.secret(BLOB + j + "_VersionedHash", 2));
      fields.add(WitnessField.secret(BLOB + j + "_Z"));
      fields.add(WitnessField.secret(BLOB + j + "_Value", 2));
    }
    return new WitnessLayout(caps.circuitName(), fields);
  }

  /** gnark's witness of a built batch, at the batch's capacities. */
  public static Witness witness(SettlementWitness w) {
    Capacities caps = w.capacities();
    WitnessLayout.Assignment a = layout(caps).assign();
    PublicInputs p = w.publicInputs();
    a.set("Commitment", p.commitment()).set("Challenge", p.challenge());
    a.set("Evaluation", p.evaluation());
    BatchHeader h = w.header();
    List<Fr> header =
        List.of(
            Fr.ofLong(h.chainId()),
            h.contract(),
            Fr.ofLong(h.batchNumber()),
            Fr.ofLong(h.batchTime()),
            h.accountsRoot(),
            h.marketsRoot(),
            Fr.ofLong(h.feePool()),
            Fr.ofLong(h.fundingPool()),
            Fr.ofLong(h.time()),
            Fr.ofLong(h.depositCount()),
            Fr.ofLong(h.deposits()));
    for (int i = 0; i < HEADER.size(); i++) {
      a.set("Header_" + HEADER.get(i), header.get(i));
    }
    fill(a, "Markets", caps.markets(), w.markets(), (r, v) -> market(r, v));
    fill(a, "Oracles", caps.oracles(), w.oracles(), (r, v) -> oracle(r, v));
    fill(a, "Accounts", caps.accounts(), w.accounts(), (r, v) -> account(r, caps.markets(), v));
    fill(a, "Deposits", caps.deposits(), w.deposits(), (r, v) -> deposit(r, v));
    fill(a, "Orders", caps.orders(), w.orders(), (r, v) -> order(r, v));
    fill(a, "Trades", caps.trades(), w.trades(), (r, v) -> trade(r, v));
    fill(a, "Withdrawals", caps.withdrawals(), w.withdrawals(), (r, v) -> withdrawal(r, v));
    fill(a, "Liquidations", caps.steps(), w.steps(), (r, v) -> step(r, v));
    for (int j = 0; j < caps.requests(); j++) {
      RequestRow r = j < w.requests().size() ? w.requests().get(j) : null;
      Row row = new Row();
      request(r, w.requestStart() + j, row);
      String prefix = "Requests_" + j + "_";
      row.fields.forEach((name, values) -> a.set(prefix + name, values));
    }
    fill(a, "Options", optionRows(caps), w.markets(), (r, v) -> option(r, v));
    fill(a, "Expiries", caps.expiries(), w.expiries(), (r, v) -> expiry(r, v));
    for (int j = 0; j < riskRows(caps); j++) {
      Row row = new Row();
      boolean used = j < w.risk().size();
      MarketRow m = used ? w.markets().get(j) : null;
      int underlyingRow = m != null && m.before().isOption() ? m.underlyingRow() : j;
      risk(used ? w.risk().get(j) : null, underlyingRow, row);
      String prefix = "Risk_" + j + "_";
      row.fields.forEach((name, values) -> a.set(prefix + name, values));
    }
    fill(a, "Switches", caps.switches(), w.switches(), (r, v) -> modeSwitch(r, v));
    if (caps.ownerData()) {
      a.set(OWNER_SCALAR, Fr.of(w.ephemeral()));
    }
    for (int j = 0; j < caps.blobs(); j++) {
      int at = caps.ownerDataAt() + Capacities.OWNER_HEADER + BlobSection.LENGTH * j;
      List<Fr> section = w.publicData().subList(at, at + BlobSection.LENGTH);
      a.set(BLOB + j + "_VersionedHash", section.subList(0, 2));
      a.set(BLOB + j + "_Z", section.get(2));
      a.set(BLOB + j + "_Value", section.subList(3, 5));
    }
    return a.witness();
  }

  /** A row's fields, in declaration order: name (within the row) to its elements. */
  private static final class Row {
    private final Map<String, List<Fr>> fields = new LinkedHashMap<>();

    Row put(String name, Fr value) {
      fields.put(name, List.of(value));
      return this;
    }

    Row put(String name, long value) {
      return put(name, Fr.ofLong(value));
    }

    Row put(String name, boolean value) {
      return put(name, value ? Fr.ONE : Fr.ZERO);
    }

    Row put(String name, List<Fr> values) {
      fields.put(name, List.copyOf(values));
      return this;
    }

    Row key(String name, KeyPoint k) {
      return put(name + "_X", k.x()).put(name + "_Y", k.y());
    }

    Row signature(EdDsaSignature s) {
      return put("Signature_R_X", s == null ? Fr.ZERO : s.rx())
          .put("Signature_R_Y", s == null ? Fr.ZERO : s.ry())
          .put("Signature_S", s == null ? Fr.ZERO : Fr.of(s.s()));
    }
  }

  /** The layout of a table: an unused row gives the shape of every row. */
  private static <T> void rows(
      List<WitnessField> out, String table, int n, BiConsumer<T, Row> rowOf) {
    Row shape = new Row();
    rowOf.accept(null, shape);
    for (int i = 0; i < n; i++) {
      for (Map.Entry<String, List<Fr>> f : shape.fields.entrySet()) {
        out.add(WitnessField.secret(table + "_" + i + "_" + f.getKey(), f.getValue().size()));
      }
    }
  }

  private static <T> void fill(
      WitnessLayout.Assignment a, String table, int n, List<T> rows, BiConsumer<T, Row> rowOf) {
    for (int i = 0; i < n; i++) {
      String prefix = table + "_" + i + "_";
      Row row = new Row();
      rowOf.accept(i < rows.size() ? rows.get(i) : null, row);
      row.fields.forEach((name, values) -> a.set(prefix + name, values));
    }
  }

  // Each row encoder below, called with a null row, writes an unused row: all zeros, of the right
  // lengths. That row is also the table's shape in the layout, so layout and encoding cannot drift
  // apart.

  private static void market(MarketRow r, Row v) {
    MarketLeafV2 m = r == null ? null : r.before();
    v.put("Used", r != null).put("ID", m == null ? 0 : m.id());
    v.put("Params", m == null ? zeros(MarketParams.COUNT) : m.params().elements());
    for (int s = 0; s < SOURCES; s++) {
      v.key("OracleKeys_" + s, m == null ? KeyPoint.NONE : m.oracleKeys().get(s));
    }
    v.put("Mark", m == null ? 0 : m.mark())
        .put("FundingIndex", m == null ? 0 : m.fundingIndex())
        .put("LastFundingTime", m == null ? 0 : m.lastFundingTime())
        .put("Funded", m != null && m.funded());
    for (int s = 0; s < SOURCES; s++) {
      v.put("Records_" + s + "_Price", m == null ? 0 : m.records().get(s).price());
      v.put("Records_" + s + "_PublishTime", m == null ? 0 : m.records().get(s).publishTime());
    }
    v.put("Siblings", r == null ? zeros(StateLayout.MARKET_DEPTH) : r.siblings());
    v.put("Tick", r != null && r.tick()).put("Rate", r == null ? 0 : r.rate());
  }

  /** With option rows, one per market row (Go settlement.OptionRow); a perpetual's is all zeros. */
  private static int optionRows(Capacities caps) {
    return caps.options() ? caps.markets() : 0;
  }

  private static void option(MarketRow r, Row v) {
    OptionTerms o = r == null ? null : r.before().option();
    v.put("IsOption", o != null)
        .put("Underlying", o == null ? 0 : o.underlyingMarket())
        .put("Kind", o == null ? 0 : o.kind())
        .put("Strike", o == null ? 0 : o.strike())
        .put("Expiry", o == null ? 0 : o.expiry())
        .put("ContractSize", o == null ? 0 : o.contractSize())
        .put("UnderlyingRow", o == null ? 0 : r.underlyingRow())
        .put("Mark", o == null ? 0 : r.optionMark())
        .put("Valid", o != null && r.optionValid())
        .put("Vol", o == null ? 0 : r.optionVol());
  }

  /** An expiry step (Go settlement.ExpiryStep). */
  private static void expiry(ExpiryRow r, Row v) {
    v.put("Used", r != null)
        .put("AccountRow", r == null ? 0 : r.accountRow())
        .put("Slot", r == null ? 0 : r.slot())
        .put("Settlement", r == null ? 0 : r.settlement())
        .put("Payoff", r == null ? 0 : r.payoff());
  }

  /** With portfolio margin, one risk row per market row (Go settlement.RiskRow). */
  private static int riskRows(Capacities caps) {
    return caps.portfolio() ? caps.markets() : 0;
  }

  /**
   * A risk row and the row of its underlying (an option's underlying's market row, else the row
   * itself); an unused row is zeros but for that.
   */
  private static void risk(RiskRow r, int underlyingRow, Row v) {
    RiskRow k = r == null ? RiskRow.UNUSED : r;
    v.put("Market", k.market())
        .put("Underlying", k.underlying())
        .put("RangePpm", k.rangePpm())
        .put("ShortMinimum", k.shortMinimum())
        .put("UnderlyingRow", underlyingRow)
        .put("Pnl", Arrays.stream(k.pnl()).mapToObj(Fr::ofLong).toList());
  }

  private static void oracle(OracleRow r, Row v) {
    v.put("Used", r != null)
        .put("MarketRow", r == null ? 0 : r.marketRow())
        .put("Source", r == null ? 0 : r.source())
        .put("Price", r == null ? 0 : r.price())
        .put("PublishTime", r == null ? 0 : r.publishTime());
    v.signature(r == null ? null : r.signature());
  }

  private static void account(AccountRow r, int noMarket, Row v) {
    AccountLeafV2 a = r == null ? null : r.before();
    v.put("Used", r != null)
        .put("Index", r == null ? 0 : r.index())
        .put("Exists", r != null && r.exists())
        .key("Key", a == null ? KeyPoint.NONE : a.key())
        .put("Blinding", a == null ? Fr.ZERO : a.blinding())
        .put("Extension", a == null ? Fr.ZERO : a.extension())
        .put("Collateral", a == null ? 0 : a.collateral())
        .put("Nonce", a == null ? 0 : a.nonce())
        .put("Mode", a == null ? 0 : a.mode())
        .put("FillsRoot", a == null ? Fr.ZERO : a.fillsRoot());
    List<Fr> slotMarkets = new ArrayList<>();
    for (int p = 0; p < SLOTS; p++) {
      PositionSlot s = a == null ? PositionSlot.EMPTY : a.slots().get(p);
      v.put("Slots_" + p + "_Market", s.market())
          .put("Slots_" + p + "_Size", s.size())
          .put("Slots_" + p + "_Cost", s.cost())
          .put("Slots_" + p + "_FundingIndex", s.fundingIndex());
      int row = r == null ? 0 : r.slotMarkets().get(p);
      slotMarkets.add(Fr.ofLong(row == AccountRow.NO_ROW ? noMarket : row));
    }
    v.put("SlotMarket", slotMarkets);
    v.put("Siblings", r == null ? zeros(StateLayout.ACCOUNT_DEPTH) : r.siblings());
  }

  private static void deposit(DepositRow r, Row v) {
    Deposit d = r == null ? null : r.deposit();
    v.put("Account", d == null ? 0 : d.account())
        .put("Amount", d == null ? 0 : d.amount())
        .put("Sender", d == null ? Fr.ZERO : d.sender())
        .key("Key", d == null ? KeyPoint.NONE : d.key())
        .put("Refund", d != null && d.refund())
        .put("Row", r == null || r.accountRow() == AccountRow.NO_ROW ? 0 : r.accountRow());
  }

  private static void order(OrderRow r, Row v) {
    var o = r == null ? null : r.order();
    v.put("Used", r != null)
        .put("AccountRow", r == null ? 0 : r.accountRow())
        .put("MarketRow", r == null ? 0 : r.marketRow())
        .put("ClientOrderID", o == null ? 0 : o.clientOrderId())
        .put("Side", o == null ? 0 : o.side())
        .put("Type", o == null ? 0 : o.type())
        .put("Price", o == null ? 0 : o.price())
        .put("Quantity", o == null ? 0 : o.quantity())
        .put("ReduceOnly", o == null ? 0 : o.reduceOnly())
        .put("Expiry", o == null ? 0 : o.expiry())
        .put("Stp", o == null ? 0 : o.stp());
    v.signature(r == null ? null : r.signature());
    v.put("FillEmpty", r != null && r.fillEmpty())
        .put("FillID", r == null ? 0 : r.fill().clientOrderId())
        .put("FillFilled", r == null ? 0 : r.fill().filled())
        .put("FillSiblings", r == null ? zeros(StateLayout.FILL_DEPTH) : r.fillSiblings());
  }

  private static void trade(TradeRow r, Row v) {
    v.put("Used", r != null)
        .put("Maker", r == null ? 0 : r.makerRow())
        .put("Taker", r == null ? 0 : r.takerRow())
        .put("Quantity", r == null ? 0 : r.quantity())
        .put("Price", r == null ? 0 : r.price())
        .put("MakerFee", r == null ? 0 : r.makerFee())
        .put("TakerFee", r == null ? 0 : r.takerFee())
        .put("MakerSlot", r == null ? 0 : r.makerSlot())
        .put("TakerSlot", r == null ? 0 : r.takerSlot());
  }

  private static void withdrawal(WithdrawalRow r, Row v) {
    v.put("Used", r != null)
        .put("AccountRow", r == null ? 0 : r.accountRow())
        .put("Amount", r == null ? 0 : r.amount())
        .put("Recipient", r == null ? Fr.ZERO : r.recipient());
    v.signature(r == null ? null : r.signature());
  }

  /** A switch slot (Go settlement.ModeSwitch); an unused one is zeros. */
  private static void modeSwitch(SwitchRow r, Row v) {
    v.put("Used", r != null)
        .put("AccountRow", r == null ? 0 : r.accountRow())
        .put("Mode", r == null ? 0 : r.mode())
        .put("RequestID", r == null ? 0 : r.requestId());
    v.signature(r == null ? null : r.signature());
    v.put("FillEmpty", r != null && r.fillEmpty())
        .put("FillID", r == null ? 0 : r.fill().clientOrderId())
        .put("FillFilled", r == null ? 0 : r.fill().filled())
        .put("FillSiblings", r == null ? zeros(StateLayout.FILL_DEPTH) : r.fillSiblings());
  }

  /** A request slot; an unused one is zeros but for its queue index (start + slot). */
  private static void request(RequestRow r, long queue, Row v) {
    ForcedRequest q = r == null ? null : r.request();
    v.put("Used", r != null)
        .put("Queue", queue)
        .put("AccountRow", r == null ? 0 : r.accountRow())
        .put("Account", q == null ? 0 : q.message().accountIndex())
        .put("Nonce", q == null ? 0 : q.message().nonce())
        .put("MaxAmount", q == null ? 0 : q.message().amount())
        .put("Recipient", q == null ? Fr.ZERO : q.message().recipient())
        .put("Signature_R_X", q == null ? Fr.ZERO : q.rx())
        .put("Signature_R_Y", q == null ? Fr.ZERO : q.ry())
        .put("Signature_S", q == null ? Fr.ZERO : Fr.of(q.s()));
  }

  private static void step(StepRow r, Row v) {
    v.put("Used", r != null)
        .put("Kind", r == null ? 0 : r.kind().code())
        .put("End", r != null && r.end())
        .put("AccountRow", r == null ? 0 : r.accountRow())
        .put("Slot", r == null ? 0 : r.slot())
        .put("OtherRow", r == null ? 0 : r.otherRow())
        .put("OtherSlot", r == null ? 0 : r.otherSlot())
        .put("Order", r == null ? 0 : r.order())
        .put("Quantity", r == null ? 0 : r.quantity())
        .put("Price", r == null ? 0 : r.price())
        .put("MakerFee", r == null ? 0 : r.makerFee())
        .put("TakerFee", r == null ? 0 : r.takerFee())
        .put("First", r != null && r.first())
        .put("Hold", r == null ? 0 : r.hold().code())
        .put("HoldSlot", r == null ? 0 : r.holdSlot())
        .put("HoldFundSlot", r == null ? 0 : r.holdFundSlot())
        .put("Covered", r == null ? 0 : r.covered())
        .put("Surplus", r == null ? 0 : r.surplus())
        .put("Uncovered", r == null ? 0 : r.uncovered());
  }

  private static List<Fr> zeros(int n) {
    return Collections.nCopies(n, Fr.ZERO);
  }
}
