package dev.sable.sequencer.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.TestExchange;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.margin.Exposure;
import dev.sable.sequencer.margin.Margin;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.market.OptionTerms;
import dev.sable.sequencer.math.Fixed;
import java.math.BigInteger;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link Margin#fillAllowed} and {@link Margin#checkOrder} (cross margin), which sum an account's
 * exposure, equity and requirement in one pass over its markets, decide exactly as the formulas
 * they replaced: {@link Reference} keeps those (three passes, each market's funding owed and
 * requirement computed twice). Accounts are built directly (this test sits in the core package for
 * that), with every field drawn from random and extreme values within the state's bounds
 * (docs/sequencer.md "Bounds"): sizes up to {@code maxPosition} either way or zero with open
 * orders, costs and funding owed of either sign, collateral from -2^62 to 2^62 and beyond (negative
 * equity, the exact-sum fallback), marks from 1 to {@code maxPrice}, invalid marks, option markets
 * margined on their underlying, and fills that reduce, open or flip a position. An outcome is the
 * decision or an {@link ArithmeticException}; both must agree on every case.
 */
class FusedMarginChecksPropertyTest {
  private static final int CASES = 4_000;

  @Property(tries = 25)
  void fusedChecksDecideAsTheSeparateFormulas(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int decidedOnMargin = 0;
    for (int c = 0; c < CASES; c++) {
      Scenario s = Scenario.random(r);
      Margin margin = new Margin(s.state);
      Market m = s.state.market(r.nextInt(s.state.marketCount()));
      long price = 1 + Math.floorMod(r.nextLong(), m.spec().maxPrice());
      long quantity = quantity(r, m.spec().maxPosition());
      boolean buy = r.nextBoolean();

      long signed = buy ? quantity : -quantity;
      boolean taker = r.nextBoolean();
      Object fused = outcome(() -> fillAllowed(margin, s.account, m, signed, price, taker));
      Object reference =
          outcome(() -> Reference.fillAllowed(s.state, s.account, m, signed, price, taker));
      assertThat(fused)
          .as("fill %s of %d at %d on %s", taker, signed, price, s)
          .isEqualTo(reference);

      long replaced = r.nextInt(4) == 0 ? quantity(r, m.spec().maxPosition()) : 0;
      boolean worse = replaced != 0 && r.nextBoolean();
      Object fusedOrder =
          outcome(() -> margin.checkOrder(s.account, m, buy, price, quantity, replaced, worse));
      Object referenceOrder =
          outcome(
              () ->
                  Reference.checkOrder(
                      s.state, s.account, m, buy, price, quantity, replaced, worse));
      assertThat(fusedOrder)
          .as("order buy=%s %d at %d replacing %d on %s", buy, quantity, price, replaced, s)
          .isEqualTo(referenceOrder);
      if (referenceOrder == RejectReason.INSUFFICIENT_MARGIN || Boolean.FALSE.equals(reference)) {
        decidedOnMargin++;
      }
    }
    // the cases reach the margin comparison, not only the early exits
    assertThat(decidedOnMargin).isGreaterThan(CASES / 20);
  }

