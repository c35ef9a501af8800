package dev.sable.sequencer.core;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.snapshot.EngineImage;
import dev.sable.sequencer.snapshot.EngineImage.AccountImage;
import dev.sable.sequencer.snapshot.EngineImage.FilledSlot;
import dev.sable.sequencer.snapshot.EngineImage.MarketImage;
import dev.sable.sequencer.snapshot.EngineImage.OptionImage;
import dev.sable.sequencer.snapshot.EngineImage.OracleRecord;
import dev.sable.sequencer.snapshot.EngineImage.PositionImage;
import dev.sable.sequencer.snapshot.EngineImage.RealizedImage;
import dev.sable.sequencer.snapshot.EngineImage.RestingOrder;
import dev.sable.sequencer.util.FilledIds;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The state of an {@link ExchangeState} as an {@link EngineImage} and back. Capture copies the
 * primary state (pools, time, markets with their books, accounts' collateral and positions);
 * restore writes it into a fresh core and books every resting order again through the {@link
 * OrderRegistry}, which rebuilds what is derived from the orders (open totals, active markets,
 * client-id indexes, the expiry queue) exactly as placing them did.
 */
final class EngineImages {
  private EngineImages() {}

  static EngineImage capture(ExchangeState s) {
    List<MarketImage> markets = new ArrayList<>(s.marketCount());
    for (Market m : s.markets()) {
      markets.add(market(m));
    }
    List<AccountImage> accounts = new ArrayList<>();
    for (int id = 0; id < s.accountBound(); id++) {
      Account a = s.account(id);
      if (a != null) {
        accounts.add(account(a));
      }
    }
    return new EngineImage(
        s.now, s.feePool, s.fundingPool, s.netDeposits, s.orderSequence, markets, accounts);
  }

  private static MarketImage market(Market m) {
    List<OracleRecord> sources = new ArrayList<>(m.spec().oracleSources());
    for (int src = 0; src < m.spec().oracleSources(); src++) {
      sources.add(new OracleRecord(m.sourcePrice(src), m.sourceTime(src)));
    }
    return new MarketImage(
        m.spec(),
        m.status,
        m.mark,
        m.markValid,
        m.fundingIndex,
        m.lastFundingTime,
        sources,
        side(m.book, true),
        side(m.book, false),
        m.isOption() ? new OptionImage(m.option(), m.volatility, m.volatilityValid) : null,
        m.realizedVariance == 0
            ? null
            : new RealizedImage(m.realizedTime, m.realizedPrice, m.realizedVariance));
  }

  private static List<RestingOrder> side(OrderBook book, boolean buy) {
    List<RestingOrder> out = new ArrayList<>();
    for (long id = book.best(buy); id != OrderBook.NONE; id = book.next(id)) {
      out.add(
          new RestingOrder(
              id,
              book.account(id),
              book.clientOrderId(id),
              book.price(id),
              book.quantity(id),
              book.flags(id),
              book.expiry(id)));
    }
    return out;
  }

  private static AccountImage account(Account a) {
    List<PositionImage> positions = new ArrayList<>();
    for (int m = 0; m < a.coveredMarkets(); m++) {
      long size = a.get(m, Account.SIZE);
      long cost = a.get(m, Account.COST);
      long fundingIndex = a.get(m, Account.FUNDING_INDEX);
      if (size != 0 || cost != 0 || fundingIndex != 0) {
        positions.add(new PositionImage(m, size, cost, fundingIndex));
      }
    }
    List<FilledSlot> filled = new ArrayList<>();
    for (int slot : FilledIds.slots(a.filled)) {
      filled.add(new FilledSlot(slot, a.lastFilled(slot)));
    }
    return new AccountImage(
        a.id(),
        a.key(),
        a.collateral,
        a.nonce,
        a.portfolioMargin,
        a.reportedDeficit,
        positions,
        filled);
  }

  /** Writes an image into a fresh state (nothing listed, only the fund's empty account). */
  static void restore(
      EngineImage image, ExchangeState s, OrderRegistry orders, Supplier<OrderBook> books) {
    if (s.marketCount() != 0 || s.accountBound() != 1) {
      throw new IllegalStateException("an image is restored into a fresh state only");
    }
    s.now = image.now();
    s.feePool = image.feePool();
    s.fundingPool = image.fundingPool();
    s.netDeposits = image.netDeposits();
    s.orderSequence = image.orderSequence();
    require(
        image.markets().size() <= ExchangeState.MAX_MARKETS,
        "at most " + ExchangeState.MAX_MARKETS + " markets");
    for (MarketImage mi : image.markets()) {
      OptionImage option = mi.option();
      if (option != null) {
        require(option.terms() != null && option.terms().kind() != null, "options have terms");
        Market underlying = s.market(option.terms().underlyingMarket());
        require(
            underlying != null && !underlying.isOption(),
            "an option's underlying is a perpetual listed before it");
      }
      require(
          mi.realized() == null || mi.realized().lastTime() <= image.now(),
          "a realized volatility sample is not after the image's time");
      s.addMarket(market(s.marketCount(), mi, books.get()));
    }
    int previous = -1;
    for (AccountImage ai : image.accounts()) {
      require(ai.id() > previous && ai.id() < ExchangeState.MAX_ACCOUNTS, "account ids ascend");
      require(previous >= 0 || ai.id() == Account.INSURANCE_FUND, "the fund comes first");
      previous = ai.id();
      require(
          ai.id() == Account.INSURANCE_FUND
              ? ai.key().equals(AccountKey.NONE)
              : ai.key().isValidKey(),
          "the fund has no key, a trader a valid one");
      Account a = ai.id() == Account.INSURANCE_FUND ? s.fund() : s.createAccount(ai.id(), ai.key());
      a.collateral = ai.collateral();
      require(ai.nonce() >= 0, "nonces count withdrawals");
      a.nonce = ai.nonce();
      a.portfolioMargin = ai.portfolioMargin();
      require(ai.reportedDeficit() >= 0, "a reported deficit is not negative");
      a.reportedDeficit = ai.reportedDeficit();
      restoreFilled(a, ai.filledSlots());
      for (PositionImage p : ai.positions()) {
        require(p.market() >= 0 && p.market() < s.marketCount(), "positions name listed markets");
        a.ensureMarket(p.market());
        a.set(p.market(), Account.SIZE, p.size());
        a.set(p.market(), Account.COST, p.cost());
        a.set(p.market(), Account.FUNDING_INDEX, p.fundingIndex());
        a.refreshActive(p.market());
      }
    }
    for (int id = 0; id < image.markets().size(); id++) {
      Market m = s.market(id);
      MarketImage mi = image.markets().get(id);
      book(s, orders, m, mi.bids(), true);
      book(s, orders, m, mi.asks(), false);
    }
  }

  private static void restoreFilled(Account a, List<FilledSlot> slots) {
    int previous = -1;
    for (FilledSlot f : slots) {
      require(
          f.slot() > previous
              && f.slot() < Account.FILL_SLOTS
              && f.clientOrderId() >= 0
              && f.clientOrderId() < Long.MAX_VALUE
              && Account.fillSlot(f.clientOrderId()) == f.slot(),
          "filled slots ascend and hold ids of their slot in the signed order's range");
      previous = f.slot();
      a.recordFill(f.clientOrderId());
    }
  }

  private static Market market(int id, MarketImage mi, OrderBook book) {
    require(mi.sources().size() == mi.spec().oracleSources(), "one record per oracle source");
    OptionImage option = mi.option();
    Market m = new Market(id, mi.spec(), option == null ? null : option.terms(), book);
    if (option != null) {
      m.volatility = option.volatility();
      m.volatilityValid = option.volatilityValid();
    }
    RealizedImage realized = mi.realized();
    if (realized != null) {
      require(option == null, "only perpetuals have a realized volatility");
      require(
          realized.lastPrice() > 0 && realized.variancePpm2() > 0,
          "a realized volatility estimate has a positive price and variance");
      m.realizedTime = realized.lastTime();
      m.realizedPrice = realized.lastPrice();
      m.realizedVariance = realized.variancePpm2();
    }
    m.status = mi.status();
    m.mark = mi.mark();
    m.markValid = mi.markValid();
    m.fundingIndex = mi.fundingIndex();
    m.lastFundingTime = mi.lastFundingTime();
    for (int src = 0; src < mi.sources().size(); src++) {
      OracleRecord r = mi.sources().get(src);
      m.recordOracle(src, r.price(), r.publishTime());
    }
    return m;
  }

  private static void book(
      ExchangeState s, OrderRegistry orders, Market m, List<RestingOrder> side, boolean buy) {
    for (RestingOrder o : side) {
      Account a = s.account(o.account());
      require(a != null, "resting orders belong to accounts");
      require(ExchangeState.marketOf(o.orderId()) == m.id(), "order ids name their market");
      require(o.orderId() >>> 6 <= s.orderSequence, "order ids were issued");
      require((o.flags() & ~(OrderBook.POST_ONLY | OrderBook.REDUCE_ONLY)) == 0, "known flags");
      require(o.quantity() > 0 && !m.book.contains(o.orderId()), "orders rest once, not empty");
      orders.restore(m, a, o, buy);
    }
  }

  private static void require(boolean condition, String rule) {
    if (!condition) {
      throw new IllegalArgumentException("not an image of an engine state: " + rule);
    }
  }
}
