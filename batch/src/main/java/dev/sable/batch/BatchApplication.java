package dev.sable.batch;

import dev.sable.batch.SettlementMath.FillEffect;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.Ecdh;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OrderMessage;
import dev.sable.state.FillSlotLeaf;
import dev.sable.state.LeafUpdate;
import dev.sable.state.StateLayout;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.GlobalState;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.Mark;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.OracleRecord;
import dev.sable.state.settlement.PositionSlot;
import dev.sable.state.settlement.SettlementLayout;
import dev.sable.state.settlement.StateDraft;
import dev.sable.state.settlement.StateHeader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One batch applied to a draft of the state, in the circuit's order (docs/settlement.md, "A batch";
 * Go ledger.State.Apply): ticks, prices, marks, the account table and its slots, deposits, orders
 * and their fill slots, trades, expiry steps, withdrawals, the end-of-batch rules, the liquidation
 * sweep, the forced withdrawal requests, and then the writes (account rows, then market rows, in
 * row order) and the witness.
 */
final class BatchApplication {
  private final Capacities caps;
  private final StateDraft draft;
  private final SettlementBatch batch;
  private final StateHeader header;
  private final Deployment deployment;
  private final long number;
  private final SettlementRules rules;

  private final Tables tables = new Tables();
  private final List<MarketWork> markets = tables.markets;
  private final Map<Long, Integer> marketRow = tables.marketRow;
  private final List<AccountWork> accounts = tables.accounts;
  private final Map<Long, Integer> accountRow = tables.accountRow;
  private final Positions positions;
  private final List<OracleRow> oracleRows = new ArrayList<>();
  private final List<DepositRow> depositRows = new ArrayList<>();
  private final List<OrderRow> orderRows = new ArrayList<>();
  private final List<TradeRow> tradeRows = new ArrayList<>();
  private final List<WithdrawalRow> withdrawalRows = new ArrayList<>();
  private final List<RequestRow> requestRows = new ArrayList<>();
  private List<ExpiryRow> expiryRows;
  private List<SwitchRow> switchRows;
  private LiquidationSweep sweep;
  private RiskTable risk; // null without portfolio capacities
  private Requirements requirements; // in each account's mode, once the risk rows are loaded
  private int fundRow = AccountRow.NO_ROW;
  private BigInteger fees;
  private final BigInteger ephemeral; // the owner data's e (null without the section)

  BatchApplication(Capacities caps, StateDraft draft, SettlementBatch batch, byte[] ownerSecret) {
    this.caps = caps;
    this.draft = draft;
    this.batch = batch;
    this.header = draft.header();
    this.deployment = header.deployment();
    this.number = header.batchNumber() + 1;
    this.rules = new SettlementRules(number, batch.time(), deployment);
    this.fees = BigInteger.valueOf(header.feePool());
    this.positions = new Positions(markets, rules, header.fundingPool(), batch.time());
    this.ephemeral = caps.ownerData() ? Ecdh.ephemeralScalar(ownerSecret, number) : null;
  }

  BuiltBatch run() {
    checkCapacities();
    GlobalState before = draft.global();
    rules.batchTime(header.time());
    loadMarkets();
    fundingTicks();
    oraclePrices();
    for (MarketWork m : markets) {
      Mark mark = m.markAt(batch.time());
      m.mark = mark.price();
      m.valid = mark.valid();
    }
    OptionRows.mark(tables, batch.optionMarks(), batch.time(), draft, rules);
    risk = RiskTable.load(caps, markets, batch.riskRows(), rules);
    requirements = new Requirements(positions, risk);
    loadAccounts();
    deposits();
    orders();
    trades();
    OptionExpiry expiry = new OptionExpiry(tables, batch.time(), rules);
    expiryRows = expiry.apply(batch.expiries());
    withdrawals();
    switchRows = MarginSwitches.apply(batch.switches(), tables, draft, rules);
    RiskTable.refuseOutOfScope(caps, tables, rules);
    endOfBatch();
    liquidations();
    requests();
    expiry.storePayoffMarks();
    rules.refuseIfBroken();
    return store(before);
  }

