package dev.sable.sequencer.codec;

import static dev.sable.sequencer.codec.Wire.bool;
import static dev.sable.sequencer.codec.Wire.enumOf;
import static dev.sable.sequencer.codec.Wire.present;
import static dev.sable.sequencer.codec.Wire.putBool;
import static dev.sable.sequencer.codec.Wire.putEnum;

import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.market.MarketStatus;
import java.nio.ByteBuffer;

/**
 * The canonical binary encoding of an {@link Event} (tags 0x41 to 0x55, apart from the commands'):
 * what the state hash hashes. See {@link RecordCodec} for the rules and docs/sequencer.md for every
 * record's layout.
 */
public final class EventCodec extends RecordCodec<Event> {
  public static final EventCodec INSTANCE = new EventCodec();

  /**
   * The most bytes an event's encoding takes: a {@code MarketListed} with the longest symbol (tag,
   * market, length prefix, UTF-8); every other event has a fixed size below it.
   */
  public static final int MAX_ENCODED_BYTES = 1 + 4 + 2 + Wire.MAX_STRING_BYTES;

  static final byte REJECTED = 0x41;
  static final byte MARKET_LISTED = 0x42;
  static final byte MARKET_STATUS_CHANGED = 0x43;
  static final byte DEPOSITED = 0x44;
  static final byte WITHDRAWN = 0x45;
  static final byte ORDER_ACCEPTED = 0x46;
  static final byte ORDER_AMENDED = 0x47;
  static final byte ORDER_CANCELLED = 0x48;
  static final byte FILL = 0x49;
  static final byte MARK_PRICE = 0x4A;
  static final byte FUNDING_RATE = 0x4B;
  static final byte FUNDING_PAID = 0x4C;
  static final byte LIQUIDATED = 0x4D;
  static final byte POSITION_TAKEOVER = 0x4E;
  static final byte INSURANCE_SURPLUS = 0x4F;
  static final byte DEFICIT_COVERED = 0x50;
  static final byte UNCOVERED_DEFICIT = 0x51;
  static final byte ADL_FILL = 0x52;
  static final byte POSITION_SETTLED = 0x53;
  static final byte TIME_ADVANCED = 0x54;
  static final byte MARGIN_MODE_CHANGED = 0x55;
  static final byte RISK_RANGE = 0x56;

  private static final String SYMBOL = "MarketListed.symbol";
  private static final Side[] SIDES = Side.values();
  private static final MarketStatus[] STATUSES = MarketStatus.values();
  private static final RejectReason[] REJECT_REASONS = RejectReason.values();
  private static final CancelReason[] CANCEL_REASONS = CancelReason.values();

  private EventCodec() {
    super("event");
  }

  @Override
  int fixedBody(byte tag) {
    return switch (tag) {
      case REJECTED -> 1;
      case MARKET_LISTED -> 4;
      case MARKET_STATUS_CHANGED -> 4 + 1;
      case DEPOSITED, WITHDRAWN, INSURANCE_SURPLUS, DEFICIT_COVERED, UNCOVERED_DEFICIT -> 4 + 8;
      case ORDER_ACCEPTED -> 4 + 4 + 8 + 8 + 1 + 8 + 8;
      case ORDER_AMENDED -> 4 + 8 + 8 + 8 + 8 + 1;
      case ORDER_CANCELLED -> 4 + 4 + 8 + 8 + 8 + 1;
      case FILL -> 4 + 8 + 8 + 4 + 4 + 1 + 6 * 8;
      case MARK_PRICE -> 4 + 8 + 1;
      case FUNDING_RATE -> 4 + 8 + 8;
      case FUNDING_PAID -> 4 + 4 + 8;
      case LIQUIDATED -> 4 + 8 + 8;
      case POSITION_TAKEOVER, POSITION_SETTLED -> 4 + 4 + 8 + 8 + 8;
      case ADL_FILL -> 4 + 4 + 4 + 5 * 8;
      case TIME_ADVANCED -> 8;
      case MARGIN_MODE_CHANGED -> 4 + 1 + 8;
      case RISK_RANGE -> 4 + 8 + 8;
      default -> -1;
    };
  }

