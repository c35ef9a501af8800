package dev.sable.state.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mark rule (docs/settlement.md, "Time, marks and funding"). */
class MarkTest {
  private static final long STALENESS = 60;

  private static List<OracleRecord> records(long... priceTime) {
    List<OracleRecord> out = new ArrayList<>();
    for (int i = 0; i < priceTime.length; i += 2) {
      out.add(new OracleRecord(priceTime[i], priceTime[i + 1]));
    }
    out.addAll(
        Collections.nCopies(SettlementLayout.ORACLE_SOURCES - out.size(), OracleRecord.NONE));
    return out;
  }

  @Test
  void theMarkIsTheLowerMedianOfTheFreshRecords() {
    // fresh at 100: 50_000, 50_100, 49_900 (published at 95, 98, 40 + 60 = 100); stale: 10 at 39
    List<OracleRecord> r = records(50_000, 95, 50_100, 98, 49_900, 40, 10, 39);
    assertThat(Mark.at(r, STALENESS, 100)).isEqualTo(new Mark(50_000, true));
    // an even count takes the lower of the two middle prices
    assertThat(Mark.at(records(3, 1, 1, 1, 4, 1, 2, 1), STALENESS, 10))
        .isEqualTo(new Mark(2, true));
  }

  @Test
  void withoutAFreshRecordTheMarkIsTheLowerMedianOfAllAndInvalid() {
    List<OracleRecord> r = records(50_000, 95, 50_100, 98, 49_000, 10);
    assertThat(Mark.at(r, STALENESS, 1_000)).isEqualTo(new Mark(50_000, false));
    assertThat(Mark.at(records(), STALENESS, 1_000)).isEqualTo(new Mark(0, false));
  }

  @Test
  void aRecordIsFreshUpToExactlyTheStaleness() {
    assertThat(Mark.at(records(7, 40), STALENESS, 100).valid()).isTrue();
    assertThat(Mark.at(records(7, 39), STALENESS, 100).valid()).isFalse();
    // early in the log (now < staleness) every record is fresh
    assertThat(Mark.at(records(7, 0), STALENESS, 5).valid()).isTrue();
  }
}
