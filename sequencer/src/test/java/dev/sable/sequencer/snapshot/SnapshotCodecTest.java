package dev.sable.sequencer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.TestExchange;
import dev.sable.sequencer.codec.CodecException;
import dev.sable.sequencer.codec.CommandCodec;
import dev.sable.sequencer.codec.SnapshotCodec;
import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.snapshot.EngineImage.AccountImage;
import dev.sable.sequencer.snapshot.EngineImage.FilledSlot;
import dev.sable.sequencer.snapshot.EngineImage.MarketImage;
import dev.sable.sequencer.snapshot.EngineImage.OracleRecord;
import dev.sable.sequencer.snapshot.EngineImage.PositionImage;
import dev.sable.sequencer.snapshot.EngineImage.RealizedImage;
import dev.sable.sequencer.snapshot.EngineImage.RestingOrder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snapshot encoding's layout (docs/sequencer.md, "Snapshots") and its refusals. */
class SnapshotCodecTest {
  private static final MarketSpec SPEC = TestExchange.spec(-100, 500);

  /** One market with one source, one bid, one ask; the fund and one account with a position. */
  static EngineImage small() {
    return new EngineImage(
        7,
        11,
        -3,
        1_000,
        4,
        List.of(
            new MarketImage(
                new MarketSpec(
                    "X", 1, 1, 100_000, 50_000, -100, 500, 1_000, 10_000, 1, 100, 10, 1_000, 10),
                MarketStatus.HALTED,
                950,
                true,
                -12,
                Long.MIN_VALUE,
                List.of(new OracleRecord(950, 6)),
                List.of(new RestingOrder(2L << 6, 1, 5, 940, 3, 2, 0)),
                List.of(new RestingOrder(4L << 6, 1, 9, 960, 1, 1, 99)),
                null,
                new RealizedImage(6, 950, 640_000_000_000L))),
        List.of(
            new AccountImage(0, AccountKey.NONE, 0, 0, false, 0, List.of(), List.of()),
            new AccountImage(
                1,
                new AccountKey(1, 2, 3, 4),
                500,
                3,
                true,
                42,
                List.of(new PositionImage(0, -2, -1_900, -12)),
                List.of(new FilledSlot(7, 7 + 1024)))));
  }

  @Test
  void theLayoutIsTheDocumentedOne() {
    EngineImage image = small();
    byte[] spec =
        CommandCodec.INSTANCE.toBytes(new Command.ListMarket(image.markets().get(0).spec()));
    String expected =
        "06"
            + "0000000000000007" // now
            + "000000000000000b" // feePool
            + "fffffffffffffffd" // fundingPool
            + "00000000000003e8" // netDeposits
            + "0000000000000004" // orderSequence
            + "00000001" // one market
            + HexFormat.of().formatHex(spec, 1, spec.length) // its spec, as ListMarket has it
            + "01" // HALTED
            + "00000000000003b6" // mark 950
            + "01" // valid
            + "fffffffffffffff4" // funding index -12
            + "8000000000000000" // never funded
            + "00000001"
            + "00000000000003b6"
            + "0000000000000006" // one source
            + "00000001" // one bid
            + "0000000000000080"
            + "00000001"
            + "0000000000000005"
            + "00000000000003ac"
            + "0000000000000003"
            + "02"
            + "0000000000000000"
            + "00000001" // one ask
            + "0000000000000100"
            + "00000001"
            + "0000000000000009"
            + "00000000000003c0"
            + "0000000000000001"
            + "01"
            + "0000000000000063"
            + "00" // not an option
            + "01" // sampled realized volatility
            + "0000000000000006" // at time 6
            + "00000000000003b6" // of mark 950
            + "0000009502f90000" // variance 6.4e11 ppm^2 (80%)
            + "00000002" // two accounts
            + "00000000" // the fund
            + "0000000000000000".repeat(4) // no key
            + "0000000000000000" // collateral
            + "0000000000000000" // nonce
            + "00" // cross margin
            + "0000000000000000" // no deficit reported
            + "00000000" // no position
            + "00000000" // no filled slot
            + "00000001" // account 1
            + "0000000000000001"
            + "0000000000000002"
            + "0000000000000003"
            + "0000000000000004" // its key
            + "00000000000001f4" // collateral 500
            + "0000000000000003" // nonce 3
            + "01" // portfolio margin
            + "000000000000002a" // an uncovered deficit of 42 reported
            + "00000001" // one position
            + "00000000"
            + "fffffffffffffffe"
            + "fffffffffffff894"
            + "fffffffffffffff4"
            + "00000001" // one filled slot
            + "00000007"
            + "0000000000000407";
    assertThat(HexFormat.of().formatHex(SnapshotCodec.encode(image))).isEqualTo(expected);
    assertThat(SnapshotCodec.decode(HexFormat.of().parseHex(expected))).isEqualTo(image);
  }