  private void checkCapacities() {
    fits("oracle prices", batch.prices().size(), caps.oracles());
    fits("deposits", batch.deposits().size(), caps.deposits());
    fits("trades", batch.trades().size(), caps.trades());
    fits("withdrawals", batch.withdrawals().size(), caps.withdrawals());
    fits("liquidation steps", LiquidationSweep.stepCount(batch), caps.steps());
    fits("forced withdrawal requests", batch.requests().size(), caps.requests());
    fits("expiry steps", batch.expiries().size(), caps.expiries());
    fits("margin-mode switches", batch.switches().size(), caps.switches());
  }

  private void fits(String what, int have, int capacity) {
    if (have > capacity) {
      throw new CapacityException(what, have, capacity, caps);
    }
  }

  /**
   * The accounts the batch changes: credited deposits, orders, withdrawals, margin-mode switches,
   * and in a sweep the liquidated accounts, their makers and ADL counterparties, and the fund; and
   * the accounts forced requests name (even one that does not exist: its row shows it has no key,
   * and the request is paid 0).
   */
  private TreeSet<Long> touchedAccounts() {
    TreeSet<Long> set = new TreeSet<>();
    batch.deposits().stream().filter(d -> !d.refund()).forEach(d -> set.add(d.account()));
    for (Trade t : batch.trades()) {
      set.add(t.maker().order().accountIndex());
      set.add(t.taker().order().accountIndex());
    }
    batch.withdrawals().forEach(w -> set.add(w.message().accountIndex()));
    batch.switches().forEach(s -> set.add(s.message().accountIndex()));
    for (Liquidation l : batch.liquidations()) {
      set.add(l.account());
      l.adl().ifPresent(d -> d.fills().forEach(f -> set.add(f.counterparty())));
    }
    closes().forEach(c -> set.add(c.maker().order().accountIndex()));
    if (LiquidationSweep.stepCount(batch) > 0) {
      set.add(SettlementLayout.FUND_ACCOUNT);
    }
    batch.requests().forEach(r -> set.add(r.message().accountIndex()));
    batch.expiries().forEach(e -> set.add(e.account()));
    return set;
  }

  /** The sweep's fills against signed orders, in step order: the closes, then the unwinds. */
  private List<Close> closes() {
    List<Close> out = new ArrayList<>();
    batch.liquidations().forEach(l -> out.addAll(l.closes()));
    out.addAll(batch.unwinds());
    return out;
  }

  /**
   * The market table: every market the batch ticks, prices or trades, and every market in which a
   * touched account holds a position, ascending by id.
   */
  private void loadMarkets() {
    TreeSet<Long> ids = new TreeSet<>();
    batch.fundingTicks().forEach(f -> ids.add(f.market()));
    batch.prices().forEach(p -> ids.add(p.price().marketId()));
    for (Trade t : batch.trades()) {
      ids.add(t.maker().order().marketId());
      ids.add(t.taker().order().marketId());
    }
    closes().forEach(c -> ids.add(c.maker().order().marketId()));
    // A takeover's or ADL fill's market is one the liquidated account holds (so already here for
    // an honest batch); listed so that a forged one is refused by its rule.
    for (Liquidation l : batch.liquidations()) {
      l.takeovers().forEach(t -> ids.add(t.market()));
      l.adl().ifPresent(d -> d.fills().forEach(f -> ids.add(f.market())));
    }
    for (long index : touchedAccounts()) {
      draft
          .account(index)
          .ifPresent(
              a -> a.slots().stream().filter(s -> !s.isEmpty()).forEach(s -> ids.add(s.market())));
    }
    OptionRows.addUnderlyings(ids, draft, caps, rules);
    fits("markets", ids.size(), caps.markets());
    for (long id : ids) {
      MarketLeafV2 m =
          draft
              .market(id)
              .orElseThrow(() -> rules.fail(Rule.UNKNOWN_MARKET, "market %d is not listed", id));
      marketRow.put(id, markets.size());
      markets.add(new MarketWork(m));
    }
  }

