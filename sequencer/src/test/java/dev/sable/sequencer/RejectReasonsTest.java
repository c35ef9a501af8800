package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.Command.PlaceOrder;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.market.OptionTerms;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad input gets its reason code, and a rejected command changes no account. */
class RejectReasonsTest {
  private static final Set<RejectReason> SEEN = EnumSet.noneOf(RejectReason.class);
  private TestExchange x;
  private int m;

  @BeforeEach
  void setUp() {
    x = new TestExchange();
    m = x.feelessMarket(1_000);
    x.deposit(1, 100_000);
    x.deposit(2, 100_000);
  }

  private void expect(RejectReason reason, Command c) {
    long before = x.account(1).collateral();
    var events = x.apply(c);
    assertThat(TestExchange.reason(events)).isEqualTo(reason);
    assertThat(events).hasSize(1);
    assertThat(x.seq.changedAccountCount()).isZero();
    assertThat(x.account(1).collateral()).isEqualTo(before);
    SEEN.add(reason);
  }

  private static PlaceOrder buy(long cid, long price, long qty) {
    return PlaceOrder.limit(1, 0, cid, BUY, price, qty);
  }

  @Test
  void unknownMarketAndAccount() {
    expect(RejectReason.UNKNOWN_MARKET, PlaceOrder.limit(1, 5, 1, BUY, 1_000, 1));
    expect(RejectReason.UNKNOWN_ACCOUNT, PlaceOrder.limit(9, m, 1, BUY, 1_000, 1));
    expect(RejectReason.UNKNOWN_ACCOUNT, new Command.Withdraw(9, 1, 0));
    expect(RejectReason.BAD_ACCOUNT_ID, TestExchange.depositOf(-1, 1));
    expect(RejectReason.BAD_ACCOUNT_ID, TestExchange.depositOf(ExchangeState.MAX_ACCOUNTS, 1));
    expect(RejectReason.FUND_ACCOUNT, PlaceOrder.limit(0, m, 1, BUY, 1_000, 1));
    expect(RejectReason.FUND_ACCOUNT, new Command.Withdraw(0, 1, 0));
    expect(RejectReason.UNKNOWN_MARKET, new Command.CancelAll(1, 3));
    expect(RejectReason.UNKNOWN_MARKET, new Command.FundingTick(3));
    expect(RejectReason.UNKNOWN_MARKET, new Command.OraclePrice(3, 0, 1, 0));
  }

  @Test
  void badPricesAndSizes() {
    expect(RejectReason.NON_POSITIVE_SIZE, buy(1, 1_000, 0));
    expect(RejectReason.NON_POSITIVE_SIZE, buy(1, 1_000, -3));
    expect(RejectReason.NON_POSITIVE_PRICE, buy(1, 0, 1));
    expect(RejectReason.PRICE_ABOVE_MAX, buy(1, 1_000_000_001, 1));
    expect(RejectReason.NON_POSITIVE_AMOUNT, TestExchange.depositOf(1, 0));
    expect(RejectReason.NON_POSITIVE_AMOUNT, x.withdrawal(1, -5));
  }

  /**
   * A deposit names its account's key: the same key for an existing account (the fund's is none), a
   * valid one for a new account. A refused deposit is refunded on L1.
   */
  @Test
  void depositKeys() {
    expect(RejectReason.KEY_MISMATCH, new Command.Deposit(1, 5, TestExchange.key(2)));
    expect(RejectReason.KEY_MISMATCH, new Command.Deposit(1, 5, AccountKey.NONE));
    expect(RejectReason.KEY_MISMATCH, new Command.Deposit(0, 5, TestExchange.key(2)));
    expect(RejectReason.INVALID_KEY, new Command.Deposit(3, 5, AccountKey.NONE));
    expect(RejectReason.INVALID_KEY, new Command.Deposit(3, 5, AccountKey.INVALID));
    assertThat(x.account(3)).as("a refused first deposit creates no account").isNull();
    assertThat(TestExchange.reason(x.apply(new Command.Deposit(0, 5, AccountKey.NONE)))).isNull();
    assertThat(TestExchange.reason(x.deposit(3, 5))).isNull();
    assertThat(x.account(3).key()).isEqualTo(TestExchange.key(3));
  }

