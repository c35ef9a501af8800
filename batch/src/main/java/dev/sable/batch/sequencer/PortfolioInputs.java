package dev.sable.batch.sequencer;

import dev.sable.batch.Capacities;
import dev.sable.batch.RiskRow;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.margin.Margin;
import java.util.ArrayList;
import java.util.List;

/**
 * The risk rows a portfolio batch commits to (docs/settlement.md, "Portfolio margin in the
 * circuit"): the sequencer's own risk arrays at its marks, volatilities and time, the ones its
 * portfolio accounts' requirements are computed from (so the end-of-batch check the batcher makes
 * on the sequencer decides as the circuit does at the sealed rows). One row per listed market whose
 * arrays can be computed now; a market without them (its underlying has no mark yet) has none, and
 * a batch that needs its row is refused by the builder, naming the market.
 */
final class PortfolioInputs {
  private final boolean portfolio;
  private final ExchangeState state;
  private final Margin margin;

  PortfolioInputs(Capacities caps, ExchangeState state) {
    this.portfolio = caps.portfolio();
    this.state = state;
    this.margin = new Margin(state);
  }

  /** The rows now: none without portfolio capacities. */
  List<RiskRow> rows() {
    List<RiskRow> out = new ArrayList<>();
    if (!portfolio) {
      return out;
    }
    for (Market m : state.markets()) {
      Market underlying = m.isOption() ? state.market(m.option().underlyingMarket()) : m;
      if (underlying.mark() <= 0) {
        continue;
      }
      try {
        RiskRow.of(margin.riskArrays(List.of(m.id()))).stream()
            .filter(r -> r.market() == m.id())
            .forEach(out::add);
      } catch (ArithmeticException | IllegalArgumentException noArrays) {
        // no row for this market now (docs above)
      }
    }
    return out;
  }
}