  /**
   * The fill check with the sums an account keeps over its other markets ({@link Account#keepSums})
   * decides as the full formulas after random sequences of what happens between fills: the traded
   * market's row and the collateral drawn anew (what a trade changes: the kept sums stay), another
   * market traded next with nothing else changed (the kept sums shifted from one market to the
   * other), another market's row drawn anew (they must be dropped), or a mark or funding index
   * moved through {@link MarketControl} (they must not be used at the new epoch). Sums kept past
   * any of the last two would decide on the old rows or marks.
   */
  @Property(tries = 25)
  void keptSumsDecideAsTheFullFormulasAcrossFills(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int keptUsed = 0;
    int shifted = 0;
    int decidedOnMargin = 0;
    for (int c = 0; c < CASES / 8; c++) {
      Scenario s = Scenario.random(r);
      Margin margin = new Margin(s.state);
      MarketControl control = new MarketControl(s.state, e -> {}, ArrayOrderBook::new);
      Market m = s.state.market(r.nextInt(s.state.marketCount()));
      boolean taker = r.nextBoolean();
      for (int fill = 0; fill < 16; fill++) {
        if (fill > 0) {
          switch (r.nextInt(5)) {
            case 0 -> {
              s.drawRow(r, m.id());
              s.drawCollateral(r);
            }
            case 1 -> m = s.state.market(r.nextInt(s.state.marketCount()));
            case 2 -> s.drawRow(r, r.nextInt(s.state.marketCount()));
            case 3 -> {
              Market moved = s.state.market(r.nextInt(s.state.marketCount()));
              long mark = Scenario.pick(r, 1, moved.spec().maxPrice());
              if (!moved.isOption() && r.nextBoolean()) {
                control.recordOracle(moved, 0, mark, s.state.now());
                control.refreshMark(moved); // a perpetual's mark from its sources
              } else {
                control.setModelMark(moved, mark, true);
              }
            }
            default -> {
              Market moved = s.state.market(r.nextInt(s.state.marketCount()));
              long maxIndex = moved.spec().maxFundingIndex();
              long room = maxIndex - Math.abs(moved.fundingIndex);
              long rate = moved.mark == 0 ? 0 : Math.min(1 + r.nextInt(1_000), room / moved.mark);
              control.applyFunding(moved, r.nextBoolean() ? rate : -rate);
            }
          }
          taker = r.nextBoolean();
        }
        int kept = s.account.sumsMarket(s.state.marketEpoch());
        Market traded = m;
        long price = 1 + Math.floorMod(r.nextLong(), traded.spec().maxPrice());
        long quantity = quantity(r, traded.spec().maxPosition());
        long signed = r.nextBoolean() ? quantity : -quantity;
        boolean side = taker;
        Object withKept =
            outcome(() -> fillAllowed(margin, s.account, traded, signed, price, side));
        Object reference =
            outcome(() -> Reference.fillAllowed(s.state, s.account, traded, signed, price, side));
        assertThat(withKept)
            .as(
                "fill %d: %s of %d at %d on market %d (sums kept for %d) of %s",
                fill, side, signed, price, traded.id(), kept, s)
            .isEqualTo(reference);
        if (kept == traded.id()) {
          keptUsed++;
        } else if (kept >= 0) {
          shifted++;
        }
        if (Boolean.FALSE.equals(reference)) {
          decidedOnMargin++;
        }
      }
    }
    // the kept sums are used as they are and shifted, not only made afresh
    assertThat(keptUsed).isGreaterThan(CASES / 8 * 2);
    assertThat(shifted).isGreaterThan(CASES / 16);
    assertThat(decidedOnMargin).isGreaterThan(CASES / 8);
  }

  private static long quantity(SplittableRandom r, long maxPosition) {
    return switch (r.nextInt(4)) {
      case 0 -> 1;
      case 1 -> maxPosition;
      default -> 1 + Math.floorMod(r.nextLong(), maxPosition);
    };
  }

  private interface Decision {
    Object decide();
  }

  /** The fill-time check with the fee the matcher passes it: the taker's or the maker's. */
  static boolean fillAllowed(
      Margin margin, Account a, Market m, long signed, long price, boolean taker) {
    long notional = Math.multiplyExact(Math.abs(signed), price);
    long fee = taker ? m.spec().takerFee(notional) : m.spec().makerFee(notional);
    return margin.fillAllowed(a, m, signed, price, fee);
  }

  private static Object outcome(Decision d) {
    try {
      Object o = d.decide();
      return o == null ? "accepted" : o;
    } catch (ArithmeticException e) {

      return "throws";
    }
  }