  private MarketWork market(long id) {
    return tables.market(id);
  }

  /** Ticks happen first: at the previous batch's time, with the mark at that time. */
  private void fundingTicks() {
    for (FundingTick f : batch.fundingTicks()) {
      MarketWork m = market(f.market());
      if (m.ticked) {
        throw rules.fail(Rule.FUNDING_TWICE, "market %d ticks twice in one batch", f.market());
      }
      if (m.before.isOption()) {
        rules.violate(Rule.OPTION_FUNDING, "option market %d has no funding", f.market());
      }
      Mark mark = m.markAt(header.time());
      rules.fundingTick(m, f.ratePpm(), mark, header.time());
      m.ticked = true;
      m.rate = f.ratePpm();
      m.fundingIndex =
          rules.int64(
              "funding index",
              BigInteger.valueOf(m.fundingIndex)
                  .add(BigInteger.valueOf(f.ratePpm()).multiply(BigInteger.valueOf(mark.price()))));
      m.lastFundingTime = header.time();
      m.funded = true;
    }
  }

  private void oraclePrices() {
    for (SignedPrice p : batch.prices()) {
      int row = marketRow.get(p.price().marketId());
      MarketWork m = markets.get(row);
      rules.oraclePrice(m, p);
      oracleRows.add(
          new OracleRow(
              row, p.price().source(), p.price().price(), p.price().publishTime(), p.signature()));
      m.records[(int) p.price().source()] =
          new OracleRecord(p.price().price(), p.price().publishTime());
    }
  }

  /**
   * The account table (touched accounts, ascending) and the position slots each fill uses: a slot
   * keeps its market while it holds a position; a market filled without one takes, in order of
   * first appearance (the trades, maker before taker, then the liquidation steps, the liquidated
   * side before the other), the lowest slot empty at the start of the batch and not yet assigned.
   * Then the funding every slot owes at the post-tick index.
   */
  private void loadAccounts() {
    TreeSet<Long> indices = touchedAccounts();
    fits("accounts", indices.size(), caps.accounts());
    for (long index : indices) {
      Optional<AccountLeafV2> existing = draft.account(index);
      AccountWork a =
          existing
              .map(leaf -> new AccountWork(index, true, leaf))
              .orElseGet(() -> new AccountWork(index, false, created(index)));
      for (int p = 0; p < AccountWork.SLOTS; p++) {
        PositionSlot s = a.before.slots().get(p);
        if (!s.isEmpty()) {
          a.slotMarket[p] = marketRow.get(s.market());
        }
      }
      accountRow.put(index, accounts.size());
      accounts.add(a);
    }
    if (LiquidationSweep.stepCount(batch) > 0) {
      fundRow = accountRow.get(SettlementLayout.FUND_ACCOUNT);
    }
    for (long[] use : slotUses()) {
      slot(use[0], marketRow.get(use[1]));
    }
    accounts.forEach(positions::owe);
    batch.withdrawals().forEach(w -> account(w.message().accountIndex()).withdrew = true);
  }

  /** Every fill's two sides as (account, market), in slot-assignment order. */
  private List<long[]> slotUses() {
    List<long[]> out = new ArrayList<>();
    for (Trade t : batch.trades()) {
      for (OrderMessage o : List.of(t.maker().order(), t.taker().order())) {
        out.add(new long[] {o.accountIndex(), o.marketId()});
      }
    }
    for (Liquidation l : batch.liquidations()) {
      for (Close c : l.closes()) {
        OrderMessage o = c.maker().order();
        out.add(new long[] {l.account(), o.marketId()});
        out.add(new long[] {o.accountIndex(), o.marketId()});
      }
      for (Takeover t : l.takeovers()) {
        out.add(new long[] {l.account(), t.market()});
        out.add(new long[] {SettlementLayout.FUND_ACCOUNT, t.market()});
      }
      l.adl()
          .ifPresent(
              d ->
                  d.fills()
                      .forEach(
                          f -> {
                            out.add(new long[] {l.account(), f.market()});
                            out.add(new long[] {f.counterparty(), f.market()});
                          }));
    }
    for (Close c : batch.unwinds()) {
      OrderMessage o = c.maker().order();
      out.add(new long[] {SettlementLayout.FUND_ACCOUNT, o.marketId()});
      out.add(new long[] {o.accountIndex(), o.marketId()});
    }
    return out;
  }

