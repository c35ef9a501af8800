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
 * data. Every input of the arrays is public: the batch time, each perpetual row's mark and scenario
 * range (the range lane of a {@code -pm} market element, which the circuit holds equal to the
 * committed row's), each option row's listed terms and published volatility; grid version 1 fixes
 * the rest (scenarios, horizon, short minimum). So {@link #checkPublished} recomputes the whole
 * table with the sequencer's {@link RiskArrayCalculator} from the public data alone and compares
 * its commitment ({@link RiskCommitment}) with the batch's; {@link #check} does the same for arrays
 * given beside the batch, naming each row that differs.
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
      commitmentMismatch(set, marketRows, committed, "the arrays give ").ifPresent(found::add);
    }
    return found;
  }

  /**
   * What is wrong with a batch's risk commitment {@code committed} (a table of {@code marketRows}
   * rows) from its public data alone: the arrays {@link #recompute} makes of the published rows
   * must commit to it. Only the commitment is published, so a difference is the batch's, not a
   * row's; a row whose published inputs cannot be priced is named.
   */
  public List<Finding> checkPublished(
      long batchTime, List<PublishedMarket> rows, Fr committed, int marketRows) {
    List<Finding> found = new ArrayList<>();
    recompute(batchTime, rows, found)
        .flatMap(
            set ->
                commitmentMismatch(
                    set,
                    marketRows,
                    committed,
                    "the arrays recomputed from its marks, volatilities and ranges give "))
        .ifPresent(found::add);
    return found;
  }

  /** The batch's finding when the arrays {@code set} do not commit to {@code committed}. */
  private static Optional<Finding> commitmentMismatch(
      RiskArraySet set, int marketRows, Fr committed, String arrays) {
    Fr computed = RiskCommitment.of(set, marketRows);
    if (computed.equals(committed)) {
      return Optional.empty();
    }
    return Optional.of(
        Finding.batch(
            "risk commitment "
                + committed.toBigInteger()
                + " in the public data, "
                + arrays
                + computed.toBigInteger()));
  }

  /**
   * The risk arrays a batch's public data determines, as the sequencer computes them: per perpetual
   * row an underlying at its published mark and range, per option row its listed terms at its
   * published volatility, at the batch time. Empty when a row cannot be priced (each such row is
   * added to {@code found}, named): a perpetual's range outside (0, 500,000] ppm or a mark of 0, a
   * range on an option row (its underlying's row carries it), an option the listing does not have,
   * or inputs the calculator refuses.
   */
  public Optional<RiskArraySet> recompute(
      long batchTime, List<PublishedMarket> rows, List<Finding> found) {
    List<UnderlyingRisk> underlyings = new ArrayList<>();
    List<RiskInstrument.Option> options = new ArrayList<>();
    int before = found.size();
    for (PublishedMarket row : rows) {
      Optional<OptionSpec> spec = listing.option(row.market());
      if (!row.option()) {
        UnderlyingRisk u = new UnderlyingRisk((int) row.market(), row.mark(), row.rangePpm());
        if (u.isValid()) {
          underlyings.add(u);
        } else {
          found.add(
              Finding.at(
                  row,
                  "published range "
                      + row.rangePpm()
                      + " ppm at mark "
                      + row.mark()
                      + ": not a risk input (a range in (0, 500000] ppm, a mark above 0)"));
        }
      } else if (row.rangePpm() != 0) {
        found.add(
            Finding.at(
                row,
                "an option row publishing a range of "
                    + row.rangePpm()
                    + " ppm (its underlying's row carries it)"));
      } else if (spec.isEmpty()) {
        found.add(Finding.at(row, "no listed option terms to recompute its risk row"));
      } else {
        options.add(new RiskInstrument.Option((int) row.market(), spec.get(), row.volPpm()));
      }
    }
    if (found.size() > before) {
      return Optional.empty();
    }
    try {
      return Optional.of(calculator.compute(batchTime, underlyings, options));
    } catch (IllegalArgumentException | ArithmeticException e) {
      found.add(Finding.batch("risk arrays that cannot be recomputed: " + e.getMessage()));
      return Optional.empty();
    }
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
          UnderlyingRisk u = underlyings.get(p.market());
          if (row.option()) {
            found.add(Finding.at(row, "an option row with a perpetual's risk row"));
          } else if (u.mark() != row.mark()) {
            found.add(
                Finding.at(
                    row,
                    "risk arrays at underlying mark " + u.mark() + ", published " + row.mark()));
          } else if (u.priceRangePpm() != row.rangePpm()) {
            found.add(
                Finding.at(
                    row,
                    "risk arrays at range "
                        + u.priceRangePpm()
                        + " ppm, published "
                        + row.rangePpm()));
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
