package dev.sable.sequencer.codec;

import static dev.sable.sequencer.codec.Wire.bool;
import static dev.sable.sequencer.codec.Wire.enumOf;
import static dev.sable.sequencer.codec.Wire.need;
import static dev.sable.sequencer.codec.Wire.putBool;
import static dev.sable.sequencer.codec.Wire.putEnum;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.market.OptionTerms;
import dev.sable.sequencer.snapshot.EngineImage;
import dev.sable.sequencer.snapshot.EngineImage.AccountImage;
import dev.sable.sequencer.snapshot.EngineImage.FilledSlot;
import dev.sable.sequencer.snapshot.EngineImage.MarketImage;
import dev.sable.sequencer.snapshot.EngineImage.OptionImage;
import dev.sable.sequencer.snapshot.EngineImage.OracleRecord;
import dev.sable.sequencer.snapshot.EngineImage.PositionImage;
import dev.sable.sequencer.snapshot.EngineImage.RealizedImage;
import dev.sable.sequencer.snapshot.EngineImage.RestingOrder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary encoding of an {@link EngineImage} (docs/sequencer.md, "Snapshots"): the engine's
 * state in the codec's style (fixed-width big-endian numbers, booleans and enums as one byte, the
 * market spec as {@code ListMarket} encodes it), lists as a u32 count then their elements:
 *
 * <pre>
 * format u8 (1) | now, feePool, fundingPool, netDeposits, orderSequence i64
 * | u32 markets, each: spec | status u8 | mark i64 | markValid bool | fundingIndex i64
 *     | lastFundingTime i64 | u32 sources, each: price i64, publishTime i64
 *     | u32 bids, then u32 asks, each order: orderId i64, account i32, clientOrderId i64,
 *       price i64, quantity i64, flags u8, expiry i64  (priority order)
 *     | option bool, if true: terms (as ListOption encodes them) | volatility i64
 *       | volatilityValid bool
 *     | realized bool, if true: lastTime i64 | lastPrice i64 | variance i64
 * | u32 accounts, each: id i32 | key 4 x i64 | collateral i64 | nonce i64 | portfolioMargin bool
 *     | reportedDeficit i64
 *     | u32 positions, each: market i32, size i64, cost i64, fundingIndex i64
 *     | u32 filled slots, each: slot i32, clientOrderId i64
 * </pre>
 *
 * Decoding is strict: a wrong format byte, an enum or boolean out of range, a count that the
 * remaining bytes cannot hold, too few bytes or trailing bytes are a {@link CodecException};
 * whether the decoded image is a consistent engine state is checked when it is restored.
 */
public final class SnapshotCodec {
  /**
   * 6: accounts carry the uncovered deficit last reported (a bankrupt flat account is settled once,
   * not by every sweep); 5: markets carry their realized volatility estimate (volatility-driven
   * ranges, issue 12); 4: accounts carry their margin mode (portfolio margin, issue 12); 3: markets
   * may be options (issue 12); 2: accounts carry their key, nonce and filled slots (the settlement
   * rules, issue 8).
   */
  public static final byte FORMAT = 6;

  private static final int HEADER = 1 + 5 * 8;
  private static final int SOURCE = 8 + 8;
  private static final int ORDER = 8 + 4 + 8 + 8 + 8 + 1 + 8;
  private static final int POSITION = 4 + 3 * 8;
  private static final int FILLED = 4 + 8;
  private static final int ACCOUNT_AT_LEAST = 4 + 4 * 8 + 8 + 8 + 1 + 8 + 4 + 4;
  private static final int MARKET_FIELDS = 1 + 8 + 1 + 8 + 8;
  private static final int MARKET_AFTER_SPEC = MARKET_FIELDS + 3 * 4 + 1 + 1;
  private static final int OPTION = CommandCodec.TERMS_SIZE + 8 + 1;
  private static final int REALIZED = 3 * 8;
  private static final int MARKET_AT_LEAST = 2 + 100 + MARKET_AFTER_SPEC; // empty symbol
  private static final MarketStatus[] STATUSES = MarketStatus.values();

  private SnapshotCodec() {}