  /** A new account as the batch's first credited deposit to it creates it. */
  private AccountLeafV2 created(long index) {
    return batch.deposits().stream()
        .filter(d -> d.account() == index && !d.refund())
        .findFirst()
        .map(d -> AccountLeafV2.opened(d.key(), d.blinding()))
        .orElse(AccountLeafV2.opened(KeyPoint.NONE, Fr.ZERO));
  }

  private boolean requested(long index) {
    return batch.requests().stream().anyMatch(r -> r.message().accountIndex() == index);
  }

  private AccountWork account(long index) {
    return tables.account(index);
  }

  private int slot(long account, int marketRow) {
    int p = account(account).slotOf(marketRow);
    if (p < 0) {
      throw rules.fail(
          Rule.POSITION_SLOTS,
          "account %d would hold more than %d positions",
          account,
          AccountWork.SLOTS);
    }
    return p;
  }

  private void deposits() {
    for (Deposit d : batch.deposits()) {
      int row = AccountRow.NO_ROW;
      if (!d.refund()) {
        row = accountRow.get(d.account());
        AccountWork a = accounts.get(row);
        rules.deposit(a, d);
        a.credited = true;
        a.collateral = a.collateral.add(BigInteger.valueOf(d.amount()));
      }
      depositRows.add(new DepositRow(d, row));
    }
  }

  /**
   * The order table (each signed order once, in order of first appearance in the trades, maker
   * before taker, then in the sweep's closes and unwinds), then each row's fill slot with
   * everything the batch fills, in row order.
   */
  private void orders() {
    List<BigInteger> filled = new ArrayList<>();
    List<SignedOrder> orderTable = tables.orders;
    for (Map.Entry<SignedOrder, Long> fill : signedFills()) {
      SignedOrder o = fill.getKey();
      Integer row = tables.orderRow.get(o);
      if (row == null) {
        row = orderTable.size();
        fits("orders", row + 1, caps.orders());
        tables.orderRow.put(o, row);
        orderTable.add(o);
        filled.add(BigInteger.ZERO);
        rules.order(account(o.order().accountIndex()), o);
      }
      filled.set(row, filled.get(row).add(BigInteger.valueOf(fill.getValue())));
    }
    for (int row = 0; row < orderTable.size(); row++) {
      fillSlot(orderTable.get(row), filled.get(row));
    }
  }

  /** The signed side of every fill and its quantity, in order-table order. */
  private List<Map.Entry<SignedOrder, Long>> signedFills() {
    List<Map.Entry<SignedOrder, Long>> out = new ArrayList<>();
    for (Trade t : batch.trades()) {
      out.add(Map.entry(t.maker(), t.quantity()));
      out.add(Map.entry(t.taker(), t.quantity()));
    }
    closes().forEach(c -> out.add(Map.entry(c.maker(), c.quantity())));
    return out;
  }

  private void fillSlot(SignedOrder signed, BigInteger filled) {
    OrderMessage o = signed.order();
    AccountWork a = account(o.accountIndex());
    long slot = o.clientOrderId() & ((1L << StateLayout.FILL_DEPTH) - 1);
    Optional<FillSlotLeaf> old = draft.fillSlot(o.accountIndex(), slot);
    long total = rules.fillSlot(o, old, rules.int64("filled quantity", filled));
    LeafUpdate u =
        draft.putFillSlot(o.accountIndex(), slot, new FillSlotLeaf(o.clientOrderId(), total));
    a.fillsRoot = u.newRoot();
    orderRows.add(
        new OrderRow(
            accountRow.get(o.accountIndex()),
            marketRow.get(o.marketId()),
            o,
            signed.signature(),
            old.isEmpty(),
            old.orElse(new FillSlotLeaf(0, 0)),
            u.siblings()));
  }

