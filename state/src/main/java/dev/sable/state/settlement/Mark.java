package dev.sable.state.settlement;

import java.util.Arrays;
import java.util.List;

/**
 * A market's mark at a time and whether it is valid: the one Java definition of the mark rule
 * (docs/settlement.md, "Time, marks and funding"; Go ledger.MarkAt). The mark is the lower median
 * (element (n-1)/2 of the sorted prices) of the fresh records (a price, published at or after now -
 * staleness), valid; with no fresh record, the lower median of all recorded prices, invalid; with
 * no record at all, 0, invalid. It depends on the records and the time only, so the circuit
 * recomputes it.
 */
public record Mark(long price, boolean valid) {

  public static Mark at(List<OracleRecord> records, long staleness, long now) {
    long[] fresh = new long[records.size()];
    long[] all = new long[records.size()];
    int nFresh = 0;
    int nAll = 0;
    for (OracleRecord r : records) {
      if (r.isPresent()) {
        all[nAll++] = r.price();
        if (isFresh(r, staleness, now)) {
          fresh[nFresh++] = r.price();
        }
      }
    }
    if (nFresh > 0) {
      return new Mark(lowerMedian(fresh, nFresh), true);
    }
    return new Mark(lowerMedian(all, nAll), false);
  }

  // publishTime >= now - staleness, compared without overflow (both are non-negative longs).
  private static boolean isFresh(OracleRecord r, long staleness, long now) {
    return r.publishTime() >= now || now - r.publishTime() <= staleness;
  }

  /** Element (n-1)/2 of the first n values sorted; 0 for none. */
  static long lowerMedian(long[] values, int n) {
    if (n == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    return sorted[(n - 1) / 2];
  }
}