  /** A state of 1 to 4 markets (market 0 a perpetual, others perpetuals or options on it). */
  private record Scenario(ExchangeState state, Account account) {
    static Scenario random(SplittableRandom r) {
      ExchangeState state = new ExchangeState();
      int markets = 1 + r.nextInt(4);
      for (int id = 0; id < markets; id++) {
        MarketSpec spec = spec(r);
        OptionTerms option = null;
        if (id > 0 && r.nextInt(3) == 0) {
          long underlyingMax = state.market(0).spec().maxPrice();
          long contractSize = 1 + r.nextInt(4);
          // listing bounds the underlying notional of one unit by the option's maxPrice
          if (underlyingMax <= spec.maxPrice() / contractSize) {
            option = new OptionTerms(0, OptionKind.CALL, 1, 1, contractSize);
          }
        }
        Market m = new Market(id, spec, option, new ArrayOrderBook());
        m.markValid = r.nextInt(10) != 0;
        m.mark = pick(r, 1, spec.maxPrice());
        long maxIndex = spec.maxFundingIndex();
        m.fundingIndex = r.nextInt(3) == 0 ? 0 : pick(r, -maxIndex, maxIndex);
        state.addMarket(m);
      }
      Account a = state.createAccount(1, TestExchange.key(1));
      a.ensureMarket(markets - 1);
      Scenario s = new Scenario(state, a);
      s.drawCollateral(r);
      for (int id = 0; id < markets; id++) {
        s.drawRow(r, id);
      }
      return s;
    }

    void drawCollateral(SplittableRandom r) {
      account.collateral =
          switch (r.nextInt(6)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE - r.nextInt(1_000);
            case 2 -> -(1L << 62) + r.nextInt(1_000);
            default -> pick(r, -(1L << 62), 1L << 62);
          };
    }

    /** Draws the account's row of market {@code id} anew. */
    void drawRow(SplittableRandom r, int id) {
      Account a = account;
      MarketSpec spec = state.market(id).spec();
      long maxPosition = spec.maxPosition();
      long size = r.nextInt(3) == 0 ? 0 : pick(r, -maxPosition, maxPosition);
      a.set(id, Account.SIZE, size);
      long notional = Math.abs(size) * spec.maxPrice(); // within MAX_NOTIONAL
      a.set(id, Account.COST, size == 0 ? 0 : pick(r, -notional, notional));
      long maxIndex = spec.maxFundingIndex();
      a.set(id, Account.FUNDING_INDEX, r.nextInt(3) == 0 ? 0 : pick(r, -maxIndex, maxIndex));
      // open orders keep the worst case within maxPosition as placement does, or (a quarter of
      // the time) reach 2 * maxPosition beyond it
      boolean beyond = r.nextInt(4) == 0;
      long buyRoom = beyond ? maxPosition : maxPosition - size;
      long sellRoom = beyond ? maxPosition : maxPosition + size;
      a.set(id, Account.OPEN_BUY, r.nextInt(2) == 0 ? 0 : pick(r, 0, buyRoom));
      a.set(id, Account.OPEN_SELL, r.nextInt(2) == 0 ? 0 : pick(r, 0, sellRoom));
      a.refreshActive(id);
    }

    /** A random valid spec: bounds of every fraction and of maxPrice * maxPosition drawn often. */
    private static MarketSpec spec(SplittableRandom r) {
      long initial = r.nextInt(4) == 0 ? Fixed.PPM : 2 + r.nextInt((int) Fixed.PPM - 1);
      long maintenance = 1 + r.nextInt((int) initial - 1);
      long taker =
          switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> Fixed.PPM;
            default -> r.nextInt((int) Fixed.PPM + 1);
          };
      long maker = r.nextInt(3) == 0 ? -taker : pick(r, -taker, taker);
      long maxPrice =
          switch (r.nextInt(4)) {
            case 0 -> 1;
            case 1 -> 1L << 40;
            default -> pick(r, 1, 1L << 40);
          };
      long maxPosition =
          r.nextInt(3) == 0
              ? Math.min(MarketSpec.MAX_POSITION, MarketSpec.MAX_NOTIONAL / maxPrice)
              : pick(r, 1, Math.min(MarketSpec.MAX_POSITION, MarketSpec.MAX_NOTIONAL / maxPrice));
      long lot = 1 + r.nextInt(1_000);
      MarketSpec spec =
          new MarketSpec(
              "P",
              1,
              lot,
              initial,
              maintenance,
              maker,
              taker,
              maxPosition,
              maxPrice,
              3,
              100,
              10,
              1_000,
              1);
      assertThat(spec.isValid()).isTrue();
      return spec;
    }