  private void trades() {
    for (Trade t : batch.trades()) {
      MarketWork m = market(t.maker().order().marketId());
      rules.trade(t, m.params());
      fees = fees.add(BigInteger.valueOf(t.makerFee())).add(BigInteger.valueOf(t.takerFee()));
      int makerSlot = leg(t.maker().order(), m, t.quantity(), t.price(), t.makerFee());
      int takerSlot = leg(t.taker().order(), m, t.quantity(), t.price(), t.takerFee());
      tradeRows.add(
          new TradeRow(
              tables.orderRow.get(t.maker()),
              tables.orderRow.get(t.taker()),
              t.quantity(),
              t.price(),
              t.makerFee(),
              t.takerFee(),
              makerSlot,
              takerSlot));
    }
  }

  /** One side of a fill, in the trade's (the maker's) market; returns the position slot used. */
  private int leg(OrderMessage o, MarketWork m, long q, long price, long fee) {
    AccountWork a = account(o.accountIndex());
    int slot = slot(o.accountIndex(), marketRow.get(m.id()));
    FillEffect f = positions.leg(a, slot, m, o.side() == 0, q, price, fee);
    rules.reduceOnly(o, f);
    if (!f.pure()) {
      a.needsMargin = true;
    }
    return slot;
  }

  private void withdrawals() {
    for (Withdrawal w : batch.withdrawals()) {
      int row = accountRow.get(w.message().accountIndex());
      AccountWork a = accounts.get(row);
      long nonce = a.before.nonce() + a.withdrawals;
      a.withdrawals++;
      rules.withdrawal(a, w, nonce);
      withdrawalRows.add(
          new WithdrawalRow(row, w.message().amount(), w.message().recipient(), w.signature()));
      positions.settleAll(a);
      a.collateral = a.collateral.subtract(BigInteger.valueOf(w.message().amount()));
      a.needsMargin = true;
    }
  }

  private void endOfBatch() {
    for (AccountWork a : accounts) {
      rules.endOfBatch(a, positions, requirements::initial);
    }
    rules.feePool(fees);
  }

  /** The sweep that ends the batch, then the ranges of what the state stores. */
  private void liquidations() {
    sweep = new LiquidationSweep(batch, tables, positions, requirements, rules, fundRow);
    fees = fees.add(sweep.run());
    for (AccountWork a : accounts) {
      rules.int64("collateral", a.collateral);
    }
    rules.int64("fee pool", fees);
    rules.int64("funding pool", positions.funding());
  }

  /**
   * Serves the forced requests in queue order on what the rest of the batch left (Go ledger
   * applier.requests): a valid one settles the account's funding, pays min(maxAmount, max(0,
   * min(collateral, equity - initial requirement))) at the batch's marks (the portfolio one for a
   * portfolio account) and increases the nonce; any other is paid 0.
   */
  private void requests() {
    Set<Long> seen = new HashSet<>();
    for (ForcedRequest r : batch.requests()) {
      long index = r.message().accountIndex();
      int row = accountRow.get(index);
      AccountWork a = accounts.get(row);
      if (!seen.add(index)) {
        rules.violate(Rule.REQUEST_ACCOUNT, "account %d has two requests in the batch", index);
      }
      long paid = 0;
      if (rules.forcedRequestValid(a, r)) {
        positions.settleAll(a);
        BigInteger free = positions.equity(a).subtract(requirements.initial(a));
        paid =
            a.collateral
                .min(free)
                .max(BigInteger.ZERO)
                .min(BigInteger.valueOf(r.message().amount()))
                .longValueExact();
        a.collateral = a.collateral.subtract(BigInteger.valueOf(paid));
        a.served++;
      }
      requestRows.add(new RequestRow(row, r, paid));
    }
  }

