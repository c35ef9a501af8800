package dev.sable.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyProbeTest {
  @Test
  void eachSampleIsCountedOnceOverallAndOnceUnderItsCommandsKind() {
    MatchingWorkload w = MatchingWorkload.named("single", 3_000);
    LatencyProbe.Latencies l = LatencyProbe.measureByKind(w, 1, 2);
    assertEquals(2L * w.commands().length, l.all().getTotalCount());
    assertEquals(Set.of("amend", "cancel", "gtc", "ioc"), l.byKind().keySet());
    long gtc = 0;
    long cancels = 0;
    for (Command c : w.commands()) {
      if (c instanceof Command.PlaceOrder p && p.type() == OrderType.GTC) {
        gtc++;
      } else if (c instanceof Command.CancelOrder) {
        cancels++;
      }
    }
    assertEquals(2 * gtc, l.byKind().get("gtc").getTotalCount());
    assertEquals(2 * cancels, l.byKind().get("cancel").getTotalCount());
    long sum = 0;
    for (Map.Entry<String, Histogram> e : l.byKind().entrySet()) {
      sum += e.getValue().getTotalCount();
      assertTrue(e.getValue().getMaxValue() <= l.all().getMaxValue(), e.getKey());
    }
    assertEquals(l.all().getTotalCount(), sum);
  }

  @Test
  void theLineGivesEveryKindAndTheirSharesOfTheTailAddUp() {
    LatencyProbe.Latencies l =
        LatencyProbe.measureByKind(MatchingWorkload.named("single", 2_000), 0, 1);
    String line = l.line("single");
    assertTrue(line.startsWith("single by command: amend "), line);
    for (String kind : l.byKind().keySet()) {
      assertTrue(line.contains(" " + kind + " "), line);
    }
    int total = 0;
    for (String part : line.split("us, ")) {
      if (part.contains("% of those above")) {
        total += Integer.parseInt(part.substring(0, part.indexOf('%')));
      }
    }
    assertTrue(total >= 97 && total <= 103, line); // each share rounded to a whole percent
  }

  @Test
  void kindsAreOrderTypesOrCommandNames() {
    assertEquals(
        "market",
        LatencyProbe.kind(
            new Command.PlaceOrder(
                1,
                0,
                1,
                dev.sable.sequencer.command.Side.BUY,
                OrderType.MARKET,
                10,
                1,
                false,
                0,
                dev.sable.sequencer.command.StpMode.CANCEL_TAKER)));
    assertEquals("cancel", LatencyProbe.kind(new Command.CancelOrder(1, 1)));
    assertEquals("TimeTick", LatencyProbe.kind(new Command.TimeTick(5)));
  }
}
