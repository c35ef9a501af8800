package dev.sable.batch.verify;

import dev.sable.sequencer.optionmarket.OptionMarks;
import dev.sable.sequencer.options.Black76;
import dev.sable.sequencer.options.OptionSpec;
import dev.sable.sequencer.options.TimeToExpiry;
import dev.sable.sequencer.options.VolatilityQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recomputes each option row's committed mark from the batch's public data (docs/settlement.md
 * "Option markets": the circuit does not): the sequencer's Black-76 mark ({@link Black76#mark},
 * docs/options.md) at the underlying's published mark as the forward, the row's published
 * volatility, the listed strike, expiry, contract size and tick, and the batch time. Only a valid
 * mark is priced: an invalid one (no valid underlying mark or volatility yet) is not a price any
 * rule uses at that batch, and the sequencer keeps its previous figure.
 */
public final class OptionMarkCheck {
  private final MarketListing listing;

  public OptionMarkCheck(MarketListing listing) {
    this.listing = listing;
  }

  /** What is wrong with the option rows of a batch at {@code batchTime} (empty when nothing). */
  public List<Finding> check(long batchTime, List<PublishedMarket> rows) {
    List<Finding> found = new ArrayList<>();
    for (PublishedMarket row : rows) {
      Optional<OptionSpec> spec = listing.option(row.market());
      if (!listing.listed(row.market())) {
        found.add(Finding.at(row, "not a market the genesis lists"));
      } else if (row.option() != spec.isPresent()) {
        found.add(
            Finding.at(
                row,
                row.option()
                    ? "published as an option row, listed as a perpetual"
                    : "an option listed at genesis, published as a perpetual row"));
      } else if (row.option() && row.markValid()) {
        mismatch(batchTime, row, spec.orElseThrow(), rows).ifPresent(found::add);
      }
    }
    return found;
  }

  /** How many of these rows carry a mark this check prices. */
  public static long priced(List<PublishedMarket> rows) {
    return rows.stream().filter(r -> r.option() && r.markValid()).count();
  }

  private static Optional<Finding> mismatch(
      long batchTime, PublishedMarket row, OptionSpec spec, List<PublishedMarket> rows) {
    Optional<PublishedMarket> underlying =
        rows.stream().filter(r -> r.market() == spec.underlyingMarket() && !r.option()).findFirst();
    if (underlying.isEmpty() || !underlying.get().markValid()) {
      return Optional.of(
          Finding.at(
              row,
              "a valid mark without a valid mark of its underlying, market "
                  + spec.underlyingMarket()));
    }
    if (row.volPpm() < VolatilityQuote.MIN_VOL_PPM || row.volPpm() > VolatilityQuote.MAX_VOL_PPM) {
      return Optional.of(
          Finding.at(row, "volatility " + row.volPpm() + " ppm outside what the oracle may sign"));
    }
    long forward = underlying.get().mark();
    long expected;
    try {
      expected =
          Black76.mark(
              spec,
              forward,
              row.volPpm(),
              TimeToExpiry.between(batchTime, spec.expiry(), OptionMarks.TIME));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Optional.of(Finding.at(row, "the model cannot price it: " + e.getMessage()));
    }
    if (expected == row.mark()) {
      return Optional.empty();
    }
    return Optional.of(
        Finding.at(
            row,
            "published mark "
                + row.mark()
                + ", Black-76 gives "
                + expected
                + " (underlying mark "
                + forward
                + ", volatility "
                + row.volPpm()
                + " ppm, batch time "
                + batchTime
                + ", expiry "
                + spec.expiry()
                + ")"));
  }
}