  /** A withdrawal carries the account's nonce, which each withdrawal moves on by one. */
  @Test
  void withdrawalNonces() {
    expect(RejectReason.WRONG_NONCE, new Command.Withdraw(1, 5, 1));
    assertThat(TestExchange.reason(x.apply(new Command.Withdraw(1, 5, 0)))).isNull();
    assertThat(x.account(1).nonce()).isEqualTo(1);
    expect(RejectReason.WRONG_NONCE, new Command.Withdraw(1, 5, 0));
    expect(RejectReason.WRONG_NONCE, new Command.Withdraw(1, 5, -1));
    assertThat(TestExchange.reason(x.apply(new Command.Withdraw(1, 5, 1)))).isNull();
  }

  @Test
  void badTickAndLot() {
    MarketSpec s = TestExchange.spec(0, 0);
    int coarse =
        x.market(
            new MarketSpec(
                "ETH-PERP",
                5,
                10,
                s.initialMarginPpm(),
                s.maintenanceMarginPpm(),
                0,
                0,
                s.maxPosition(),
                s.maxPrice(),
                3,
                100,
                10,
                1_000,
                10),
            1_000);
    expect(RejectReason.BAD_TICK, PlaceOrder.limit(1, coarse, 1, BUY, 1_003, 10));
    expect(RejectReason.BAD_LOT, PlaceOrder.limit(1, coarse, 1, BUY, 1_005, 15));
    assertThat(TestExchange.reason(x.limit(1, coarse, 1, BUY, 1_005, 20))).isNull();
  }

  @Test
  void clientOrderIds() {
    expect(RejectReason.BAD_CLIENT_ORDER_ID, buy(-1, 1_000, 1));
    expect(RejectReason.BAD_CLIENT_ORDER_ID, buy(Long.MAX_VALUE, 1_000, 1));
    x.apply(buy(7, 990, 1));
    expect(RejectReason.DUPLICATE_CLIENT_ORDER_ID, buy(7, 991, 1));
    expect(RejectReason.UNKNOWN_ORDER, new Command.CancelOrder(1, 8));
    expect(RejectReason.UNKNOWN_ORDER, TestExchange.amendOf(1, 8, 990, 1));
    expect(RejectReason.AMEND_NO_CHANGE, TestExchange.amendOf(1, 7, 990, 1));
    expect(RejectReason.NON_POSITIVE_PRICE, TestExchange.amendOf(1, 7, 0, 1));
  }

  /**
   * Fill slots (client id mod 1024): one resting order per slot; a slot never takes an id at or
   * below the last one it filled; an amend moves to a larger id of the same slot.
   */
  @Test
  void fillSlots() {
    x.apply(buy(7, 990, 1));
    expect(RejectReason.FILL_SLOT_BUSY, buy(7 + 1024, 990, 1));
    for (long bad : new long[] {7, 8 + 1024, 7 + 1000, 6, Long.MIN_VALUE + 7, Long.MAX_VALUE}) {
      expect(RejectReason.BAD_AMEND_ID, new Command.AmendOrder(1, 7, bad, 991, 1));
    }
    x.limit(2, m, 1, SELL, 990, 1); // fills id 7: its slot's last filled id
    expect(RejectReason.CLIENT_ORDER_ID_USED, buy(7, 990, 1));
    assertThat(TestExchange.reason(x.apply(buy(7 + 1024, 990, 1)))).isNull();
    // an id of another slot below the filled one is fine
    assertThat(TestExchange.reason(x.apply(buy(3, 990, 1)))).isNull();
  }

  /** A forced withdrawal request the node did not find signed by the account's key. */
  @Test
  void unsignedForcedRequest() {
    expect(RejectReason.UNSIGNED_REQUEST, new Command.ForcedWithdrawal(1, 1_000, 0, false));
  }