  @Test
  void theSmallImageRestoresToAnEngineWithItsBooksAndTotals() {
    Sequencer s = Sequencer.restore(small(), new byte[32], ArrayOrderBook::new, e -> {});
    assertThat(s.image()).isEqualTo(small());
    var account = s.state().account(1);
    assertThat(account.openBuy(0)).isEqualTo(3);
    assertThat(account.openSell(0)).isEqualTo(1);
    assertThat(account.reduceOnlyOpen(0)).isEqualTo(3);
    assertThat(account.orderId(9)).isEqualTo(4L << 6);
    assertThat(account.activeMarkets()).isEqualTo(1);
    // the expiring ask is in the expiry queue: time 99 cancels it
    List<dev.sable.sequencer.event.Event> events = new java.util.ArrayList<>();
    Sequencer live = Sequencer.restore(small(), new byte[32], ArrayOrderBook::new, events::add);
    live.apply(new Command.TimeTick(99));
    assertThat(live.state().account(1).orderId(9)).isEqualTo(-1);
    assertThat(events)
        .anySatisfy(
            e -> assertThat(e).isInstanceOf(dev.sable.sequencer.event.Event.OrderCancelled.class));
  }

  @Test
  void everyStrictPrefixAndTrailingBytesAreRefused() {
    byte[] good = SnapshotCodec.encode(small());
    for (int n = 0; n < good.length; n++) {
      byte[] prefix = Arrays.copyOf(good, n);
      assertThatThrownBy(() -> SnapshotCodec.decode(prefix)).isInstanceOf(CodecException.class);
    }
    assertThatThrownBy(() -> SnapshotCodec.decode(Arrays.copyOf(good, good.length + 1)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void aWrongFormatAnEnumOrBooleanOutOfRangeOrAnImpossibleCountIsRefused() {
    byte[] good = SnapshotCodec.encode(small());
    byte[] format = good.clone();
    format[0] = 1;
    assertThatThrownBy(() -> SnapshotCodec.decode(format)).hasMessageContaining("format");
    int afterSpec =
        1
            + 40
            + 4
            + CommandCodec.INSTANCE.toBytes(new Command.ListMarket(small().markets().get(0).spec()))
                .length
            - 1;
    byte[] status = good.clone();
    status[afterSpec] = 9;
    assertThatThrownBy(() -> SnapshotCodec.decode(status)).hasMessageContaining("status");
    byte[] valid = good.clone();
    valid[afterSpec + 9] = 2;
    assertThatThrownBy(() -> SnapshotCodec.decode(valid)).hasMessageContaining("markValid");
    byte[] huge = good.clone();
    ByteBuffer.wrap(huge).putInt(41, Integer.MAX_VALUE); // markets
    assertThatThrownBy(() -> SnapshotCodec.decode(huge))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("markets");
  }

  @Test
  void anImageThatIsNoEngineStateIsRefusedWhenRestored() {
    EngineImage good = small();
    MarketImage m = good.markets().get(0);
    List<EngineImage> bad =
        List.of(
            withAccounts(good, List.of(good.accounts().get(1), good.accounts().get(0))),
            withAccounts(good, List.of(good.accounts().get(1))),
            withAccounts(good, List.of(good.accounts().get(0))), // the orders' account is gone
            withMarket(good, market(m, List.of(), m.bids(), m.asks())), // a source missing
            withBid(
                good,
                new RestingOrder(2L << 6 | 1, 1, 5, 940, 3, 0, 0)), // in another market's book
            withBid(
                good, new RestingOrder(99L << 6, 1, 5, 940, 3, 0, 0)), // an order id never issued
            withBid(good, new RestingOrder(2L << 6, 1, 5, 940, 3, 8, 0)), // unknown flags
            withSecondAccount(
                good,
                account(
                    1,
                    new AccountKey(1, 2, 3, 4),
                    List.of(new PositionImage(3, 1, 1, 0)),
                    List.of())),
            // a trader without a valid key, a fund with one
            withSecondAccount(good, account(1, AccountKey.NONE, List.of(), List.of())),
            withAccounts(
                good,
                List.of(
                    account(0, new AccountKey(1, 2, 3, 4), List.of(), List.of()),
                    good.accounts().get(1))),
            // a filled slot that does not hold an id of its slot
            withSecondAccount(
                good,
                account(1, new AccountKey(1, 2, 3, 4), List.of(), List.of(new FilledSlot(3, 5)))),
            // a filled id no signed order can carry (2^63 - 1, in slot 1023)
            withSecondAccount(
                good,
                account(
                    1,
                    new AccountKey(1, 2, 3, 4),
                    List.of(),
                    List.of(new FilledSlot(Account.FILL_SLOTS - 1, Long.MAX_VALUE)))));
    for (EngineImage image : bad) {
      assertThatThrownBy(() -> Sequencer.restore(image, new byte[32], ArrayOrderBook::new, e -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not an image of an engine state");
    }
    // more markets than the engine's market-id array (and an account's 64-bit mask) holds
    EngineImage tooMany =
        with(
            good,
            Collections.nCopies(ExchangeState.MAX_MARKETS + 1, good.markets().get(0)),
            good.accounts());
    assertThatThrownBy(() -> Sequencer.restore(tooMany, new byte[32], ArrayOrderBook::new, e -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 64 markets");
  }

  private static AccountImage account(
      int id, AccountKey key, List<PositionImage> positions, List<FilledSlot> filled) {
    return new AccountImage(id, key, 0, 0, false, 0, positions, filled);
  }

  private static MarketImage market(
      MarketImage m, List<OracleRecord> sources, List<RestingOrder> bids, List<RestingOrder> asks) {
    return new MarketImage(
        m.spec(),
        m.status(),
        m.mark(),
        m.markValid(),
        m.fundingIndex(),
        m.lastFundingTime(),
        sources,
        bids,
        asks,
        m.option(),
        m.realized());
  }

  /** The image with its one market's bids replaced by one order. */
  private static EngineImage withBid(EngineImage i, RestingOrder bid) {
    MarketImage m = i.markets().get(0);
    return withMarket(i, market(m, m.sources(), List.of(bid), m.asks()));
  }

  private static EngineImage withMarket(EngineImage i, MarketImage m) {
    return with(i, List.of(m), i.accounts());
  }

  /** {@code i} with its second account replaced by {@code second}, its first kept. */
  private static EngineImage withSecondAccount(EngineImage i, AccountImage second) {
    return withAccounts(i, List.of(i.accounts().get(0), second));
  }

  private static EngineImage withAccounts(EngineImage i, List<AccountImage> accounts) {
    return with(i, i.markets(), accounts);
  }

  private static EngineImage with(
      EngineImage i, List<MarketImage> markets, List<AccountImage> accounts) {
    return new EngineImage(
        i.now(),
        i.feePool(),
        i.fundingPool(),
        i.netDeposits(),
        i.orderSequence(),
        markets,
        accounts);
  }
}
