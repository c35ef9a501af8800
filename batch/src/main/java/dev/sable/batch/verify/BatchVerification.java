package dev.sable.batch.verify;

import dev.sable.crypto.Fr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code sable verify} found of one batch on L1 from its published market rows: how many
 * option marks it recomputed with Black-76 ({@link OptionMarkCheck}), how many risk rows it
 * recomputed for a {@code -pm} batch's risk commitment ({@link RiskArrayCheck#checkPublished}), and
 * what is wrong (empty when nothing), a settling option row's payoff mark included ({@link
 * PayoffMarkCheck}).
 */
public record BatchVerification(
    long batchNumber, int optionMarks, int riskRows, List<Finding> findings) {
  public BatchVerification {
    findings = List.copyOf(findings);
  }

  /** Verifies a batch of a circuit without portfolio margin (no risk commitment). */
  public static BatchVerification of(
      long batchNumber,
      long batchTime,
      List<BigInteger> marketElements,
      MarketListing listing,
      PayoffMarkCheck payoffs) {
    return of(batchNumber, batchTime, marketElements, Optional.empty(), listing, payoffs);
  }

  /**
   * Verifies the batch {@code batchNumber} at {@code batchTime} with these market elements (one per
   * market row of its circuit) and, for a {@code -pm} batch, its risk commitment; {@code payoffs}
   * has seen every earlier batch, in order (it holds the settlement prices).
   */
  public static BatchVerification of(
      long batchNumber,
      long batchTime,
      List<BigInteger> marketElements,
      Optional<BigInteger> riskCommitment,
      MarketListing listing,
      PayoffMarkCheck payoffs) {
    List<PublishedMarket> rows;
    try {
      rows = PublishedMarket.decodeAll(marketElements);
    } catch (IllegalArgumentException e) {
      return new BatchVerification(batchNumber, 0, 0, List.of(Finding.batch(e.getMessage())));
    }
    List<Finding> findings = new ArrayList<>(new OptionMarkCheck(listing).check(batchTime, rows));
    findings.addAll(payoffs.check(batchTime, rows));
    int riskRows = 0;
    if (riskCommitment.isPresent()) {
      List<Finding> risk =
          new RiskArrayCheck(listing)
              .checkPublished(batchTime, rows, Fr.of(riskCommitment.get()), marketElements.size());
      riskRows = risk.isEmpty() ? rows.size() : 0;
      findings.addAll(risk);
    }
    return new BatchVerification(
        batchNumber, Math.toIntExact(OptionMarkCheck.priced(rows)), riskRows, findings);
  }

  public boolean passed() {
    return findings.isEmpty();
  }
}