  /** A margin mode switch needs an account without open orders. */
  @Test
  void marginModeSwitchWithOpenOrders() {
    assertThat(TestExchange.reason(x.apply(Command.PlaceOrder.limit(1, m, 1, BUY, 990, 1))))
        .isNull();
    expect(RejectReason.OPEN_ORDERS, new Command.SetMarginMode(1, true, 1_023));
  }

  /** An account has positions or orders in at most 8 markets: its leaf's position slots. */
  @Test
  void aNinthMarketIsRefused() {
    x.deposit(1, 10_000_000);
    for (int i = 0; i < 8; i++) {
      int market = i == 0 ? m : x.feelessMarket(1_000);
      assertThat(TestExchange.reason(x.apply(PlaceOrder.limit(1, market, 10 + i, BUY, 990, 1))))
          .isNull();
    }
    int ninth = x.feelessMarket(1_000);
    expect(RejectReason.TOO_MANY_POSITIONS, PlaceOrder.limit(1, ninth, 30, BUY, 990, 1));
    x.apply(new Command.CancelOrder(1, 10)); // market m is free again
    assertThat(TestExchange.reason(x.apply(PlaceOrder.limit(1, ninth, 31, BUY, 990, 1)))).isNull();
  }

  @Test
  void expiredOrder() {
    x.apply(new Command.TimeTick(50));
    expect(
        RejectReason.EXPIRED,
        new PlaceOrder(1, m, 1, BUY, OrderType.GTC, 1_000, 1, false, 50, StpMode.CANCEL_TAKER));
  }

  @Test
  void haltedAndSettledMarkets() {
    x.apply(buy(1, 990, 1));
    x.apply(new Command.SetMarketStatus(m, MarketStatus.HALTED));
    expect(RejectReason.MARKET_HALTED, buy(2, 990, 1));
    expect(RejectReason.MARKET_HALTED, TestExchange.amendOf(1, 1, 991, 1));
    expect(RejectReason.BAD_STATUS_CHANGE, new Command.SetMarketStatus(m, MarketStatus.HALTED));
    x.apply(new Command.SetMarketStatus(m, MarketStatus.SETTLED));
    expect(RejectReason.MARKET_SETTLED, buy(3, 990, 1));
    expect(RejectReason.MARKET_SETTLED, new Command.FundingTick(m));
    expect(RejectReason.BAD_STATUS_CHANGE, new Command.SetMarketStatus(m, MarketStatus.ACTIVE));
  }

  @Test
  void reduceOnly() {
    PlaceOrder gtc =
        new PlaceOrder(1, m, 1, SELL, OrderType.GTC, 1_010, 1, true, 0, StpMode.CANCEL_TAKER);
    expect(RejectReason.REDUCE_ONLY_WOULD_INCREASE, gtc);
    expect(RejectReason.REDUCE_ONLY_WOULD_INCREASE, gtc.withType(OrderType.IOC));
    x.limit(2, m, 1, SELL, 1_000, 5);
    x.limit(1, m, 2, BUY, 1_000, 5); // account 1 is now long 5
    PlaceOrder sell6 =
        new PlaceOrder(1, m, 3, SELL, OrderType.IOC, 1_000, 6, true, 0, StpMode.CANCEL_TAKER);
    expect(RejectReason.REDUCE_ONLY_WOULD_INCREASE, sell6);
    PlaceOrder buyMore =
        new PlaceOrder(1, m, 3, BUY, OrderType.IOC, 1_000, 1, true, 0, StpMode.CANCEL_TAKER);
    expect(RejectReason.REDUCE_ONLY_WOULD_INCREASE, buyMore);
    // a resting reduce-only sell of 3 leaves room for 2 more, not 3
    assertThat(TestExchange.reason(x.apply(reduceOnlySell(10, 3)))).isNull();
    expect(RejectReason.REDUCE_ONLY_WOULD_INCREASE, reduceOnlySell(11, 3));
    expect(RejectReason.REDUCE_ONLY_WOULD_INCREASE, TestExchange.amendOf(1, 10, 1_000, 6));
  }

