package dev.sable.batch;

import dev.sable.batch.SettlementMath.FillEffect;
import dev.sable.crypto.Fr;
import dev.sable.crypto.PackedWord;
import dev.sable.crypto.PackedWord.Lane;
import dev.sable.state.StateLayout;
import dev.sable.state.settlement.SettlementLayout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The liquidation sweep that ends a batch (docs/settlement.md, "Liquidations"; Go
 * circuits/ledger/sweep.go): each liquidation in the sequencer's order (its start, its closes into
 * the book, the fund's takeovers or a cover and ADL fills, and its end), then the fund's unwinding
 * fills. It applies every step to the tables, checks it ({@link LiquidationRules}) and records its
 * row and public element.
 */
final class LiquidationSweep {
  private final SettlementBatch batch;
  private final Tables tables;
  private final Positions positions;
  private final Requirements requirements;
  private final SettlementRules rules;
  private final LiquidationRules check;
  private final int fundRow;

  private final List<StepRow> steps = new ArrayList<>();
  private final List<long[]> extras = new ArrayList<>(); // per step: ADL market id, score
  private BigInteger fees = BigInteger.ZERO;

  private AccountWork cur; // the account under liquidation
  private int curRow;
  private StepKind branch; // null while undecided, TAKEOVER or COVER
  private BigInteger debt = BigInteger.ZERO; // ADL: what the first market's price absorbs
  private Group group = Group.NONE;

  /** The ADL fills of one market: its row and price, and the last counterparty's rank. */
  private record Group(boolean active, int row, long price, BigInteger key, boolean fund) {
    static final Group NONE = new Group(false, 0, 0, BigInteger.ZERO, false);
  }

  LiquidationSweep(
      SettlementBatch batch,
      Tables tables,
      Positions positions,
      Requirements requirements,
      SettlementRules rules,
      int fundRow) {
    this.batch = batch;
    this.tables = tables;
    this.positions = positions;
    this.requirements = requirements;
    this.rules = rules;
    this.check = new LiquidationRules(rules);
    this.fundRow = fundRow;
  }

  /**
   * The number of steps a batch's sweep takes: per liquidation one start, its closes, its takeovers
   * or a cover and its ADL fills, and an end step when its last event is a close (otherwise the
   * last step carries the end); then one per unwind fill.
   */
  static int stepCount(SettlementBatch b) {
    int n = b.unwinds().size();
    for (Liquidation l : b.liquidations()) {
      n += l.steps();
    }
    return n;
  }

  /** Runs the sweep; the fees its fills charged go to the fee pool. */
  BigInteger run() {
    for (Liquidation l : batch.liquidations()) {
      liquidation(l);
    }
    for (Close c : batch.unwinds()) {
      close(c, StepKind.UNWIND);
    }
    return fees;
  }

  List<StepRow> steps() {
    return steps;
  }

