package dev.sable.sequencer.codec;

import static dev.sable.sequencer.codec.Wire.bool;
import static dev.sable.sequencer.codec.Wire.enumOf;
import static dev.sable.sequencer.codec.Wire.need;
import static dev.sable.sequencer.codec.Wire.present;
import static dev.sable.sequencer.codec.Wire.putBool;
import static dev.sable.sequencer.codec.Wire.putEnum;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.market.OptionTerms;
import java.nio.ByteBuffer;

/**
 * The canonical binary encoding of a {@link Command} (tags 0x01 to 0x10): what the durable journal
 * stores. See {@link RecordCodec} for the rules and docs/sequencer.md for every record's layout.
 */
public final class CommandCodec extends RecordCodec<Command> {
  public static final CommandCodec INSTANCE = new CommandCodec();

  static final byte LIST_MARKET = 0x01;
  static final byte SET_MARKET_STATUS = 0x02;
  static final byte DEPOSIT = 0x03;
  static final byte WITHDRAW = 0x04;
  static final byte PLACE_ORDER = 0x05;
  static final byte CANCEL_ORDER = 0x06;
  static final byte CANCEL_ALL = 0x07;
  static final byte AMEND_ORDER = 0x08;
  static final byte ORACLE_PRICE = 0x09;
  static final byte FUNDING_TICK = 0x0A;
  static final byte TIME_TICK = 0x0B;
  static final byte LIQUIDATION_SWEEP = 0x0C;
  static final byte LIST_OPTION = 0x0D;
  static final byte VOLATILITY_PRICE = 0x0E;
  static final byte FORCED_WITHDRAWAL = 0x0F;
  static final byte SET_MARGIN_MODE = 0x10;

  private static final Side[] SIDES = Side.values();
  private static final OrderType[] ORDER_TYPES = OrderType.values();
  private static final StpMode[] STP_MODES = StpMode.values();
  private static final MarketStatus[] STATUSES = MarketStatus.values();
  private static final OptionKind[] KINDS = OptionKind.values();

  private static final String SYMBOL = "ListMarket.spec.symbol";

  /** A market spec after its symbol: twelve longs and one int. */
  private static final int SPEC_NUMBERS = 12 * 8 + 4;

  /** Option terms: underlying i32, kind u8, strike, expiry, contract size i64. */
  static final int TERMS_SIZE = 4 + 1 + 3 * 8;

  /** Bytes of a market spec's encoding. */
  static int specSize(MarketSpec spec) {
    return Wire.stringSize(spec.symbol(), SYMBOL) + SPEC_NUMBERS;
  }

  private CommandCodec() {
    super("command");
  }

  @Override
  int fixedBody(byte tag) {
    return switch (tag) {
      case LIST_MARKET -> SPEC_NUMBERS;
      case SET_MARKET_STATUS -> 4 + 1;
      case DEPOSIT -> 4 + 8 + AccountKey.BYTES;
      case WITHDRAW -> 4 + 8 + 8;
      case PLACE_ORDER -> 4 + 4 + 8 + 1 + 1 + 8 + 8 + 1 + 8 + 1;
      case CANCEL_ORDER -> 4 + 8;
      case CANCEL_ALL -> 4 + 4;
      case AMEND_ORDER -> 4 + 8 + 8 + 8 + 8;
      case ORACLE_PRICE -> 4 + 4 + 8 + 8;
      case FUNDING_TICK -> 4;
      case TIME_TICK -> 8;
      case LIQUIDATION_SWEEP -> 0;
      case LIST_OPTION -> SPEC_NUMBERS + TERMS_SIZE;
      case VOLATILITY_PRICE -> 4 + 4 + 8 + 8;
      case FORCED_WITHDRAWAL -> 4 + 8 + 8 + 1;
      case SET_MARGIN_MODE -> 4 + 1 + 8;
      default -> -1;
    };
  }

