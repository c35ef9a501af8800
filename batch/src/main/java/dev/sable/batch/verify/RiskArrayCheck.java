package dev.sable.batch.verify;

import dev.sable.batch.RiskCommitment;
import dev.sable.crypto.Fr;
import dev.sable.sequencer.optionmarket.OptionMarks;
import dev.sable.sequencer.options.InstrumentRisk;
import dev.sable.sequencer.options.OptionSpec;
import dev.sable.sequencer.options.RiskArrayCalculator;
import dev.sable.sequencer.options.RiskArraySet;
import dev.sable.sequencer.options.RiskInstrument;
import dev.sable.sequencer.options.ScenarioGrid;
import dev.sable.sequencer.options.UnderlyingRisk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a {@code -pm} batch's risk arrays (docs/settlement.md "Portfolio margin in the circuit":
 * the circuit binds them through one commitment and does not recompute them) against its public
 * data: the arrays' inputs are the batch's (its time; each underlying's published mark; each
 * option's listed terms, published volatility and mark), every row is what the sequencer's {@link
 * RiskArrayCalculator} computes from those inputs, one row per market row of the batch, and their
 * commitment ({@link RiskCommitment}) is the batch's.
 *
 * <p>The arrays themselves are not on L1 (only their commitment is), and one input of theirs is not
 * published either: each underlying's price range ({@code priceRangePpm}, scaled by the sequencer's
 * realized volatility). This check takes both as given by the arrays: a range other than the
 * sequencer's, with rows and commitment consistent with it, passes (docs/options.md
 * "Verification").
 */
public final class RiskArrayCheck {
  private final MarketListing listing;
  private final RiskArrayCalculator calculator =
      new RiskArrayCalculator(ScenarioGrid.V1, OptionMarks.TIME);

  public RiskArrayCheck(MarketListing listing) {
    this.listing = listing;
  }

  /**
   * What is wrong with {@code set} as the risk arrays of a batch at {@code batchTime} with these
   * used market rows, whose public data commits to {@code committed} in a table of {@code
   * marketRows} rows (empty when nothing).
   */
  public List<Finding> check(
      long batchTime, List<PublishedMarket> rows, RiskArraySet set, Fr committed, int marketRows) {
    List<Finding> found = new ArrayList<>();
    if (set.gridVersion() != ScenarioGrid.V1.version()) {
      found.add(Finding.batch("risk arrays of grid version " + set.gridVersion() + ", not 1"));
      return found;
    }
    if (set.time() != batchTime) {
      found.add(
          Finding.batch("risk arrays at time " + set.time() + ", the batch's is " + batchTime));
    }
    inputs(rows, set, found);
    recomputed(rows, set, found);
    if (set.instruments().size() > marketRows) {
      found.add(
          Finding.batch(
              set.instruments().size() + " risk rows for a table of " + marketRows + " rows"));
    } else {
      Fr computed = RiskCommitment.of(set, marketRows);
      if (!computed.equals(committed)) {
        found.add(
            Finding.batch(
                "risk commitment "
                    + committed.toBigInteger()
                    + " in the public data, the arrays give "
                    + computed.toBigInteger()));
      }
    }
    return found;
  }

  /** One row per market row, and each row's inputs the batch's. */
  private void inputs(List<PublishedMarket> rows, RiskArraySet set, List<Finding> found) {
    Map<Long, InstrumentRisk> risk = new HashMap<>();
    set.instruments().forEach(r -> risk.put((long) r.instrument().market(), r));
    Map<Integer, UnderlyingRisk> underlyings = new HashMap<>();
    set.underlyings().forEach(u -> underlyings.put(u.market(), u));
    for (PublishedMarket row : rows) {
      InstrumentRisk r = risk.remove(row.market());
      if (r == null) {
        found.add(Finding.at(row, "no risk row"));
        continue;
      }
      switch (r.instrument()) {
        case RiskInstrument.Perpetual p -> {
          long mark = underlyings.get(p.market()).mark();
          if (row.option()) {
            found.add(Finding.at(row, "an option row with a perpetual's risk row"));
          } else if (mark != row.mark()) {
            found.add(
                Finding.at(
                    row, "risk arrays at underlying mark " + mark + ", published " + row.mark()));
          }
        }
        case RiskInstrument.Option o -> option(row, r, o, found);
      }
    }
    risk.keySet().stream()
        .sorted()
        .forEach(
            m -> found.add(Finding.batch("a risk row for market " + m + ", not in the batch")));
  }

  private void option(
      PublishedMarket row, InstrumentRisk r, RiskInstrument.Option o, List<Finding> found) {
    Optional<OptionSpec> listed = listing.option(row.market());
    if (!row.option() || listed.isEmpty()) {
      found.add(Finding.at(row, "an option's risk row for a market not listed as an option"));
    } else if (!listed.get().equals(o.spec())) {
      found.add(Finding.at(row, "risk row of terms " + o.spec() + ", listed " + listed.get()));
    } else if (o.volPpm() != row.volPpm()) {
      found.add(
          Finding.at(
              row, "risk row at volatility " + o.volPpm() + " ppm, published " + row.volPpm()));
    } else if (r.mark() != row.mark()) {
      found.add(Finding.at(row, "risk row at mark " + r.mark() + ", published " + row.mark()));
    }
  }

  /** Every row as the sequencer computes it from the set's inputs. */
  private void recomputed(List<PublishedMarket> rows, RiskArraySet set, List<Finding> found) {
    List<Integer> wrong;
    try {
      wrong = calculator.mismatches(set);
    } catch (IllegalArgumentException | ArithmeticException e) {
      found.add(Finding.batch("risk arrays that cannot be recomputed: " + e.getMessage()));
      return;
    }
    for (int market : wrong) {
      String problem =
          "risk row differs from its recomputation (its mark, short minimum or scenario P&L)";
      rows.stream()
          .filter(r -> r.market() == market)
          .findFirst()
          .ifPresentOrElse(
              r -> found.add(Finding.at(r, problem)),
              () -> found.add(Finding.batch("market " + market + ": " + problem)));
    }
  }
}