  private PlaceOrder reduceOnlySell(long cid, long qty) {
    return new PlaceOrder(
        1, m, cid, SELL, OrderType.GTC, 1_010, qty, true, 0, StpMode.CANCEL_TAKER);
  }

  @Test
  void postOnlyAndFillOrKill() {
    x.limit(2, m, 1, SELL, 1_000, 5);
    expect(RejectReason.POST_ONLY_WOULD_CROSS, buy(1, 1_000, 1).withType(OrderType.POST_ONLY));
    expect(RejectReason.FOK_NOT_FILLABLE, buy(1, 1_000, 6).withType(OrderType.FOK));
    x.apply(buy(2, 999, 1).withType(OrderType.POST_ONLY));
    expect(RejectReason.POST_ONLY_WOULD_CROSS, TestExchange.amendOf(1, 2, 1_000, 1));
  }

  @Test
  void marginAndPositionLimits() {
    // 100_000 collateral at 10% initial margin carries 1_000_000 notional: 1_000 units at 1_000.
    expect(RejectReason.INSUFFICIENT_MARGIN, buy(1, 1_000, 1_001));
    assertThat(TestExchange.reason(x.apply(buy(1, 1_000, 1_000)))).isNull();
    expect(RejectReason.INSUFFICIENT_MARGIN, TestExchange.amendOf(1, 1, 1_000, 1_001));
    // same size, a worse limit: a fill at 1_001 would lose 1_000 against the mark
    expect(RejectReason.INSUFFICIENT_MARGIN, TestExchange.amendOf(1, 1, 1_001, 1_000));
    assertThat(TestExchange.reason(x.apply(TestExchange.amendOf(1, 1, 999, 1_000)))).isNull();
    expect(RejectReason.INSUFFICIENT_MARGIN, x.withdrawal(1, 1));
    expect(RejectReason.INSUFFICIENT_COLLATERAL, x.withdrawal(2, 100_001));
    x.deposit(1, 1_000_000_000);
    expect(RejectReason.MAX_POSITION_EXCEEDED, buy(2, 1_000, 999_001));
  }

  @Test
  void noMarkPrice() {
    int bare = x.seq.state().markets().size();
    x.apply(new Command.ListMarket(TestExchange.spec(0, 0)));
    expect(RejectReason.NO_MARK_PRICE, PlaceOrder.limit(1, bare, 1, BUY, 1_000, 1));
    expect(RejectReason.NO_MARK_PRICE, new Command.FundingTick(bare));
    expect(RejectReason.NO_MARK_PRICE, new Command.SetMarketStatus(bare, MarketStatus.SETTLED));
  }

  @Test
  void oracleTimeAndFunding() {
    long now = x.seq.state().now();
    expect(RejectReason.UNKNOWN_ORACLE_SOURCE, new Command.OraclePrice(m, 3, 1_000, now));
    expect(RejectReason.ORACLE_FROM_FUTURE, new Command.OraclePrice(m, 0, 1_000, now + 1));
    expect(RejectReason.STALE_ORACLE_PRICE, new Command.OraclePrice(m, 0, 1_000, now));
    expect(RejectReason.NON_POSITIVE_PRICE, new Command.OraclePrice(m, 0, 0, now));
    expect(RejectReason.PRICE_ABOVE_MAX, new Command.OraclePrice(m, 0, 1_000_000_001, now));
    x.apply(new Command.TimeTick(now + 200));
    expect(RejectReason.STALE_ORACLE_PRICE, new Command.OraclePrice(m, 1, 1_000, now + 50));
    // now - publishTime would overflow to a negative age: still stale
    int bare = x.seq.state().markets().size();
    x.apply(new Command.ListMarket(TestExchange.spec(0, 0)));
    expect(
        RejectReason.STALE_ORACLE_PRICE,
        new Command.OraclePrice(bare, 0, 1_000, Long.MIN_VALUE + 1));
    expect(RejectReason.TIME_WENT_BACKWARDS, new Command.TimeTick(now));
    x.oracle(m, 1_000);
    x.apply(new Command.FundingTick(m));
    expect(RejectReason.FUNDING_TOO_EARLY, new Command.FundingTick(m));
  }

