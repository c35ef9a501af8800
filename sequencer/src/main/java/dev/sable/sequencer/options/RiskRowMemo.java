package dev.sable.sequencer.options;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The last risk row computed per market id, with the inputs it was computed from: the instrument
 * (for an option its spec and volatility), the underlying's mark and range, and for an option the
 * risk time (the grid is the calculator's, fixed). A row is a pure function of these, so a row
 * returned for equal inputs is the row a fresh computation gives; any changed input recomputes it.
 * Not thread-safe.
 */
final class RiskRowMemo {
  private RiskInstrument[] instruments = new RiskInstrument[0];
  private UnderlyingRisk[] underlyings = new UnderlyingRisk[0];
  private long[] times = new long[0];
  private InstrumentRisk[] rows = new InstrumentRisk[0];

  /** The row of {@code instrument} on {@code u} at {@code time}, from {@code compute} if stale. */
  InstrumentRisk row(
      RiskInstrument instrument, UnderlyingRisk u, long time, Supplier<InstrumentRisk> compute) {
    int m = instrument.market();
    if (m >= rows.length) {
      int size = Math.max(m + 1, 2 * rows.length);
      instruments = Arrays.copyOf(instruments, size);
      underlyings = Arrays.copyOf(underlyings, size);
      times = Arrays.copyOf(times, size);
      rows = Arrays.copyOf(rows, size);
    }
    if (rows[m] == null
        || times[m] != time
        || !instrument.equals(instruments[m])
        || !u.equals(underlyings[m])) {
      rows[m] = null; // a throwing computation leaves no stale row behind
      InstrumentRisk row = compute.get();
      instruments[m] = instrument;
      underlyings[m] = u;
      times[m] = time;
      rows[m] = row;
    }
    return rows[m];
  }
}