  @Override
  byte tag(Event e) {
    return switch (e) {
      case Event.Rejected x -> REJECTED;
      case Event.MarketListed x -> MARKET_LISTED;
      case Event.MarketStatusChanged x -> MARKET_STATUS_CHANGED;
      case Event.Deposited x -> DEPOSITED;
      case Event.Withdrawn x -> WITHDRAWN;
      case Event.OrderAccepted x -> ORDER_ACCEPTED;
      case Event.OrderAmended x -> ORDER_AMENDED;
      case Event.OrderCancelled x -> ORDER_CANCELLED;
      case Event.Fill x -> FILL;
      case Event.MarkPrice x -> MARK_PRICE;
      case Event.FundingRate x -> FUNDING_RATE;
      case Event.FundingPaid x -> FUNDING_PAID;
      case Event.Liquidated x -> LIQUIDATED;
      case Event.PositionTakeover x -> POSITION_TAKEOVER;
      case Event.InsuranceSurplus x -> INSURANCE_SURPLUS;
      case Event.DeficitCovered x -> DEFICIT_COVERED;
      case Event.UncoveredDeficit x -> UNCOVERED_DEFICIT;
      case Event.AdlFill x -> ADL_FILL;
      case Event.PositionSettled x -> POSITION_SETTLED;
      case Event.TimeAdvanced x -> TIME_ADVANCED;
      case Event.MarginModeChanged x -> MARGIN_MODE_CHANGED;
      case Event.RiskRange x -> RISK_RANGE;
    };
  }

  @Override
  int checkedVariableSize(Event e) {
    switch (e) {
      case Event.MarketListed x -> {
        return Wire.stringSize(x.symbol(), SYMBOL);
      }
      case Event.Rejected x -> present(x.reason(), "Rejected.reason");
      case Event.MarketStatusChanged x -> present(x.status(), "MarketStatusChanged.status");
      case Event.OrderAccepted x -> present(x.side(), "OrderAccepted.side");
      case Event.OrderCancelled x -> present(x.reason(), "OrderCancelled.reason");
      case Event.Fill x -> present(x.takerSide(), "Fill.takerSide");
      default -> {}
    }
    return 0;
  }

  @Override
  void writeBody(Event e, ByteBuffer out) {
    switch (e) {
      case Event.Rejected x -> putEnum(out, x.reason());
      case Event.MarketListed x ->
          Wire.putString(out.putInt(x.market()), Wire.utf8(x.symbol(), SYMBOL));
      case Event.MarketStatusChanged x -> putEnum(out.putInt(x.market()), x.status());
      case Event.Deposited x -> out.putInt(x.account()).putLong(x.amount());
      case Event.Withdrawn x -> out.putInt(x.account()).putLong(x.amount());
      case Event.OrderAccepted x -> writeOrderAccepted(x, out);
      case Event.OrderAmended x -> {
        out.putInt(x.account()).putLong(x.orderId()).putLong(x.clientOrderId());
        out.putLong(x.price()).putLong(x.quantity());
        putBool(out, x.keptPriority());
      }
      case Event.OrderCancelled x -> {
        out.putInt(x.account()).putInt(x.market()).putLong(x.orderId());
        out.putLong(x.clientOrderId()).putLong(x.remaining());
        putEnum(out, x.reason());
      }
      case Event.Fill x -> writeFill(x, out);
      case Event.MarkPrice x -> putBool(out.putInt(x.market()).putLong(x.mark()), x.valid());
      case Event.FundingRate x ->
          out.putInt(x.market()).putLong(x.ratePpm()).putLong(x.fundingIndex());
      case Event.FundingPaid x -> out.putInt(x.account()).putInt(x.market()).putLong(x.amount());
      case Event.Liquidated x ->
          out.putInt(x.account()).putLong(x.equity()).putLong(x.maintenanceRequirement());
      case Event.PositionTakeover x ->
          putClosedPosition(out, x.account(), x.market(), x.size(), x.price(), x.realized());
      case Event.InsuranceSurplus x -> out.putInt(x.account()).putLong(x.amount());
      case Event.DeficitCovered x -> out.putInt(x.account()).putLong(x.amount());
      case Event.UncoveredDeficit x -> out.putInt(x.account()).putLong(x.amount());
      case Event.AdlFill x -> writeAdlFill(x, out);
      case Event.PositionSettled x ->
          putClosedPosition(out, x.account(), x.market(), x.size(), x.price(), x.realized());
      case Event.TimeAdvanced x -> out.putLong(x.now());
      case Event.MarginModeChanged x -> {
        putBool(out.putInt(x.account()), x.portfolio());
        out.putLong(x.requestId());
      }
      case Event.RiskRange x ->
          out.putInt(x.market()).putLong(x.realizedVolPpm()).putLong(x.priceRangePpm());
    }
  }

  /** A takeover and a settlement close a position alike: the same layout. */
  private static void putClosedPosition(
      ByteBuffer out, int account, int market, long size, long price, long realized) {
    out.putInt(account).putInt(market).putLong(size).putLong(price).putLong(realized);
  }

