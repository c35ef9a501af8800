package dev.sable.sequencer.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.market.OptionKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Each way an encoding or a decoding is refused, with a message that says why. */
class CodecErrorsTest {
  private static final CommandCodec COMMANDS = CommandCodec.INSTANCE;
  private static final EventCodec EVENTS = EventCodec.INSTANCE;

  private static final Command.PlaceOrder ORDER =
      new Command.PlaceOrder(
          7, 2, 42, Side.SELL, OrderType.POST_ONLY, 10_050, 30, true, -1, StpMode.CANCEL_BOTH);

  /** Offsets in the PlaceOrder encoding: tag, account, market, client id, then the side. */
  private static final int SIDE_AT = 1 + 4 + 4 + 8;

  private static final int REDUCE_ONLY_AT = SIDE_AT + 1 + 1 + 8 + 8;

  @Test
  void aMissingFieldIsRefusedByName() {
    assertThatThrownBy(
            () ->
                COMMANDS.toBytes(
                    new Command.PlaceOrder(
                        7, 2, 42, Side.SELL, null, 10_050, 30, true, -1, StpMode.CANCEL_BOTH)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PlaceOrder.type is null");
    assertThatThrownBy(() -> COMMANDS.toBytes(new Command.ListMarket(null)))
        .hasMessageContaining("ListMarket.spec is null");
    assertThatThrownBy(() -> EVENTS.toBytes(new Event.MarketListed(0, null)))
        .hasMessageContaining("MarketListed.symbol is null");
    assertThatThrownBy(() -> EVENTS.toBytes(new Event.Rejected(null)))
        .hasMessageContaining("Rejected.reason is null");
    assertThatThrownBy(() -> COMMANDS.encodedSize(null)).hasMessageContaining("command is null");
  }

  @Test
  void aStringThatIsNotWellFormedOrTooLongIsRefused() {
    assertThatThrownBy(() -> EVENTS.toBytes(new Event.MarketListed(0, "BTC\uD800")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MarketListed.symbol is not well-formed UTF-16");
    String tooLong = "x".repeat(Wire.MAX_STRING_BYTES + 1);
    assertThatThrownBy(() -> EVENTS.toBytes(new Event.MarketListed(0, tooLong)))
        .hasMessageContaining("65536 UTF-8 bytes, at most 65535");
    assertThat(EVENTS.toBytes(new Event.MarketListed(0, tooLong.substring(1))))
        .hasSize(1 + 4 + 2 + Wire.MAX_STRING_BYTES);
  }

  @Test
  void aLittleEndianBufferIsRefused() {
    ByteBuffer little = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    assertThatThrownBy(() -> COMMANDS.encode(ORDER, little))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("big-endian");
    assertThatThrownBy(() -> COMMANDS.decode(little)).hasMessageContaining("big-endian");
  }

  @Test
  void anUnknownTagIsRefusedWithItsOffset() {
    byte[] event = EVENTS.toBytes(new Event.TimeAdvanced(5));
    assertThatThrownBy(() -> COMMANDS.decode(event))
        .isInstanceOf(CodecException.class)
        .hasMessage("unknown command tag 0x54 at offset 0");
    byte[] command = COMMANDS.toBytes(new Command.TimeTick(5));
    assertThatThrownBy(() -> EVENTS.decode(command))
        .hasMessage("unknown event tag 0x0b at offset 0");
    assertThatThrownBy(() -> COMMANDS.decode(new byte[0]))
        .hasMessage("truncated command: no tag at offset 0");
  }

  @Test
  void anEnumCodeOutOfRangeIsRefused() {
    byte[] bytes = COMMANDS.toBytes(ORDER);
    bytes[SIDE_AT] = 2;
    assertThatThrownBy(() -> COMMANDS.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessage("PlaceOrder.side: code 2 at offset 17 (2 values)");
    bytes[SIDE_AT] = (byte) 0xFF;
    assertThatThrownBy(() -> COMMANDS.decode(bytes)).hasMessageContaining("code 255");
  }

  @Test
  void aBooleanOtherThanZeroOrOneIsRefused() {
    byte[] bytes = COMMANDS.toBytes(ORDER);
    bytes[REDUCE_ONLY_AT] = 2;
    assertThatThrownBy(() -> COMMANDS.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessage("PlaceOrder.reduceOnly: boolean byte 2 at offset 35 (0 or 1)");
  }

  @Test
  void malformedUtf8IsRefused() {
    // "A" then an overlong encoding of NUL (C0 80), which strict UTF-8 forbids.
    byte[] bytes = HexFormat.of().parseHex("42" + "00000000" + "0003" + "41c080");
    assertThatThrownBy(() -> EVENTS.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessage("MarketListed.symbol: malformed UTF-8 at offset 7");
  }

  @Test
  void aStringLongerThanTheBytesLeftIsTruncated() {
    byte[] bytes = HexFormat.of().parseHex("42" + "00000000" + "0009" + "4254432d50455250");
    assertThatThrownBy(() -> EVENTS.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessage("truncated MarketListed.symbol: needs 9 bytes at offset 7, 8 left");
  }

  @Test
  void aFailedDecodeLeavesTheStreamWhereItWas() {
    ByteBuffer in = ByteBuffer.allocate(100);
    COMMANDS.encode(new Command.FundingTick(3), in);
    byte[] bad = COMMANDS.toBytes(ORDER);
    bad[SIDE_AT] = 9;
    in.put(bad).flip();

    assertThat(COMMANDS.decode(in)).isEqualTo(new Command.FundingTick(3));
    int before = in.position();
    assertThatThrownBy(() -> COMMANDS.decode(in)).hasMessageContaining("offset " + (before + 17));
    assertThat(in.position()).isEqualTo(before);
  }

  @Test
  void everyRecordTypeHasItsOwnTagCommandsAndEventsApart() {
    Random random = new Random(1);
    TreeSet<Integer> commandTags = new TreeSet<>();
    for (Class<?> type : Command.class.getPermittedSubclasses()) {
      commandTags.add((int) COMMANDS.toBytes((Command) RandomRecords.of(type, random))[0]);
    }
    TreeSet<Integer> eventTags = new TreeSet<>();
    for (Class<?> type : Event.class.getPermittedSubclasses()) {
      eventTags.add((int) EVENTS.toBytes((Event) RandomRecords.of(type, random))[0]);
    }
    assertThat(commandTags).hasSize(16).first().isEqualTo(0x01);
    assertThat(commandTags.last()).isEqualTo(0x10);
    assertThat(eventTags).hasSize(22).first().isEqualTo(0x41);
    assertThat(eventTags.last()).isEqualTo(0x56);
  }

  /**
   * An enum is encoded as its ordinal, so the order of its constants is part of the format
   * (docs/sequencer.md lists them): reordering or inserting one fails here.
   */
  @Test
  void enumCodesAreTheDocumentedOrdinals() {
    assertThat(names(Side.values())).isEqualTo("BUY SELL");
    assertThat(names(OrderType.values())).isEqualTo("GTC POST_ONLY IOC FOK MARKET");
    assertThat(names(StpMode.values())).isEqualTo("CANCEL_TAKER CANCEL_MAKER CANCEL_BOTH");
    assertThat(names(MarketStatus.values())).isEqualTo("ACTIVE HALTED SETTLED");
    assertThat(names(CancelReason.values()))
        .isEqualTo(
            "USER CANCEL_ALL IOC_REMAINDER SELF_TRADE EXPIRED LIQUIDATION REDUCE_ONLY"
                + " MARKET_SETTLED MARGIN");
    assertThat(names(RejectReason.values()))
        .isEqualTo(
            "UNKNOWN_MARKET UNKNOWN_ACCOUNT BAD_ACCOUNT_ID INVALID_MARKET_SPEC TOO_MANY_MARKETS"
                + " MARKET_HALTED MARKET_SETTLED FUND_ACCOUNT NON_POSITIVE_AMOUNT"
                + " NON_POSITIVE_SIZE NON_POSITIVE_PRICE PRICE_ABOVE_MAX BAD_TICK BAD_LOT"
                + " BAD_CLIENT_ORDER_ID DUPLICATE_CLIENT_ORDER_ID UNKNOWN_ORDER EXPIRED"
                + " REDUCE_ONLY_WOULD_INCREASE POST_ONLY_WOULD_CROSS FOK_NOT_FILLABLE"
                + " NO_MARK_PRICE MAX_POSITION_EXCEEDED INSUFFICIENT_MARGIN"
                + " INSUFFICIENT_COLLATERAL AMEND_NO_CHANGE UNKNOWN_ORACLE_SOURCE"
                + " ORACLE_FROM_FUTURE STALE_ORACLE_PRICE TIME_WENT_BACKWARDS FUNDING_TOO_EARLY"
                + " BAD_STATUS_CHANGE MALFORMED_COMMAND QUANTITY_ABOVE_MAX"
                + " COLLATERAL_LIMIT_EXCEEDED EXCHANGE_DEPOSIT_LIMIT_EXCEEDED"
                + " FUNDING_INDEX_LIMIT KEY_MISMATCH INVALID_KEY WRONG_NONCE TOO_MANY_POSITIONS"
                + " FILL_SLOT_BUSY CLIENT_ORDER_ID_USED BAD_AMEND_ID INVALID_OPTION_TERMS"
                + " NOT_AN_OPTION_MARKET OPTION_MARKET VOLATILITY_OUT_OF_RANGE"
                + " UNSIGNED_REQUEST OPEN_ORDERS");
    assertThat(names(OptionKind.values())).isEqualTo("CALL PUT");
  }

  private static String names(Enum<?>[] values) {
    return String.join(" ", Arrays.stream(values).map(Enum::name).toList());
  }
}