  @Test
  void marketListing() {
    MarketSpec s = TestExchange.spec(0, 0);
    MarketSpec bad =
        new MarketSpec(
            "X", 1, 1, 50_000, 100_000, 0, 0, s.maxPosition(), s.maxPrice(), 3, 100, 10, 1_000, 10);
    expect(RejectReason.INVALID_MARKET_SPEC, new Command.ListMarket(bad));
    MarketSpec nineSources =
        new MarketSpec(
            "X", 1, 1, 100_000, 50_000, 0, 0, s.maxPosition(), s.maxPrice(), 9, 100, 10, 1_000, 10);
    expect(RejectReason.INVALID_MARKET_SPEC, new Command.ListMarket(nineSources));
    for (int i = x.seq.state().markets().size(); i < 64; i++) {
      x.apply(new Command.ListMarket(s));
    }
    expect(RejectReason.TOO_MANY_MARKETS, new Command.ListMarket(s));
  }

  /**
   * Symbols are 1 to 32 printable ASCII characters, so a listing's event always has a bounded
   * canonical encoding.
   */
  @Test
  void aSymbolMustBeShortPrintableAscii() {
    for (String symbol : List.of("", "BTC PERP", "BTC-€", "BTC\uD800", "X".repeat(33))) {
      expect(RejectReason.INVALID_MARKET_SPEC, new Command.ListMarket(withSymbol(symbol)));
    }
    assertThat(TestExchange.reason(x.apply(new Command.ListMarket(withSymbol("!~".repeat(16))))))
        .isNull();
  }

  private static MarketSpec withSymbol(String symbol) {
    MarketSpec s = TestExchange.spec(0, 0);
    return new MarketSpec(
        symbol,
        s.tickSize(),
        s.lotSize(),
        s.initialMarginPpm(),
        s.maintenanceMarginPpm(),
        s.makerFeePpm(),
        s.takerFeePpm(),
        s.maxPosition(),
        s.maxPrice(),
        s.oracleSources(),
        s.oracleStaleness(),
        s.fundingInterval(),
        s.fundingClampPpm(),
        s.impactQuantity());
  }

  @Test
  void malformedCommands() {
    expect(RejectReason.MALFORMED_COMMAND, null);
    expect(
        RejectReason.MALFORMED_COMMAND,
        new PlaceOrder(1, m, 1, null, OrderType.GTC, 1_000, 1, false, 0, StpMode.CANCEL_TAKER));
    expect(
        RejectReason.MALFORMED_COMMAND,
        new PlaceOrder(1, m, 1, BUY, null, 1_000, 1, false, 0, StpMode.CANCEL_TAKER));
    expect(
        RejectReason.MALFORMED_COMMAND,
        new PlaceOrder(1, m, 1, BUY, OrderType.GTC, 1_000, 1, false, 0, null));
    expect(RejectReason.MALFORMED_COMMAND, new Command.ListMarket(null));
    expect(RejectReason.MALFORMED_COMMAND, new Command.SetMarketStatus(m, null));
    expect(RejectReason.MALFORMED_COMMAND, new Command.Deposit(1, 5, null));
  }

  @Test
  void quantityAboveMaxPosition() {
    // the market's maxPosition is 1_000_000
    expect(RejectReason.QUANTITY_ABOVE_MAX, buy(1, 1_000, 1_000_001));
    expect(RejectReason.QUANTITY_ABOVE_MAX, buy(1, 1_000, Long.MAX_VALUE));
    x.apply(buy(2, 990, 1));
    expect(RejectReason.QUANTITY_ABOVE_MAX, TestExchange.amendOf(1, 2, 990, Long.MAX_VALUE));
  }