  @Override
  byte tag(Command c) {
    return switch (c) {
      case Command.ListMarket x -> LIST_MARKET;
      case Command.SetMarketStatus x -> SET_MARKET_STATUS;
      case Command.Deposit x -> DEPOSIT;
      case Command.Withdraw x -> WITHDRAW;
      case Command.PlaceOrder x -> PLACE_ORDER;
      case Command.CancelOrder x -> CANCEL_ORDER;
      case Command.CancelAll x -> CANCEL_ALL;
      case Command.AmendOrder x -> AMEND_ORDER;
      case Command.OraclePrice x -> ORACLE_PRICE;
      case Command.FundingTick x -> FUNDING_TICK;
      case Command.TimeTick x -> TIME_TICK;
      case Command.LiquidationSweep x -> LIQUIDATION_SWEEP;
      case Command.ListOption x -> LIST_OPTION;
      case Command.VolatilityPrice x -> VOLATILITY_PRICE;
      case Command.ForcedWithdrawal x -> FORCED_WITHDRAWAL;
      case Command.SetMarginMode x -> SET_MARGIN_MODE;
    };
  }

  @Override
  int checkedVariableSize(Command c) {
    switch (c) {
      case Command.ListMarket x -> {
        return Wire.stringSize(spec(x).symbol(), SYMBOL);
      }
      case Command.ListOption x -> {
        present(present(x.terms(), "ListOption.terms").kind(), "ListOption.terms.kind");
        return Wire.stringSize(present(x.spec(), "ListOption.spec").symbol(), SYMBOL);
      }
      case Command.SetMarketStatus x -> present(x.status(), "SetMarketStatus.status");
      case Command.Deposit x -> present(x.key(), "Deposit.key");
      case Command.PlaceOrder x -> {
        present(x.side(), "PlaceOrder.side");
        present(x.type(), "PlaceOrder.type");
        present(x.stp(), "PlaceOrder.stp");
      }
      default -> {}
    }
    return 0;
  }

  private static MarketSpec spec(Command.ListMarket l) {
    return present(l.spec(), "ListMarket.spec");
  }

  @Override
  void writeBody(Command c, ByteBuffer out) {
    switch (c) {
      case Command.ListMarket x -> writeSpec(x.spec(), out);
      case Command.SetMarketStatus x -> putEnum(out.putInt(x.market()), x.status());
      case Command.Deposit x -> writeKey(x.key(), out.putInt(x.account()).putLong(x.amount()));
      case Command.Withdraw x -> out.putInt(x.account()).putLong(x.amount()).putLong(x.nonce());
      case Command.PlaceOrder x -> writePlaceOrder(x, out);
      case Command.CancelOrder x -> out.putInt(x.account()).putLong(x.clientOrderId());
      case Command.CancelAll x -> out.putInt(x.account()).putInt(x.market());
      case Command.AmendOrder x ->
          out.putInt(x.account())
              .putLong(x.clientOrderId())
              .putLong(x.newClientOrderId())
              .putLong(x.price())
              .putLong(x.quantity());
      case Command.OraclePrice x ->
          out.putInt(x.market()).putInt(x.source()).putLong(x.price()).putLong(x.publishTime());
      case Command.FundingTick x -> out.putInt(x.market());
      case Command.TimeTick x -> out.putLong(x.now());
      case Command.LiquidationSweep x -> {}
      case Command.ListOption x -> {
        writeSpec(x.spec(), out);
        writeTerms(x.terms(), out);
      }
      case Command.VolatilityPrice x ->
          out.putInt(x.market()).putInt(x.source()).putLong(x.volPpm()).putLong(x.publishTime());
      case Command.ForcedWithdrawal x ->
          putBool(out.putInt(x.account()).putLong(x.maxAmount()).putLong(x.nonce()), x.signed());
      case Command.SetMarginMode x -> {
        putBool(out.putInt(x.account()), x.portfolio());
        out.putLong(x.requestId());
      }
    }
  }

  /** Option terms as {@code ListOption} encodes them (the snapshot codec shares it). */
  static void writeTerms(OptionTerms t, ByteBuffer out) {
    putEnum(out.putInt(t.underlyingMarket()), t.kind());
    out.putLong(t.strike()).putLong(t.expiry()).putLong(t.contractSize());
  }

  static OptionTerms readTerms(ByteBuffer in) {
    need(in, TERMS_SIZE, "ListOption.terms");
    return new OptionTerms(
        in.getInt(),
        enumOf(in, KINDS, "ListOption.terms.kind"),
        in.getLong(),
        in.getLong(),
        in.getLong());
  }