  /** The encoding of an image in a new array. */
  public static byte[] encode(EngineImage image) {
    ByteBuffer out = ByteBuffer.allocate(size(image));
    out.put(FORMAT);
    out.putLong(image.now()).putLong(image.feePool()).putLong(image.fundingPool());
    out.putLong(image.netDeposits()).putLong(image.orderSequence());
    out.putInt(image.markets().size());
    for (MarketImage m : image.markets()) {
      writeMarket(m, out);
    }
    out.putInt(image.accounts().size());
    for (AccountImage a : image.accounts()) {
      AccountKey k = Wire.present(a.key(), "AccountImage.key");
      out.putInt(a.id()).putLong(k.w0()).putLong(k.w1()).putLong(k.w2()).putLong(k.w3());
      putBool(out.putLong(a.collateral()).putLong(a.nonce()), a.portfolioMargin());
      out.putLong(a.reportedDeficit());
      out.putInt(a.positions().size());
      for (PositionImage p : a.positions()) {
        out.putInt(p.market()).putLong(p.size()).putLong(p.cost()).putLong(p.fundingIndex());
      }
      out.putInt(a.filledSlots().size());
      for (FilledSlot f : a.filledSlots()) {
        out.putInt(f.slot()).putLong(f.clientOrderId());
      }
    }
    return out.array();
  }

  private static int size(EngineImage image) {
    int size = HEADER + 4 + 4;
    for (MarketImage m : image.markets()) {
      size +=
          CommandCodec.specSize(m.spec())
              + MARKET_AFTER_SPEC
              + SOURCE * m.sources().size()
              + ORDER * (m.bids().size() + m.asks().size())
              + (m.option() == null ? 0 : OPTION)
              + (m.realized() == null ? 0 : REALIZED);
    }
    for (AccountImage a : image.accounts()) {
      size += ACCOUNT_AT_LEAST + POSITION * a.positions().size() + FILLED * a.filledSlots().size();
    }
    return size;
  }

  private static void writeMarket(MarketImage m, ByteBuffer out) {
    CommandCodec.writeSpec(Wire.present(m.spec(), "MarketImage.spec"), out);
    putEnum(out, Wire.present(m.status(), "MarketImage.status"));
    putBool(out.putLong(m.mark()), m.markValid());
    out.putLong(m.fundingIndex()).putLong(m.lastFundingTime());
    out.putInt(m.sources().size());
    for (OracleRecord r : m.sources()) {
      out.putLong(r.price()).putLong(r.publishTime());
    }
    writeOrders(m.bids(), out);
    writeOrders(m.asks(), out);
    OptionImage option = m.option();
    putBool(out, option != null);
    if (option != null) {
      CommandCodec.writeTerms(Wire.present(option.terms(), "OptionImage.terms"), out);
      putBool(out.putLong(option.volatility()), option.volatilityValid());
    }
    RealizedImage realized = m.realized();
    putBool(out, realized != null);
    if (realized != null) {
      out.putLong(realized.lastTime())
          .putLong(realized.lastPrice())
          .putLong(realized.variancePpm2());
    }
  }

  private static void writeOrders(List<RestingOrder> orders, ByteBuffer out) {
    out.putInt(orders.size());
    for (RestingOrder o : orders) {
      out.putLong(o.orderId()).putInt(o.account()).putLong(o.clientOrderId());
      out.putLong(o.price()).putLong(o.quantity()).put(flags(o.flags())).putLong(o.expiry());
    }
  }

  private static byte flags(int flags) {
    if (flags < 0 || flags > 0xFF) {
      throw new IllegalArgumentException("RestingOrder.flags does not fit a byte");
    }
    return (byte) flags;
  }