  @Test
  void negativeClientIdsOfCancelAndAmend() {
    // Long.MIN_VALUE is the client-id map's reserved empty key: it must not reach the map
    expect(RejectReason.BAD_CLIENT_ORDER_ID, new Command.CancelOrder(1, Long.MIN_VALUE));
    expect(RejectReason.BAD_CLIENT_ORDER_ID, TestExchange.amendOf(1, -1, 990, 1));
  }

  @Test
  void depositLimits() {
    long cap = ExchangeState.MAX_COLLATERAL;
    expect(RejectReason.COLLATERAL_LIMIT_EXCEEDED, TestExchange.depositOf(1, Long.MAX_VALUE));
    expect(RejectReason.COLLATERAL_LIMIT_EXCEEDED, TestExchange.depositOf(1, cap - 100_000 + 1));
    expect(RejectReason.COLLATERAL_LIMIT_EXCEEDED, TestExchange.depositOf(3, cap + 1));
    assertThat(x.account(3)).as("a rejected first deposit creates no account").isNull();
    assertThat(TestExchange.reason(x.deposit(1, cap - 100_000))).isNull();
    // net deposits: 2^60 + 100_000 now; another 2^60 would pass the exchange's 2^61
    expect(RejectReason.EXCHANGE_DEPOSIT_LIMIT_EXCEEDED, TestExchange.depositOf(3, cap));
    assertThat(x.account(3)).isNull();
  }

  @Test
  void fundingIndexLimit() {
    // maxPrice 4: the index may reach floor(4 / 4) * 1e6; a 100% rate at mark 1 gets there at once
    MarketSpec cheap =
        new MarketSpec("CHEAP", 1, 1, 100_000, 50_000, 0, 0, 1_000, 4, 3, 100, 10, 1_000_000, 10);
    int c = x.market(cheap, 1);
    x.limit(1, c, 1, BUY, 2, 10); // impact bid 2 against index 1: premium 100%
    assertThat(TestExchange.of(x.apply(new Command.FundingTick(c)), Event.FundingRate.class))
        .containsExactly(new Event.FundingRate(c, 1_000_000, 1_000_000));
    x.apply(new Command.TimeTick(x.seq.state().now() + 10));
    x.oracle(c, 1);
    expect(RejectReason.FUNDING_INDEX_LIMIT, new Command.FundingTick(c));
    assertThat(x.seq.state().market(c).fundingIndex()).isEqualTo(1_000_000);
  }

  @Test
  void optionMarkets() {
    MarketSpec spec = OptionMarketTest.optionSpec("O", 0);
    expect(
        RejectReason.INVALID_OPTION_TERMS,
        new Command.ListOption(spec, new OptionTerms(m, OptionKind.CALL, 0, 1_000, 1)));
    int option = x.seq.state().marketCount();
    x.apply(
        new Command.ListOption(
            spec, OptionMarketTest.terms(OptionKind.CALL, OptionMarketTest.EXPIRY)));
    long now = x.seq.state().now();
    expect(RejectReason.NOT_AN_OPTION_MARKET, new Command.VolatilityPrice(m, 0, 500_000, now));
    expect(RejectReason.VOLATILITY_OUT_OF_RANGE, new Command.VolatilityPrice(option, 0, 999, now));
    expect(
        RejectReason.VOLATILITY_OUT_OF_RANGE,
        new Command.VolatilityPrice(option, 0, 10_000_001, now));
    expect(RejectReason.OPTION_MARKET, new Command.OraclePrice(option, 0, 100, now));
    expect(RejectReason.OPTION_MARKET, new Command.FundingTick(option));
    expect(
        RejectReason.UNKNOWN_ORACLE_SOURCE, new Command.VolatilityPrice(option, 3, 500_000, now));
  }

  @AfterAll
  static void everyReasonIsCovered() {
    assertThat(SEEN).containsExactlyInAnyOrder(RejectReason.values());
  }
}