  /** Writes the account rows, then the market rows, in row order, then the header. */
  private BuiltBatch store(GlobalState before) {
    List<AccountRow> accountRows = new ArrayList<>();
    List<AccountLeafV2> accountsAfter = new ArrayList<>();
    List<Fr> rowRoots = new ArrayList<>();
    OwnerSection owner = caps.ownerData() ? new OwnerSection(ephemeral, number) : null;
    for (AccountWork a : accounts) {
      AccountLeafV2 after =
          a.before
              .with(
                  a.collateral.longValueExact(),
                  a.before.nonce() + a.withdrawals + a.served,
                  a.fillsRoot,
                  slotsAfter(a))
              .withMode(a.mode);
      LeafUpdate u;
      if (a.existsAfter()) {
        u = draft.putAccount(a.index, after);
      } else if (requested(a.index)) {
        u = draft.absentAccount(a.index); // read only to serve a request: its leaf stays 0
      } else {
        throw new IllegalStateException("account row " + a.index + " without an account");
      }
      accountRows.add(
          new AccountRow(
              a.index,
              a.exists,
              a.before,
              Arrays.stream(a.slotMarket).boxed().toList(),
              u.siblings()));
      accountsAfter.add(after);
      rowRoots.add(u.newRoot());
      if (owner != null) {
        owner.add(a.index, after, a.existsAfter());
      }
    }
    List<MarketRow> marketRows = new ArrayList<>();
    List<MarketLeafV2> marketsAfter = new ArrayList<>();
    for (MarketWork m : markets) {
      MarketLeafV2 after = m.after();
      LeafUpdate u = draft.putMarket(after);
      marketRows.add(
          new MarketRow(
              m.before,
              u.siblings(),
              m.ticked,
              m.rate,
              m.underlyingRow,
              m.committedMark,
              m.valid,
              m.volPpm));
      marketsAfter.add(after);
    }
    draft.putHeader(
        header.after(
            number,
            fees.longValueExact(),
            positions.funding().longValueExact(),
            batch.time(),
            header.depositCount() + batch.deposits().size()));
    GlobalState after = draft.global();
    BatchHeader h =
        new BatchHeader(
            deployment.chainId(),
            deployment.contract(),
            number,
            batch.time(),
            before.accountsRoot(),
            before.marketsRoot(),
            before.feePool(),
            before.fundingPool(),
            before.time(),
            before.depositCount(),
            batch.deposits().size());
    List<Fr> d =
        PublicData.of(
            caps,
            h,
            before.root(),
            after.root(),
            batch.deposits(),
            withdrawalRows,
            markets,
            sweep.publicData(),
            batch.requestStart(),
            requestRows,
            owner == null ? List.of() : owner.elements(caps, after),
            risk);
    SettlementWitness w =
        new SettlementWitness(
            caps,
            h,
            marketRows,
            oracleRows,
            accountRows,
            depositRows,
            orderRows,
            tradeRows,
            withdrawalRows,
            sweep.steps(),
            requestRows,
            batch.requestStart(),
            before.root(),
            after.root(),
            rowRoots,
            d,
            PublicInputs.bind(d),
            ephemeral,
            risk == null ? List.of() : risk.rows(),
            expiryRows,
            switchRows,
            owner == null ? List.of() : owner.blobData(caps));
    return new BuiltBatch(
        w,
        SettlementCircuit.witness(w),
        accountsAfter,
        marketsAfter,
        before,
        after,
        draft.change());
  }

  private List<PositionSlot> slotsAfter(AccountWork a) {
    List<PositionSlot> slots = new ArrayList<>(AccountWork.SLOTS);
    for (int p = 0; p < AccountWork.SLOTS; p++) {
      slots.add(
          a.sizes[p] == 0
              ? PositionSlot.EMPTY
              : new PositionSlot(
                  markets.get(a.slotMarket[p]).id(), a.sizes[p], a.costs[p], a.fundingIndexes[p]));
    }
    return slots;
  }
}
