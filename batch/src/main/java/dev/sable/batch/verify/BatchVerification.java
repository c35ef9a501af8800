package dev.sable.batch.verify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code sable verify} found of one batch on L1 from its published market rows: how many
 * option marks it recomputed with Black-76 ({@link OptionMarkCheck}) and what is wrong (empty when
 * nothing), a settling option row's payoff mark included ({@link PayoffMarkCheck}).
 */
public record BatchVerification(long batchNumber, int optionMarks, List<Finding> findings) {
  public BatchVerification {
    findings = List.copyOf(findings);
  }

  /**
   * Verifies the batch {@code batchNumber} at {@code batchTime} with these market elements; {@code
   * payoffs} has seen every earlier batch, in order (it holds the settlement prices).
   */
  public static BatchVerification of(
      long batchNumber,
      long batchTime,
      List<BigInteger> marketElements,
      MarketListing listing,
      PayoffMarkCheck payoffs) {
    List<PublishedMarket> rows;
    try {
      rows = PublishedMarket.decodeAll(marketElements);
    } catch (IllegalArgumentException e) {
      return new BatchVerification(batchNumber, 0, List.of(Finding.batch(e.getMessage())));
    }
    List<Finding> findings = new ArrayList<>(new OptionMarkCheck(listing).check(batchTime, rows));
    findings.addAll(payoffs.check(batchTime, rows));
    return new BatchVerification(
        batchNumber, Math.toIntExact(OptionMarkCheck.priced(rows)), findings);
  }

  public boolean passed() {
    return findings.isEmpty();
  }
}
