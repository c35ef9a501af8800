package dev.sable.sequencer.options;

import static dev.sable.sequencer.options.RiskFixtures.CALCULATOR;
import static dev.sable.sequencer.options.RiskFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.market.OptionKind;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PortfolioMarginTest {
  private static final ScenarioGrid GRID = ScenarioGrid.V1;

  @Test
  void aLonePerpetualNeedsItsFullRangeMove() {
    PortfolioMargin margin = new PortfolioMargin(RiskFixtures.small(), GRID);
    // 10% of 100,000 per unit (the 3/3 move beats 35% of the 2x extreme move: 7,000)
    assertThat(margin.requirement(List.of(new Position(0, 7))))
        .isEqualTo(new Requirement(70_000, 87_500));
    assertThat(margin.requirement(List.of(new Position(0, -7))))
        .isEqualTo(new Requirement(70_000, 87_500));
    assertThat(margin.requirement(List.of(new Position(0, 7), new Position(0, -7))))
        .isEqualTo(new Requirement(0, 0));
    assertThat(margin.requirement(List.of())).isEqualTo(new Requirement(0, 0));
  }

  @Test
  void aShortOptionPaysItsWorstScenarioPlusTheMinimum() {
    PortfolioMargin margin = new PortfolioMargin(RiskFixtures.small(), GRID);
    // worst scenario of a short call: up 3/3 with the volatility up, 74,205 (the extreme move's
    // 135,846 counts for 35%: 47,547), plus the minimum: 1% of the 10-unit notional
    assertThat(margin.requirement(List.of(new Position(1, -1))).maintenance())
        .isEqualTo(74_205 + 10_000);
    // a long call's worst is the vol-down crash: 41,993; no minimum for a long
    assertThat(margin.requirement(List.of(new Position(1, 1))).maintenance()).isEqualTo(41_993);
    // the expiring put: worthless in every scenario but the extreme crash (35% of 100,000)
    assertThat(margin.requirement(List.of(new Position(2, -3))).maintenance())
        .isEqualTo(3 * 35_000 + 3 * 10_000);
  }

  @Test
  void aCoveredCallNeedsLessThanItsLegs() {
    PortfolioMargin margin = new PortfolioMargin(RiskFixtures.small(), GRID);
    long perp = margin.requirement(List.of(new Position(0, 10))).maintenance();
    long shortCall = margin.requirement(List.of(new Position(1, -1))).maintenance();
    long covered =
        margin.requirement(List.of(new Position(0, 10), new Position(1, -1))).maintenance();
    assertThat(covered).isLessThan(perp + shortCall).isLessThan(perp);
  }

  @Test
  void underlyingsDoNotOffsetEachOther() {
    RiskArraySet two =
        CALCULATOR.compute(
            NOW,
            List.of(
                new UnderlyingRisk(0, 100_000, 100_000), new UnderlyingRisk(5, 100_000, 100_000)),
            List.of());
    PortfolioMargin margin = new PortfolioMargin(two, GRID);
    assertThat(margin.requirement(List.of(new Position(0, 1), new Position(5, -1))).maintenance())
        .isEqualTo(20_000);
  }

  @Test
  void badPositionsAreRefusedAndLeaveTheCalculatorUsable() {
    PortfolioMargin margin = new PortfolioMargin(RiskFixtures.small(), GRID);
    assertThatThrownBy(() -> margin.requirement(List.of(new Position(0, 1), new Position(9, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no risk array for market 9");
    assertThat(margin.requirement(List.of(new Position(0, 1))).maintenance()).isEqualTo(10_000);
    // beyond a long the requirement saturates; it never wraps into a small requirement
    long huge = Long.MAX_VALUE / 100;
    assertThat(margin.requirement(List.of(new Position(0, huge))))
        .isEqualTo(new Requirement(Long.MAX_VALUE, Long.MAX_VALUE));
    assertThat(margin.requirement(List.of(new Position(1, -huge), new Position(1, 1))))
        .as("the short minimum alone leaves a long")
        .isEqualTo(new Requirement(Long.MAX_VALUE, Long.MAX_VALUE));
  }

  @Test
  void scenarioSumsBeyondALongAreStillExact() {
    PortfolioMargin margin = new PortfolioMargin(RiskFixtures.small(), GRID);
    long huge = Long.MAX_VALUE / 100; // huge * pnl leaves a long in every moving scenario
    assertThat(margin.requirement(List.of(new Position(0, huge + 7), new Position(0, -huge))))
        .isEqualTo(new Requirement(70_000, 87_500));
    assertThat(margin.requirement(List.of(new Position(0, -huge), new Position(0, huge))))
        .isEqualTo(new Requirement(0, 0));
    // a covered call at any scale within a long: the wide path gives the small path's figure
    List<Position> covered = List.of(new Position(0, 10), new Position(1, -1));
    List<Position> coveredPlusHedge =
        List.of(
            new Position(0, huge),
            new Position(0, 10),
            new Position(1, -1),
            new Position(0, -huge));
    assertThat(margin.requirement(coveredPlusHedge)).isEqualTo(margin.requirement(covered));
    assertThat(margin.requirement(covered).maintenance()).isPositive();
    assertThatThrownBy(
            () -> new PortfolioMargin(new RiskArraySet(2, NOW, List.of(), List.of()), GRID))
        .hasMessageContaining("grid version 2");
  }

  /** A hedged book: several legs on one underlying, each leg a position in one instrument. */
  record Book(
      UnderlyingRisk underlying, List<RiskInstrument.Option> options, List<Position> legs) {}

  @Property(tries = 300)
  void aHedgedPortfolioNeverNeedsMoreThanItsLegsStandalone(@ForAll("hedgedBooks") Book book) {
    RiskArraySet arrays = CALCULATOR.compute(NOW, List.of(book.underlying()), book.options());
    PortfolioMargin margin = new PortfolioMargin(arrays, GRID);
    Requirement combined = margin.requirement(book.legs());
    long maintenance = 0;
    long initial = 0;
    for (Position leg : book.legs()) {
      Requirement alone = margin.requirement(List.of(leg));
      maintenance += alone.maintenance();
      initial += alone.initial();
    }
    assertThat(combined.maintenance()).isLessThanOrEqualTo(maintenance);
    assertThat(combined.initial()).isLessThanOrEqualTo(initial);
    assertThat(combined.maintenance()).isNotNegative();
  }

  @Provide
  Arbitrary<Book> hedgedBooks() {
    Arbitrary<Long> mark = Arbitraries.longs().between(1_000, 1_000_000_000);
    Arbitrary<Long> range = Arbitraries.longs().between(10_000, UnderlyingRisk.MAX_RANGE_PPM);
    Arbitrary<Long> days = Arbitraries.longs().between(1, 365);
    Arbitrary<Long> vol = Arbitraries.longs().between(50_000, 3_000_000);
    Arbitrary<Long> permille = Arbitraries.longs().between(600, 1_600);
    Arbitrary<Long> size = Arbitraries.longs().between(1, 10_000);
    Arbitrary<Integer> strategy = Arbitraries.integers().between(0, 2);
    return Combinators.combine(mark, range, days, vol, permille, permille, size, size)
        .as((m, r, d, v, k1, k2, s1, s2) -> new long[] {m, r, d, v, k1, k2, s1, s2})
        .flatMap(p -> strategy.map(kind -> book(kind, p)));
  }

  private static Book book(int strategy, long[] p) {
    long mark = p[0];
    UnderlyingRisk u = new UnderlyingRisk(0, mark, p[1]);
    long strike1 = Math.max(1, mark * p[4] / 1_000);
    long strike2 = Math.max(1, mark * p[5] / 1_000);
    return switch (strategy) {
      case 0 -> // long perpetual against short calls
          new Book(
              u,
              List.of(RiskFixtures.option(1, OptionKind.CALL, strike1, p[2], p[3])),
              List.of(new Position(0, p[6]), new Position(1, -p[7])));
      case 1 -> // a put spread: long one strike, short the other
          new Book(
              u,
              List.of(
                  RiskFixtures.option(1, OptionKind.PUT, strike1, p[2], p[3]),
                  RiskFixtures.option(2, OptionKind.PUT, strike2, p[2], p[3])),
              List.of(new Position(1, p[6]), new Position(2, -p[6])));
      default -> // a long straddle against a short perpetual
          new Book(
              u,
              List.of(
                  RiskFixtures.option(1, OptionKind.CALL, strike1, p[2], p[3]),
                  RiskFixtures.option(2, OptionKind.PUT, strike1, p[2], p[3])),
              List.of(new Position(1, p[6]), new Position(2, p[6]), new Position(0, -p[7])));
    };
  }
}
