package dev.sable.batch.verify;

import java.math.BigInteger;
import java.util.List;

/**
 * What {@code sable verify} found of one batch on L1 from its published market rows: how many
 * option marks it recomputed ({@link OptionMarkCheck}) and what is wrong (empty when nothing).
 */
public record BatchVerification(long batchNumber, int optionMarks, List<Finding> findings) {
  public BatchVerification {
    findings = List.copyOf(findings);
  }

  /** Verifies the batch {@code batchNumber} at {@code batchTime} with these market elements. */
  public static BatchVerification of(
      long batchNumber, long batchTime, List<BigInteger> marketElements, MarketListing listing) {
    List<PublishedMarket> rows;
    try {
      rows = PublishedMarket.decodeAll(marketElements);
    } catch (IllegalArgumentException e) {
      return new BatchVerification(batchNumber, 0, List.of(Finding.batch(e.getMessage())));
    }
    return new BatchVerification(
        batchNumber,
        Math.toIntExact(OptionMarkCheck.priced(rows)),
        new OptionMarkCheck(listing).check(batchTime, rows));
  }

  public boolean passed() {
    return findings.isEmpty();
  }
}