    /** A value in [lo, hi], its ends drawn often. */
    private static long pick(SplittableRandom r, long lo, long hi) {
      return switch (r.nextInt(5)) {
        case 0 -> lo;
        case 1 -> hi;
        default -> within(r, lo, hi);
      };
    }

    private static long within(SplittableRandom r, long lo, long hi) {
      long span = hi - lo + 1;
      if (span > 0) {
        return lo + Math.floorMod(r.nextLong(), span);
      }
      long v = r.nextLong(); // a span beyond a long: at least half of all longs are inside
      while (v < lo || v > hi) {
        v = r.nextLong();
      }
      return v;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("collateral " + account.collateral);
      for (int id = 0; id < state.marketCount(); id++) {
        Market m = state.market(id);
        b.append(
            String.format(
                "; market %d %s mark %d%s index %d: size %d cost %d index %d open %d/%d",
                id,
                m.spec(),
                m.mark,
                m.markValid ? "" : " (invalid)",
                m.fundingIndex,
                account.size(id),
                account.cost(id),
                account.fundingIndex(id),
                account.openBuy(id),
                account.openSell(id)));
      }
      return b.toString();
    }
  }

  /** The checks as they were before the fused pass (eace5c1), cross margin only. */
  private static final class Reference {
    static boolean fillAllowed(
        ExchangeState state, Account a, Market m, long signed, long price, boolean taker) {
      long size = a.size(m.id());
      if (!Margin.increasesRisk(size, signed)) {
        return true;
      }
      if (!m.markValid()) {
        return false;
      }
      long notional = Math.multiplyExact(Math.abs(signed), price);
      long fee = taker ? m.spec().takerFee(notional) : m.spec().makerFee(notional);
      if (!allows(state, a, Exposure.ofOpening(m, Math.abs(signed), price, Math.abs(fee)))) {
        return false;
      }
      long gain = Math.multiplyExact(signed, m.mark() - price);
      long requirementChange =
          Math.subtractExact(
              initial(state, m, Math.absExact(Math.addExact(size, signed))),
              initial(state, m, Math.absExact(size)));
      try {
        long excess = Math.subtractExact(Math.addExact(positionExcess(state, a), gain), fee);
        return excess >= requirementChange;
      } catch (ArithmeticException beyondALong) {
        BigInteger excess = wideEquity(state, a).add(BigInteger.valueOf(gain - fee));
        for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
          Market held = state.market(Long.numberOfTrailingZeros(bits));
          excess =
              excess.subtract(
                  BigInteger.valueOf(initial(state, held, Math.absExact(a.size(held.id())))));
        }
        return excess.compareTo(BigInteger.valueOf(requirementChange)) >= 0;
      }
    }

    static RejectReason checkOrder(
        ExchangeState state,
        Account a,
        Market m,
        boolean buy,
        long price,
        long quantity,
        long replacedQuantity,
        boolean worsePrice) {
      int i = m.id();
      long size = a.size(i);
      long openBuy = a.openBuy(i);
      long openSell = a.openSell(i);
      long before = worstPosition(size, openBuy, openSell);
      long after =
          buy
              ? worstPosition(size, openBuy - replacedQuantity + quantity, openSell)
              : worstPosition(size, openBuy, openSell - replacedQuantity + quantity);
      if (after <= before && !worsePrice) {
        return null;
      }
      if (after > before && after > m.spec().maxPosition()) {
        return RejectReason.MAX_POSITION_EXCEEDED;
      }
      if (!m.markValid()) {
        return RejectReason.NO_MARK_PRICE;
      }
      long takerFee = m.spec().takerFeePpm();
      long fees =
          takerFee == 0
              ? 0
              : Math.addExact(
                  Fixed.ppmCeil(Math.multiplyExact(price, quantity), takerFee),
                  quantity / m.spec().lotSize());
      if (!allows(state, a, Exposure.ofOpening(m, quantity, price, fees))) {
        return RejectReason.COLLATERAL_LIMIT_EXCEEDED;
      }
      boolean inactive = (a.activeMarkets() & 1L << i) == 0;
      long requirement = inactive ? initial(state, m, after) : 0;
      for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
        Market held = state.market(Long.numberOfTrailingZeros(bits));
        int id = held.id();
        long worst = id == i ? after : worstPosition(a.size(id), a.openBuy(id), a.openSell(id));
        requirement = Fixed.addSaturated(requirement, initial(state, held, worst));
      }
      long lossPerUnit = buy ? price - m.mark() : m.mark() - price;
      long loss = lossPerUnit > 0 ? Math.multiplyExact(lossPerUnit, quantity) : 0;
      return covers(state, a, -loss, Fixed.addSaturated(requirement, fees))
          ? null
          : RejectReason.INSUFFICIENT_MARGIN;
    }

    private static long worstPosition(long size, long openBuy, long openSell) {
      return Math.max(
          Math.absExact(Math.addExact(size, openBuy)),
          Math.absExact(Math.subtractExact(size, openSell)));
    }

    private static boolean allows(ExchangeState state, Account a, long added) {
      long c = a.collateral();
      long exposure = c == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(c);
      for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
        Market m = state.market(Long.numberOfTrailingZeros(bits));
        long size = a.size(m.id());
        if (size != 0) {
          long notional = Math.multiplyExact(Math.abs(size), m.spec().maxPrice());
          exposure =
              Fixed.addSaturated(
                  exposure, Fixed.addSaturated(notional, m.spec().takerFee(notional)));
          exposure = Fixed.addSaturated(exposure, Math.abs(a.cost(m.id())));
          exposure = Fixed.addSaturated(exposure, Math.abs(owed(a, m)));
        }
      }
      return Fixed.addSaturated(exposure, added) <= Exposure.LIMIT;
    }

    private static long owed(Account a, Market m) {
      long s = a.size(m.id());
      return s == 0
          ? 0
          : Fixed.mulDivCeil(
              s, Math.subtractExact(m.fundingIndex(), a.fundingIndex(m.id())), Fixed.PPM);
    }

    private static long positionValue(Account a, Market m) {
      long size = a.size(m.id());
      if (size == 0) {
        return 0;
      }
      long pnl = Math.subtractExact(Math.multiplyExact(size, m.mark()), a.cost(m.id()));
      return Math.subtractExact(pnl, owed(a, m));
    }

    private static long positionExcess(ExchangeState state, Account a) {
      long excess = a.collateral();
      for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
        Market m = state.market(Long.numberOfTrailingZeros(bits));
        long size = a.size(m.id());
        if (size != 0) {
          long value =
              Math.subtractExact(positionValue(a, m), initial(state, m, Math.absExact(size)));
          excess = Math.addExact(excess, value);
        }
      }
      return excess;
    }

    private static BigInteger wideEquity(ExchangeState state, Account a) {
      BigInteger equity = BigInteger.valueOf(a.collateral());
      for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
        Market m = state.market(Long.numberOfTrailingZeros(bits));
        equity = equity.add(BigInteger.valueOf(positionValue(a, m)));
      }
      return equity;
    }

    private static boolean covers(ExchangeState state, Account a, long adjustment, long req) {
      if (req == Long.MAX_VALUE) {
        return false;
      }
      try {
        long equity = a.collateral();
        for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
          Market m = state.market(Long.numberOfTrailingZeros(bits));
          equity = Math.addExact(equity, positionValue(a, m));
        }
        return Math.addExact(equity, adjustment) >= req;
      } catch (ArithmeticException beyondALong) {
        return wideEquity(state, a)
                .add(BigInteger.valueOf(adjustment))
                .compareTo(BigInteger.valueOf(req))
            >= 0;
      }
    }

    private static long initial(ExchangeState state, Market m, long worst) {
      long price = m.mark();
      if (m.isOption()) {
        long underlying = state.market(m.option().underlyingMarket()).mark();
        price = Math.max(price, Math.multiplyExact(underlying, m.option().contractSize()));
      }
      return Fixed.ppmCeil(Math.multiplyExact(worst, price), m.spec().initialMarginPpm());
    }
  }
}
