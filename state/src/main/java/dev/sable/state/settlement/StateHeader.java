package dev.sable.state.settlement;

import dev.sable.crypto.Deployment;
import java.util.List;

/**
 * The settlement state besides its trees: the deployment its messages are bound to, the last batch
 * applied, the pools, the time of the last batch, the deposits consumed so far and the listed
 * markets.
 *
 * @param batchNumber number of the last applied batch (0 at genesis)
 * @param marketIds the listed markets, ascending
 */
public record StateHeader(
    Deployment deployment,
    long batchNumber,
    long feePool,
    long fundingPool,
    long time,
    long depositCount,
    List<Long> marketIds) {

  public StateHeader {
    marketIds = List.copyOf(marketIds);
    if (batchNumber < 0 || feePool < 0 || time < 0 || depositCount < 0) {
      throw new IllegalArgumentException(
          "batch number, fee pool, time and deposit count are non-negative");
    }
    for (int i = 1; i < marketIds.size(); i++) {
      if (marketIds.get(i) <= marketIds.get(i - 1)) {
        throw new IllegalArgumentException("market ids must be ascending and distinct");
      }
    }
  }

  /** This header after a batch. */
  public StateHeader after(
      long batchNumber, long feePool, long fundingPool, long time, long depositCount) {
    return new StateHeader(
        deployment, batchNumber, feePool, fundingPool, time, depositCount, marketIds);
  }
}