  private static void writeKey(AccountKey k, ByteBuffer out) {
    out.putLong(k.w0()).putLong(k.w1()).putLong(k.w2()).putLong(k.w3());
  }

  private static void writePlaceOrder(Command.PlaceOrder x, ByteBuffer out) {
    out.putInt(x.account()).putInt(x.market()).putLong(x.clientOrderId());
    putEnum(out, x.side());
    putEnum(out, x.type());
    out.putLong(x.price()).putLong(x.quantity());
    putBool(out, x.reduceOnly());
    out.putLong(x.expiry());
    putEnum(out, x.stp());
  }

  /** A market spec as {@code ListMarket} encodes it (the snapshot codec shares it). */
  static void writeSpec(MarketSpec s, ByteBuffer out) {
    Wire.putString(out, Wire.utf8(s.symbol(), SYMBOL));
    out.putLong(s.tickSize()).putLong(s.lotSize());
    out.putLong(s.initialMarginPpm()).putLong(s.maintenanceMarginPpm());
    out.putLong(s.makerFeePpm()).putLong(s.takerFeePpm());
    out.putLong(s.maxPosition()).putLong(s.maxPrice());
    out.putInt(s.oracleSources()).putLong(s.oracleStaleness());
    out.putLong(s.fundingInterval()).putLong(s.fundingClampPpm()).putLong(s.impactQuantity());
  }

  @Override
  Command readBody(byte tag, ByteBuffer in) {
    return switch (tag) {
      case LIST_MARKET -> new Command.ListMarket(readSpec(in));
      case SET_MARKET_STATUS ->
          new Command.SetMarketStatus(in.getInt(), enumOf(in, STATUSES, "SetMarketStatus.status"));
      case DEPOSIT ->
          new Command.Deposit(
              in.getInt(),
              in.getLong(),
              new AccountKey(in.getLong(), in.getLong(), in.getLong(), in.getLong()));
      case WITHDRAW -> new Command.Withdraw(in.getInt(), in.getLong(), in.getLong());
      case PLACE_ORDER ->
          new Command.PlaceOrder(
              in.getInt(),
              in.getInt(),
              in.getLong(),
              enumOf(in, SIDES, "PlaceOrder.side"),
              enumOf(in, ORDER_TYPES, "PlaceOrder.type"),
              in.getLong(),
              in.getLong(),
              bool(in, "PlaceOrder.reduceOnly"),
              in.getLong(),
              enumOf(in, STP_MODES, "PlaceOrder.stp"));
      case CANCEL_ORDER -> new Command.CancelOrder(in.getInt(), in.getLong());
      case CANCEL_ALL -> new Command.CancelAll(in.getInt(), in.getInt());
      case AMEND_ORDER ->
          new Command.AmendOrder(
              in.getInt(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
      case ORACLE_PRICE ->
          new Command.OraclePrice(in.getInt(), in.getInt(), in.getLong(), in.getLong());
      case FUNDING_TICK -> new Command.FundingTick(in.getInt());
      case TIME_TICK -> new Command.TimeTick(in.getLong());
      case LIQUIDATION_SWEEP -> new Command.LiquidationSweep();
      case LIST_OPTION -> new Command.ListOption(readSpec(in), readTerms(in));
      case VOLATILITY_PRICE ->
          new Command.VolatilityPrice(in.getInt(), in.getInt(), in.getLong(), in.getLong());
      case FORCED_WITHDRAWAL ->
          new Command.ForcedWithdrawal(
              in.getInt(), in.getLong(), in.getLong(), bool(in, "ForcedWithdrawal.signed"));
      case SET_MARGIN_MODE ->
          new Command.SetMarginMode(in.getInt(), bool(in, "SetMarginMode.portfolio"), in.getLong());
      default -> throw new IllegalArgumentException("not a command tag: " + tag);
    };
  }

  static MarketSpec readSpec(ByteBuffer in) {
    String symbol = Wire.string(in, SYMBOL);
    need(in, SPEC_NUMBERS, "ListMarket.spec");
    return new MarketSpec(
        symbol,
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getInt(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong());
  }
}
