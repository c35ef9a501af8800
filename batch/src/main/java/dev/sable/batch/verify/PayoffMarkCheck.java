package dev.sable.batch.verify;

import dev.sable.sequencer.market.OptionTerms;
import dev.sable.sequencer.options.OptionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the mark a settling option row publishes: its payoff per unit at the settlement price S
 * (docs/settlement.md "Option expiry"). A row settles in a batch whose time is at or after its
 * listed expiry when it settled before or its underlying's published mark in that batch is valid; S
 * is that underlying mark in the first such batch, stored and reused in every later one. S is only
 * known from the batches since the expiry, so this check is stateful: feed it every accepted batch
 * in order, from the first.
 */
public final class PayoffMarkCheck {
  private final MarketListing listing;
  private final Map<Long, Long> settlementPrices = new HashMap<>();

  public PayoffMarkCheck(MarketListing listing) {
    this.listing = listing;
  }

  /**
   * What is wrong with the settling option rows of the next batch (empty when nothing); records the
   * settlement price of each row that settles first here.
   */
  public List<Finding> check(long batchTime, List<PublishedMarket> rows) {
    List<Finding> found = new ArrayList<>();
    for (PublishedMarket row : rows) {
      Optional<OptionSpec> listed = listing.option(row.market());
      if (!row.option() || listed.isEmpty() || batchTime < listed.get().expiry()) {
        continue;
      }
      OptionSpec spec = listed.get();
      Optional<Long> s = settlementPrice(row.market(), spec, rows);
      if (s.isPresent()) {
        mismatch(row, spec, s.get()).ifPresent(found::add);
      }
    }
    return found;
  }

  /** The stored S, else the underlying's valid published mark in this batch (then stored). */
  private Optional<Long> settlementPrice(long market, OptionSpec spec, List<PublishedMarket> rows) {
    Long stored = settlementPrices.get(market);
    if (stored != null) {
      return Optional.of(stored);
    }
    Optional<Long> s =
        rows.stream()
            .filter(r -> r.market() == spec.underlyingMarket() && !r.option() && r.markValid())
            .map(PublishedMarket::mark)
            .findFirst();
    s.ifPresent(price -> settlementPrices.put(market, price));
    return s;
  }

  private static Optional<Finding> mismatch(PublishedMarket row, OptionSpec spec, long s) {
    OptionTerms terms =
        new OptionTerms(
            spec.underlyingMarket(),
            spec.kind(),
            spec.strike(),
            spec.expiry(),
            spec.contractSize());
    long expected;
    try {
      expected = terms.payoff(s);
    } catch (ArithmeticException e) {
      return Optional.of(Finding.at(row, "its payoff at S = " + s + " overflows a long"));
    }
    if (expected == row.mark()) {
      return Optional.empty();
    }
    return Optional.of(
        Finding.at(
            row,
            "settling at S = "
                + s
                + ": published mark "
                + row.mark()
                + ", the payoff per unit is "
                + expected
                + " (strike "
                + spec.strike()
                + ", contract size "
                + spec.contractSize()
                + ", expiry "
                + spec.expiry()
                + ")"));
  }
}
