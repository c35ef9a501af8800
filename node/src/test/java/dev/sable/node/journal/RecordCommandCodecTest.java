package dev.sable.node.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordCommandCodecTest {
  static final MarketSpec SPEC =
      new MarketSpec(
          "BTC-PERP",
          10,
          1,
          100_000,
          50_000,
          -100,
          500,
          1_000_000,
          10_000_000,
          3,
          60_000,
          3_600_000,
          2_000,
          100);

  /** One command of every kind, with values at awkward bounds. */
  static List<Command> everyKind() {
    return List.of(
        new Command.ListMarket(SPEC),
        new Command.SetMarketStatus(2, MarketStatus.HALTED),
        new Command.Deposit(7, Long.MAX_VALUE, new AccountKey(1, -2, Long.MIN_VALUE, 4)),
        new Command.Withdraw(7, -1, Long.MAX_VALUE),
        new Command.PlaceOrder(
            7,
            0,
            Long.MAX_VALUE,
            Side.SELL,
            OrderType.FOK,
            123,
            4,
            true,
            Long.MIN_VALUE,
            StpMode.CANCEL_BOTH),
        new Command.CancelOrder(7, 0),
        new Command.CancelAll(7, -1),
        new Command.AmendOrder(7, 9, 9 + 1024, 1, 2),
        new Command.OraclePrice(1, 2, 3, 4),
        new Command.FundingTick(3),
        new Command.TimeTick(1_700_000_000_000L),
        new Command.LiquidationSweep());
  }

  @Test
  void everyCommandKindRoundTrips() {
    RecordCommandCodec codec = new RecordCommandCodec();
    assertThat(everyKind()).hasSize(Command.class.getPermittedSubclasses().length);
    for (Command c : everyKind()) {
      assertThat(codec.decode(codec.encode(c))).isEqualTo(c);
    }
  }

  @Test
  void truncatedUnknownOrTrailingBytesAreRefused() {
    RecordCommandCodec codec = new RecordCommandCodec();
    byte[] good = codec.encode(everyKind().get(4));
    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(good, good.length + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 200}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
