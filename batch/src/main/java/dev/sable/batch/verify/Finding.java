package dev.sable.batch.verify;

/**
 * What a verifier found wrong in a batch's public data: where (a market row, or the batch as a
 * whole) and what.
 */
public record Finding(String where, String problem) {

  static Finding at(PublishedMarket row, String problem) {
    return new Finding(row.where(), problem);
  }

  static Finding batch(String problem) {
    return new Finding("the batch", problem);
  }

  @Override
  public String toString() {
    return where + ": " + problem;
  }
}
