package dev.sable.sequencer.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.market.OptionTerms;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The golden bytes in {@code codec/golden.txt} (written from the documented layout, not by the
 * codec) against the records they stand for, both ways.
 */
class CodecGoldenTest {
  private static final Map<String, Command> COMMANDS =
      Map.ofEntries(
          Map.entry(
              "command.ListMarket",
              new Command.ListMarket(
                  new MarketSpec(
                      "BTC-PERP",
                      1,
                      1,
                      100_000,
                      50_000,
                      -100,
                      500,
                      1_000_000,
                      1_000_000_000,
                      3,
                      100,
                      10,
                      1_000,
                      10))),
          Map.entry(
              "command.PlaceOrder",
              new Command.PlaceOrder(
                  7,
                  2,
                  42,
                  Side.SELL,
                  OrderType.POST_ONLY,
                  10_050,
                  30,
                  true,
                  -1,
                  StpMode.CANCEL_BOTH)),
          Map.entry("command.AmendOrder", new Command.AmendOrder(7, 42, 42 + 1024, 10_055, 20)),
          Map.entry(
              "command.Deposit",
              new Command.Deposit(
                  7,
                  1_000_000,
                  new AccountKey(
                      0x0102030405060708L,
                      0x1112131415161718L,
                      0x2122232425262728L,
                      0x3132333435363738L))),
          Map.entry("command.Withdraw", new Command.Withdraw(7, 40_000, 3)),
          Map.entry("command.SetMarketStatus", new Command.SetMarketStatus(2, MarketStatus.HALTED)),
          Map.entry("command.TimeTick", new Command.TimeTick(1_700_000_000_000L)),
          Map.entry("command.LiquidationSweep", new Command.LiquidationSweep()),
          Map.entry(
              "command.ListOption",
              new Command.ListOption(
                  new MarketSpec(
                      "BTC-C-50K",
                      5,
                      1,
                      100_000,
                      50_000,
                      0,
                      300,
                      1_000_000,
                      1_000_000_000,
                      3,
                      100,
                      1,
                      0,
                      1),
                  new OptionTerms(0, OptionKind.PUT, 50_000, 1_700_000_000_000L, 1))),
          Map.entry(
              "command.VolatilityPrice",
              new Command.VolatilityPrice(3, 2, 800_000, 1_700_000_000_000L)),
          Map.entry("command.ForcedWithdrawal", new Command.ForcedWithdrawal(7, 40_000, 3, true)),
          Map.entry("command.SetMarginMode", new Command.SetMarginMode(7, true, 7_002)));

  private static final Map<String, Event> EVENTS =
      Map.of(
          "event.Rejected",
          new Event.Rejected(RejectReason.INSUFFICIENT_MARGIN),
          "event.MarketListed",
          new Event.MarketListed(0, "ETH-PERP"),
          "event.OrderCancelled",
          new Event.OrderCancelled(7, 2, 0x1C2, 42, 30, CancelReason.SELF_TRADE),
          "event.Fill",
          new Event.Fill(2, 0x202, 0x142, 7, 9, Side.BUY, 10_050, 30, 151, -3, -1_500, 1_500),
          "event.MarkPrice",
          new Event.MarkPrice(1, 10_000, true),
          "event.OrderAmended",
          new Event.OrderAmended(7, 0x1C2, 42 + 1024, 10_055, 20, false),
          "event.MarginModeChanged",
          new Event.MarginModeChanged(7, false, 7_003),
          "event.RiskRange",
          new Event.RiskRange(3, 800_000, 50_000));

  private static Map<String, byte[]> golden() throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream in = CodecGoldenTest.class.getResourceAsStream("/codec/golden.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int space = line.indexOf(' ');
        out.put(
            line.substring(0, space),
            HexFormat.of().parseHex(line.substring(space + 1).replace(" ", "")));
      }
    }
    return out;
  }

  @Test
  void everyGoldenRecordIsNamedHere() throws IOException {
    assertThat(golden().keySet())
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(COMMANDS.keySet().stream(), EVENTS.keySet().stream()).toList());
  }

  @Test
  void commandsEncodeToTheGoldenBytesAndBack() throws IOException {
    bothWays(CommandCodec.INSTANCE, COMMANDS);
  }

  @Test
  void eventsEncodeToTheGoldenBytesAndBack() throws IOException {
    bothWays(EventCodec.INSTANCE, EVENTS);
  }

  private static <T> void bothWays(RecordCodec<T> codec, Map<String, T> records)
      throws IOException {
    Map<String, byte[]> golden = golden();
    records.forEach(
        (label, record) -> {
          assertThat(codec.toBytes(record)).as(label).isEqualTo(golden.get(label));
          assertThat(codec.decode(golden.get(label))).as(label).isEqualTo(record);
        });
  }
}
