package dev.sable.batch;

import dev.sable.state.settlement.Mark;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.MarketParams;
import dev.sable.state.settlement.OracleRecord;
import java.util.Arrays;
import java.util.List;

/** A market row as the batch changes it: ticks, then prices, then the mark at the batch time. */
final class MarketWork {
  final MarketLeafV2 before;
  final OracleRecord[] records;
  long mark;
  boolean valid; // the mark at the batch time is valid
  long fundingIndex;
  long lastFundingTime;
  boolean funded;
  boolean ticked;
  long rate;
  int underlyingRow; // an option's underlying's row
  long volPpm; // an option's committed volatility
  long committedMark; // an option's committed mark (its row's witness; mark may become the payoff)
  long marginPrice; // what requirements use: the mark but for an option (BatchApplication)

  MarketWork(MarketLeafV2 before) {
    this.before = before;
    this.records = before.records().toArray(OracleRecord[]::new);
    this.mark = before.mark();
    this.fundingIndex = before.fundingIndex();
    this.lastFundingTime = before.lastFundingTime();
    this.funded = before.funded();
  }

  long id() {
    return before.id();
  }

  MarketParams params() {
    return before.params();
  }

  Mark markAt(long now) {
    return Mark.at(Arrays.asList(records), params().oracleStaleness(), now);
  }

  MarketLeafV2 after() {
    return new MarketLeafV2(
        before.id(),
        before.params(),
        before.oracleKeys(),
        mark,
        fundingIndex,
        lastFundingTime,
        funded,
        List.of(records),
        before.option());
  }
}