  /**
   * Decodes an image; the bytes must hold exactly one.
   *
   * @throws CodecException if they do not
   */
  public static EngineImage decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    need(in, HEADER, "snapshot header");
    byte format = in.get();
    if (format != FORMAT) {
      throw new CodecException(
          "unknown snapshot format " + format + " (this build reads " + FORMAT + ")");
    }
    long now = in.getLong();
    long feePool = in.getLong();
    long fundingPool = in.getLong();
    long netDeposits = in.getLong();
    long orderSequence = in.getLong();
    int marketCount = count(in, MARKET_AT_LEAST, "markets");
    List<MarketImage> markets = new ArrayList<>(marketCount);
    for (int i = 0; i < marketCount; i++) {
      markets.add(readMarket(in));
    }
    int accountCount = count(in, ACCOUNT_AT_LEAST, "accounts");
    List<AccountImage> accounts = new ArrayList<>(accountCount);
    for (int i = 0; i < accountCount; i++) {
      need(in, ACCOUNT_AT_LEAST, "account");
      int id = in.getInt();
      AccountKey key = new AccountKey(in.getLong(), in.getLong(), in.getLong(), in.getLong());
      long collateral = in.getLong();
      long nonce = in.getLong();
      boolean portfolioMargin = bool(in, "AccountImage.portfolioMargin");
      long reportedDeficit = in.getLong();
      int positionCount = in.getInt();
      checkCount(in, positionCount, POSITION, "positions");
      List<PositionImage> positions = new ArrayList<>(positionCount);
      for (int p = 0; p < positionCount; p++) {
        positions.add(new PositionImage(in.getInt(), in.getLong(), in.getLong(), in.getLong()));
      }
      int filledCount = count(in, FILLED, "filled slots");
      List<FilledSlot> filled = new ArrayList<>(filledCount);
      for (int f = 0; f < filledCount; f++) {
        filled.add(new FilledSlot(in.getInt(), in.getLong()));
      }
      accounts.add(
          new AccountImage(
              id, key, collateral, nonce, portfolioMargin, reportedDeficit, positions, filled));
    }
    if (in.hasRemaining()) {
      throw new CodecException(
          in.remaining() + " trailing bytes after a snapshot at offset " + in.position());
    }
    return new EngineImage(
        now, feePool, fundingPool, netDeposits, orderSequence, markets, accounts);
  }

  private static MarketImage readMarket(ByteBuffer in) {
    MarketSpec spec = CommandCodec.readSpec(in);
    need(in, MARKET_FIELDS, "market");
    MarketStatus status = enumOf(in, STATUSES, "MarketImage.status");
    long mark = in.getLong();
    boolean markValid = bool(in, "MarketImage.markValid");
    long fundingIndex = in.getLong();
    long lastFundingTime = in.getLong();
    int sourceCount = count(in, SOURCE, "sources");
    List<OracleRecord> sources = new ArrayList<>(sourceCount);
    for (int s = 0; s < sourceCount; s++) {
      sources.add(new OracleRecord(in.getLong(), in.getLong()));
    }
    List<RestingOrder> bids = readOrders(in);
    List<RestingOrder> asks = readOrders(in);
    need(in, 1, "market option");
    OptionImage option = null;
    if (bool(in, "MarketImage.option")) {
      OptionTerms terms = CommandCodec.readTerms(in);
      need(in, 8 + 1, "option volatility");
      option = new OptionImage(terms, in.getLong(), bool(in, "OptionImage.volatilityValid"));
    }
    need(in, 1, "market realized volatility");
    RealizedImage realized = null;
    if (bool(in, "MarketImage.realized")) {
      need(in, REALIZED, "realized volatility");
      realized = new RealizedImage(in.getLong(), in.getLong(), in.getLong());
    }
    return new MarketImage(
        spec,
        status,
        mark,
        markValid,
        fundingIndex,
        lastFundingTime,
        sources,
        bids,
        asks,
        option,
        realized);
  }

  private static List<RestingOrder> readOrders(ByteBuffer in) {
    int n = count(in, ORDER, "orders");
    List<RestingOrder> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          new RestingOrder(
              in.getLong(),
              in.getInt(),
              in.getLong(),
              in.getLong(),
              in.getLong(),
              in.get() & 0xFF,
              in.getLong()));
    }
    return out;
  }

  /** A u32 count of elements of at least {@code each} bytes, checked against what is left. */
  private static int count(ByteBuffer in, int each, String what) {
    need(in, 4, what);
    int n = in.getInt();
    checkCount(in, n, each, what);
    return n;
  }

  private static void checkCount(ByteBuffer in, int n, int each, String what) {
    if (n < 0 || (long) n * each > in.remaining()) {
      throw new CodecException(
          "snapshot "
              + what
              + ": a count of "
              + Integer.toUnsignedString(n)
              + " at offset "
              + (in.position() - 4)
              + " is more than the "
              + in.remaining()
              + " bytes left hold");
    }
  }
}