  /**
   * Each step's public element: kind + 2^3 end + 2^8 market + 2^16 price + 2^80 (score + 2^63) +
   * 2^144 uncovered (market, price and score only for an ADL fill).
   */
  List<Fr> publicData() {
    List<Fr> d = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      StepRow r = steps.get(i);
      boolean adl = r.kind() == StepKind.ADL;
      d.add(
          PackedWord.pack(
              Lane.unsigned(r.kind().code(), 0),
              Lane.unsigned(r.end() ? 1 : 0, 3),
              Lane.unsigned(adl ? extras.get(i)[0] : 0, 8),
              Lane.unsigned(adl ? r.price() : 0, 16),
              adl ? Lane.signed(extras.get(i)[1], 80) : Lane.unsigned(0, 80),
              Lane.unsigned(r.uncovered(), 144)));
    }
    return d;
  }

  private void emit(StepRow r, long market, long score) {
    steps.add(r);
    extras.add(new long[] {market, score});
  }

  private AccountWork fund() {
    return tables.accounts.get(fundRow);
  }

  private void liquidation(Liquidation l) {
    start(l.account());
    l.closes().forEach(c -> close(c, StepKind.CLOSE));
    l.takeovers().forEach(this::takeover);
    l.adl()
        .ifPresent(
            d -> {
              cover(d.covered());
              d.fills().forEach(this::adl);
            });
    if (l.endsWithEndStep()) {
      emit(StepRow.of(StepKind.END, curRow), 0, 0);
    }
    end(l);
  }

  /** The account falls under liquidation; its funding is settled. */
  private void start(long account) {
    int row = tables.accountRow.get(account);
    AccountWork a = tables.accounts.get(row);
    boolean valid = true;
    for (int p = 0; p < AccountWork.SLOTS; p++) {
      if (a.sizes[p] != 0 && !tables.markets.get(a.slotMarket[p]).valid) {
        valid = false;
      }
    }
    positions.settleAll(a);
    check.start(a, valid, positions.equity(a), requirements.maintenance(a));
    cur = a;
    curRow = row;
    branch = null;
    group = Group.NONE;
    emit(StepRow.of(StepKind.LIQUIDATE, row), 0, 0);
  }

  /**
   * A close into the book (the liquidated account's) or an unwind (the fund's): the unsigned side
   * reduces its position against a resting signed order; a maker whose fill adds risk meets the
   * margin rule after it.
   */
  private void close(Close c, StepKind kind) {
    AccountWork unsigned = kind == StepKind.UNWIND ? fund() : cur;
    int row = kind == StepKind.UNWIND ? fundRow : curRow;
    var o = c.maker().order();
    int mr = tables.marketRow.get(o.marketId());
    MarketWork m = tables.markets.get(mr);
    int slot = unsigned.slotOf(mr);
    int makerRow = tables.accountRow.get(o.accountIndex());
    AccountWork maker = tables.accounts.get(makerRow);
    int makerSlot = maker.slotOf(mr);
    boolean buy = unsigned.sizes[slot] < 0;
    check.close(c, makerRow == row, buy, m);
    fees = fees.add(BigInteger.valueOf(c.makerFee())).add(BigInteger.valueOf(c.takerFee()));
    check.reduces(
        unsigned,
        positions.leg(unsigned, slot, m, buy, c.quantity(), c.price(), c.takerFee()),
        "close");
    FillEffect f = positions.leg(maker, makerSlot, m, !buy, c.quantity(), c.price(), c.makerFee());
    rules.reduceOnly(o, f);
    if (!f.pure()) {
      rules.initialMargin(maker, positions.equity(maker), requirements.initial(maker));
    }
    emit(
        StepRow.fill(
            kind,
            row,
            slot,
            makerRow,
            makerSlot,
            tables.orderRow.get(c.maker()),
            c.quantity(),
            c.price(),
            c.makerFee(),
            c.takerFee(),
            false),
        0,
        0);
  }

  /** The fund takes the whole position over at the mark; the first takeover decides the branch. */
  private void takeover(Takeover t) {
    AccountWork a = cur;
    AccountWork fund = fund();
    int mr = tables.marketRow.get(t.market());
    MarketWork m = tables.markets.get(mr);
    int slot = a.slotOf(mr);
    int fundSlot = fund.slotOf(mr);
    long size = a.sizes[slot];
    check.takeover(t, size, m);
    if (branch == null) {
      check.takeoverAllowed(a, positions.equity(a), fund.collateral);
      branch = StepKind.TAKEOVER;
    }
    check.reduces(a, positions.leg(a, slot, m, size < 0, t.quantity(), t.price(), 0), "takeover");
    positions.leg(fund, fundSlot, m, size >= 0, t.quantity(), t.price(), 0);
    emit(
        StepRow.fill(
            StepKind.TAKEOVER,
            curRow,
            slot,
            fundRow,
            fundSlot,
            0,
            t.quantity(),
            t.price(),
            0,
            0,
            false),
        0,
        0);
  }

  /**
   * Auto-deleveraging starts, only when the fund cannot take over: the fund pays what it can of a
   * negative equity; the rest is the deficit the first ADL market's price absorbs.
   */
  private void cover(long covered) {
    AccountWork a = cur;
    AccountWork fund = fund();
    check.coverInSequence(a, branch != null, flat(a));
    BigInteger equity = positions.equity(a);
    StepRow hold = cannotTakeOver(equity, fund.collateral);
    BigInteger expected = positive(fund.collateral).min(positive(equity.negate()));
    check.cover(a, hold != null, covered, expected);
    a.collateral = a.collateral.add(BigInteger.valueOf(covered));
    fund.collateral = fund.collateral.subtract(BigInteger.valueOf(covered));
    debt = positive(equity.add(BigInteger.valueOf(covered)).negate());
    branch = StepKind.COVER;
    StepRow r = hold == null ? StepRow.of(StepKind.COVER, curRow) : hold;
    emit(r.withHold(r.hold(), r.holdSlot(), r.holdFundSlot(), covered), 0, 0);
  }

  /**
   * Why the fund cannot take the account over (a cover row carrying it), in this order: it cannot
   * pay the deficit; else the first of the account's positions (by slot) whose market the fund
   * cannot hold, because its position there would pass maxPosition or it has no slot for it. Null
   * when it can take it over.
   */
  private StepRow cannotTakeOver(BigInteger equity, BigInteger fundCollateral) {
    StepRow cover = StepRow.of(StepKind.COVER, curRow);
    if (equity.add(positive(fundCollateral)).signum() < 0) {
      return cover;
    }
    AccountWork fund = fund();
    for (int p = 0; p < AccountWork.SLOTS; p++) {
      if (cur.sizes[p] == 0) {
        continue;
      }
      int mr = cur.slotMarket[p];
      boolean held = false;
      boolean free = false;
      for (int f = 0; f < AccountWork.SLOTS; f++) {
        free |= fund.slotMarket[f] == AccountRow.NO_ROW;
        if (fund.slotMarket[f] != mr) {
          continue;
        }
        held = true;
        long bound = tables.markets.get(mr).params().maxPosition();
        if (Math.abs(fund.sizes[f] + cur.sizes[p]) > bound) {
          return cover.withHold(Hold.BOUND, p, f, 0);
        }
      }
      if (!held && !free) {
        return cover.withHold(Hold.SLOTS, p, 0, 0);
      }
    }
    return null;
  }

  /**
   * An ADL fill: closes part of the account's position against a counterparty's opposite one. The
   * first market's price absorbs the deficit, the others close at the mark; within a market,
   * counterparties by decreasing score (value at the mark minus funding owed), then ascending
   * index, the fund last.
   */
  private void adl(AdlFill f) {
    AccountWork a = cur;
    int mr = tables.marketRow.get(f.market());
    MarketWork m = tables.markets.get(mr);
    int cpRow = tables.accountRow.get(f.counterparty());
    AccountWork cp = tables.accounts.get(cpRow);
    int slot = a.slotOf(mr);
    int cpSlot = cp.slotOf(mr);
    long size = a.sizes[slot];
    boolean first = !group.active() || group.row() != mr;
    if (first) {
      startGroup(mr, m, size);
    }
    BigInteger score = positions.value(cp, cpSlot);
    BigInteger key = rankKey(score, cp.index);
    boolean isFund = cp.index == SettlementLayout.FUND_ACCOUNT;
    boolean outOfRank = !first && (group.fund() || !isFund && key.compareTo(group.key()) >= 0);
    long price = group.price();
    group = new Group(true, group.row(), price, key, isFund);
    FillEffect closing = positions.leg(a, slot, m, size < 0, f.quantity(), f.price(), 0);
    FillEffect other = positions.leg(cp, cpSlot, m, size >= 0, f.quantity(), f.price(), 0);
    check.adl(f, a, cp, price, outOfRank, closing, other);
    emit(
        StepRow.fill(
            StepKind.ADL, curRow, slot, cpRow, cpSlot, 0, f.quantity(), f.price(), 0, 0, first),
        m.id(),
        rules.int64("score", score));
  }

  /** A market's ADL fills begin: markets ascend; the first one's price absorbs the deficit. */
  private void startGroup(int mr, MarketWork m, long size) {
    if (group.active() && mr <= group.row()) {
      check.adlMarketOrder(mr, group.row());
    }
    BigInteger shift =
        size == 0
            ? BigInteger.ZERO
            : SettlementMath.ceilDiv(debt, BigInteger.valueOf(Math.abs(size)));
    BigInteger mark = BigInteger.valueOf(m.mark);
    BigInteger price =
        size > 0
            ? mark.add(shift).min(BigInteger.valueOf(m.params().maxPrice()))
            : mark.subtract(shift).max(BigInteger.ONE);
    debt = BigInteger.ZERO;
    group = new Group(true, mr, price.longValueExact(), BigInteger.ZERO, false);
  }

  /** score * 2^24 + (2^24 - 1 - index): strictly decreasing along a market's fills. */
  private static BigInteger rankKey(BigInteger score, long index) {
    return score
        .shiftLeft(StateLayout.ACCOUNT_DEPTH)
        .add(BigInteger.valueOf((1L << StateLayout.ACCOUNT_DEPTH) - 1 - index));
  }

  /**
   * The liquidation ends: the account is flat; after takeovers its positive collateral goes to the
   * fund; a negative one the fund pays as far as it can; the rest is the uncovered deficit.
   */
  private void end(Liquidation l) {
    AccountWork a = cur;
    AccountWork fund = fund();
    BigInteger collateral = a.collateral;
    BigInteger surplus = branch == StepKind.TAKEOVER ? positive(collateral) : BigInteger.ZERO;
    collateral = collateral.subtract(BigInteger.valueOf(l.surplus()));
    BigInteger cover =
        positive(fund.collateral.add(BigInteger.valueOf(l.surplus())))
            .min(positive(collateral.negate()));
    BigInteger uncovered = positive(collateral.add(BigInteger.valueOf(l.covered())).negate());
    check.end(a, l, flat(a), surplus, cover, uncovered);
    BigInteger net = BigInteger.valueOf(l.covered() - l.surplus());
    a.collateral = a.collateral.add(net);
    fund.collateral = fund.collateral.subtract(net);
    int last = steps.size() - 1;
    steps.set(last, steps.get(last).ending(l.surplus(), l.covered(), l.uncovered()));
    cur = null;
  }

  private static boolean flat(AccountWork a) {
    for (long size : a.sizes) {
      if (size != 0) {
        return false;
      }
    }
    return true;
  }

  private static BigInteger positive(BigInteger x) {
    return x.max(BigInteger.ZERO);
  }
}