  private static void writeOrderAccepted(Event.OrderAccepted x, ByteBuffer out) {
    out.putInt(x.account()).putInt(x.market()).putLong(x.clientOrderId()).putLong(x.orderId());
    putEnum(out, x.side());
    out.putLong(x.price()).putLong(x.quantity());
  }

  private static void writeFill(Event.Fill x, ByteBuffer out) {
    out.putInt(x.market()).putLong(x.takerOrderId()).putLong(x.makerOrderId());
    out.putInt(x.taker()).putInt(x.maker());
    putEnum(out, x.takerSide());
    out.putLong(x.price()).putLong(x.quantity());
    out.putLong(x.takerFee()).putLong(x.makerFee());
    out.putLong(x.takerRealized()).putLong(x.makerRealized());
  }

  private static void writeAdlFill(Event.AdlFill x, ByteBuffer out) {
    out.putInt(x.market()).putInt(x.bankrupt()).putInt(x.counterparty());
    out.putLong(x.bankruptSize()).putLong(x.price()).putLong(x.quantity());
    out.putLong(x.bankruptRealized()).putLong(x.counterpartyRealized());
  }

  @Override
  Event readBody(byte tag, ByteBuffer in) {
    return switch (tag) {
      case REJECTED -> new Event.Rejected(enumOf(in, REJECT_REASONS, "Rejected.reason"));
      case MARKET_LISTED -> new Event.MarketListed(in.getInt(), Wire.string(in, SYMBOL));
      case MARKET_STATUS_CHANGED ->
          new Event.MarketStatusChanged(
              in.getInt(), enumOf(in, STATUSES, "MarketStatusChanged.status"));
      case DEPOSITED -> new Event.Deposited(in.getInt(), in.getLong());
      case WITHDRAWN -> new Event.Withdrawn(in.getInt(), in.getLong());
      case ORDER_ACCEPTED ->
          new Event.OrderAccepted(
              in.getInt(),
              in.getInt(),
              in.getLong(),
              in.getLong(),
              enumOf(in, SIDES, "OrderAccepted.side"),
              in.getLong(),
              in.getLong());
      case ORDER_AMENDED ->
          new Event.OrderAmended(
              in.getInt(),
              in.getLong(),
              in.getLong(),
              in.getLong(),
              in.getLong(),
              bool(in, "OrderAmended.keptPriority"));
      case ORDER_CANCELLED ->
          new Event.OrderCancelled(
              in.getInt(),
              in.getInt(),
              in.getLong(),
              in.getLong(),
              in.getLong(),
              enumOf(in, CANCEL_REASONS, "OrderCancelled.reason"));
      case FILL -> readFill(in);
      case MARK_PRICE ->
          new Event.MarkPrice(in.getInt(), in.getLong(), bool(in, "MarkPrice.valid"));
      case FUNDING_RATE -> new Event.FundingRate(in.getInt(), in.getLong(), in.getLong());
      case FUNDING_PAID -> new Event.FundingPaid(in.getInt(), in.getInt(), in.getLong());
      case LIQUIDATED -> new Event.Liquidated(in.getInt(), in.getLong(), in.getLong());
      case POSITION_TAKEOVER ->
          new Event.PositionTakeover(
              in.getInt(), in.getInt(), in.getLong(), in.getLong(), in.getLong());
      case INSURANCE_SURPLUS -> new Event.InsuranceSurplus(in.getInt(), in.getLong());
      case DEFICIT_COVERED -> new Event.DeficitCovered(in.getInt(), in.getLong());
      case UNCOVERED_DEFICIT -> new Event.UncoveredDeficit(in.getInt(), in.getLong());
      case ADL_FILL ->
          new Event.AdlFill(
              in.getInt(),
              in.getInt(),
              in.getInt(),
              in.getLong(),
              in.getLong(),
              in.getLong(),
              in.getLong(),
              in.getLong());
      case POSITION_SETTLED ->
          new Event.PositionSettled(
              in.getInt(), in.getInt(), in.getLong(), in.getLong(), in.getLong());
      case TIME_ADVANCED -> new Event.TimeAdvanced(in.getLong());
      case MARGIN_MODE_CHANGED ->
          new Event.MarginModeChanged(
              in.getInt(), bool(in, "MarginModeChanged.portfolio"), in.getLong());
      case RISK_RANGE -> new Event.RiskRange(in.getInt(), in.getLong(), in.getLong());
      default -> throw new IllegalArgumentException("not an event tag: " + tag);
    };
  }

  private static Event readFill(ByteBuffer in) {
    return new Event.Fill(
        in.getInt(),
        in.getLong(),
        in.getLong(),
        in.getInt(),
        in.getInt(),
        enumOf(in, SIDES, "Fill.takerSide"),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong());
  }
}
