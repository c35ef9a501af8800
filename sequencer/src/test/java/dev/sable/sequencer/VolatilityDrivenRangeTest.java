package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.codec.SnapshotCodec;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.optionmarket.OptionListing;
import dev.sable.sequencer.optionmarket.OptionMarks;
import dev.sable.sequencer.options.PortfolioMargin;
import dev.sable.sequencer.options.RiskArrayCalculator;
import dev.sable.sequencer.options.RiskInstrument;
import dev.sable.sequencer.options.ScenarioGrid;
import dev.sable.sequencer.options.UnderlyingRisk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Volatility-driven scenario ranges in the sequencer (docs/options.md "Volatility-driven
 * parameters"): the underlying of an option is sampled hourly at time ticks, its EWMA estimate
 * scales its portfolio range between 0.5 and 3 times the listed range (the perpetual's 5%
 * maintenance rate), and portfolio requirements follow; cross margin keeps the listed rates. Golden
 * values come from an independent implementation of the documented formulas (exact decimal
 * logarithms, Python), not from this code.
 */
class VolatilityDrivenRangeTest {
  private static final long HOUR = 3_600_000;
  private static final long LISTED = 50_000;
  private static final long FLOOR = 25_000;
  private static final long CAP = 150_000;

  private final List<Command> log = new ArrayList<>();
  private TestExchange x;
  private int perp;
  private int call;
  private long nextId = 500;

  @BeforeEach
  void setUp() {
    x = new TestExchange();
    perp = x.seq.state().marketCount();
    apply(new Command.ListMarket(TestExchange.spec(0, 0)));
    prices(perp, 50_000);
    call = x.seq.state().marketCount();
    apply(
        new Command.ListOption(
            OptionMarketTest.optionSpec("C", 0),
            OptionMarketTest.terms(OptionKind.CALL, OptionMarketTest.EXPIRY)));
    prices(call, 800_000);
    for (int account = 1; account <= 3; account++) {
      apply(TestExchange.depositOf(account, 1_000_000));
    }
  }

  private List<Event> apply(Command c) {
    log.add(c);
    List<Event> events = x.apply(c);
    Invariants.check(x.seq);
    return events;
  }

  private void prices(int market, long price) {
    for (int s = 0; s < 3; s++) {
      Command c =
          x.seq.state().market(market).isOption()
              ? new Command.VolatilityPrice(market, s, price, x.seq.state().now())
              : new Command.OraclePrice(market, s, price, x.seq.state().now());
      assertThat(TestExchange.reason(apply(c))).isNull();
    }
  }

  /**
   * The underlying's mark is {@code price} at the tick of log time {@code time}: prices published a
   * unit before, then the tick that samples them. Returns the sample's {@code RiskRange}, if any.
   */
  private List<Event.RiskRange> sampleAt(long time, long price) {
    apply(new Command.TimeTick(time - 1));
    prices(perp, price);
    return TestExchange.of(apply(new Command.TimeTick(time)), Event.RiskRange.class);
  }

  /** Hourly samples of the marks from the first hour on; the RiskRange events they emit. */
  private List<Event.RiskRange> hourly(long... marks) {
    List<Event.RiskRange> out = new ArrayList<>();
    long first = x.seq.state().now() / HOUR + 1;
    for (int i = 0; i < marks.length; i++) {
      out.addAll(sampleAt((first + i) * HOUR, marks[i]));
    }
    return out;
  }

  /** Account {@code account} buys (positive) or sells {@code size} from account 2. */
  private void trade(int account, int market, long size, long price) {
    assertThat(
            TestExchange.reason(
                apply(
                    Command.PlaceOrder.limit(
                        2, market, nextId++, size > 0 ? SELL : BUY, price, Math.abs(size)))))
        .isNull();
    List<Event> events =
        apply(
            Command.PlaceOrder.limit(
                account, market, nextId++, size > 0 ? BUY : SELL, price, Math.abs(size)));
    assertThat(TestExchange.of(events, Event.Fill.class)).isNotEmpty();
  }

  /** The portfolio maintenance at a given range, computed afresh from the documented inputs. */
  private long maintenanceAt(long range, long perpSize, long callSize) {
    var state = x.seq.state();
    var c = state.market(call);
    var arrays =
        new RiskArrayCalculator(ScenarioGrid.V1, OptionMarks.TIME)
            .compute(
                state.now(),
                List.of(new UnderlyingRisk(perp, state.market(perp).mark(), range)),
                List.of(
                    new RiskInstrument.Option(
                        call, OptionListing.pricing(c.spec(), c.option()), c.volatility())));
    return new PortfolioMargin(arrays, ScenarioGrid.V1)
        .maintenance(new int[] {perp, call}, new long[] {perpSize, callSize}, 2);
  }

  private static List<Long> ranges(List<Event.RiskRange> events) {
    return events.stream().map(Event.RiskRange::priceRangePpm).toList();
  }

  @Test
  void theEstimateFollowsTheGoldenEwmaOfHourlyReturns() {
    List<Event.RiskRange> events = hourly(50_000, 51_000, 49_500, 52_000, 50_500, 50_500, 45_000);
    // first sample: the seed (80%, the reference: the listed range); then the EWMA, lambda 0.94
    assertThat(events)
        .containsExactly(
            new Event.RiskRange(perp, 800_000, 50_000),
            new Event.RiskRange(perp, 898_732, 56_171),
            new Event.RiskRange(perp, 1_108_004, 69_251),
            new Event.RiskRange(perp, 1_558_838, 97_428),
            new Event.RiskRange(perp, 1_653_625, 103_352),
            new Event.RiskRange(perp, 1_603_436, 100_215),
            new Event.RiskRange(perp, 1_979_077, 123_693));
    assertThat(x.seq.state().market(perp).realizedVariance()).isEqualTo(3_916_745_500_462L);
  }

  @Test
  void onlyTicksAnHourApartSampleAndOnlyUnderlyingsOfOptionsAreSampled() {
    hourly(50_000);
    int other = x.seq.state().marketCount();
    apply(new Command.ListMarket(TestExchange.spec(0, 0)));
    prices(other, 50_000);
    long t = x.seq.state().now();
    // a burst of ticks within the hour at moving marks changes nothing
    for (long p = 40_000; p <= 44_000; p += 1_000) {
      assertThat(sampleAt(t += 1_000, p)).isEmpty();
    }
    assertThat(x.seq.state().market(other).realizedVariance()).isZero();
  }

  @Test
  void aCrashCannotPushTheRangePastTheCapAndCrossKeepsTheListedRates() {
    apply(new Command.SetMarginMode(1, true, 1_023));
    trade(1, perp, 10, 50_000);
    List<Event.RiskRange> events = hourly(50_000, 25_000, 12_500, 6_250, 3_125, 1_000, 100, 1);
    assertThat(ranges(events)).allMatch(r -> r <= CAP).endsWith(CAP, CAP, CAP, CAP);
    // the estimate climbs on (500% samples) while the range stays at the cap
    assertThat(events.getLast().realizedVolPpm()).isEqualTo(3_033_659);
    assertThat(x.seq.margin().maintenanceRequirement(x.account(1)))
        .isEqualTo(maintenanceAt(CAP, 10, 0));
    // account 2 (cross, short 10) is margined at the listed 5% of the mark, unscaled
    assertThat(x.seq.margin().maintenanceRequirement(x.account(2))).isEqualTo(1); // ceil(0.5)
  }

  @Test
  void aFlatMarketCannotPullTheRangeBelowTheFloor() {
    apply(new Command.SetMarginMode(1, true, 2_047));
    trade(1, perp, 10, 50_000);
    long[] flat = new long[60];
    Arrays.fill(flat, 50_000);
    List<Long> ranges = ranges(hourly(flat));
    assertThat(ranges).hasSize(60).allMatch(r -> r >= FLOOR);
    assertThat(ranges.indexOf(FLOOR)).isEqualTo(24); // 24 decays after the seed, as computed
    assertThat(ranges.getLast()).isEqualTo(FLOOR);
    assertThat(x.seq.margin().maintenanceRequirement(x.account(1)))
        .isEqualTo(maintenanceAt(FLOOR, 10, 0))
        .isEqualTo(10 * 50_000 * FLOOR / 1_000_000);
  }

  @Test
  void aRangeChangeAloneRecomputesTheCachedRequirement() {
    apply(new Command.SetMarginMode(1, true, 3_071));
    trade(1, perp, 10, 50_000);
    hourly(50_000); // the seed: listed range
    var a = x.account(1);
    long before = x.seq.margin().maintenanceRequirement(a);
    assertThat(before).isEqualTo(maintenanceAt(LISTED, 10, 0));
    // the next flat sample moves only the range (same mark, and a perpetual's row has no time)
    List<Event.RiskRange> next = hourly(50_000);
    long range = next.getFirst().priceRangePpm();
    assertThat(range).isLessThan(LISTED);
    assertThat(x.seq.margin().maintenanceRequirement(a))
        .isEqualTo(maintenanceAt(range, 10, 0))
        .isLessThan(before);
  }

  @Test
  void aHedgedBookNeverNeedsMoreThanItsLegsAtAnyScaledRange() {
    long premium = x.seq.state().market(call).mark();
    trade(1, perp, 10, 50_000);
    trade(1, call, -10, premium);
    apply(new Command.SetMarginMode(1, true, 4_095));
    var a = x.account(1);
    List<Event.RiskRange> events =
        new ArrayList<>(hourly(50_000, 47_000, 53_000, 46_000, 54_000, 50_000));
    long[] flat = new long[30];
    Arrays.fill(flat, 50_000);
    events.addAll(hourly(flat));
    assertThat(ranges(events)).anyMatch(r -> r > 100_000).doesNotContain(0L);
    long scaled = events.getLast().priceRangePpm();
    long book = x.seq.margin().maintenanceRequirement(a);
    assertThat(book).isEqualTo(maintenanceAt(scaled, 10, -10));
    for (long range : new long[] {FLOOR, LISTED, 100_000, CAP}) {
      assertThat(maintenanceAt(range, 10, -10))
          .as("range %d", range)
          .isLessThanOrEqualTo(maintenanceAt(range, 10, 0) + maintenanceAt(range, 0, -10));
    }
  }

  @Test
  void replayAndARestoredSnapshotGiveTheSameEstimateEventsAndHash() {
    apply(new Command.SetMarginMode(1, true, 5_119));
    trade(1, perp, 10, 50_000);
    hourly(50_000, 51_000, 49_500);
    int half = log.size();
    var image = SnapshotCodec.decode(SnapshotCodec.encode(x.seq.image()));
    byte[] hashAtHalf = x.seq.stateHash();
    int eventsAtHalf = x.all.size();
    hourly(52_000, 50_500, 45_000);
    List<Event> tail = x.all.subList(eventsAtHalf, x.all.size());
    assertThat(TestExchange.of(tail, Event.RiskRange.class)).hasSize(3);

    TestExchange replay = new TestExchange();
    log.forEach(replay::apply);
    assertThat(replay.all).isEqualTo(x.all);
    assertThat(replay.seq.stateHash()).isEqualTo(x.seq.stateHash());

    List<Event> restoredTail = new ArrayList<>();
    Sequencer restored =
        Sequencer.restore(image, hashAtHalf, ArrayOrderBook::new, restoredTail::add);
    assertThat(restored.state().market(perp).realizedVariance())
        .isEqualTo(1_227_671_115_501L); // after the golden third sample
    log.subList(half, log.size()).forEach(restored::apply);
    assertThat(restoredTail).isEqualTo(tail);
    assertThat(restored.stateHash()).isEqualTo(x.seq.stateHash());
    assertThat(restored.margin().maintenanceRequirement(restored.state().account(1)))
        .isEqualTo(x.seq.margin().maintenanceRequirement(x.account(1)));
  }
}
