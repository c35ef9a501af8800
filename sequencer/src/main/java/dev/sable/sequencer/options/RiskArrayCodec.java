package dev.sable.sequencer.options;

import dev.sable.sequencer.market.OptionKind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical encoding of a batch's risk arrays: a fixed-order sequence of signed 64-bit integers
 * (docs/options.md "Canonical encoding"), which the settlement circuit commits to as field elements
 * (v mod r) and public data carries as bytes (each integer 8 bytes, big-endian, two's complement).
 * Decoding checks every count, kind and range, and {@link RiskArraySet} the order and links, so
 * anything that is not exactly what {@link #toLongs} produces is refused with a message naming the
 * first problem.
 */
public final class RiskArrayCodec {
  /** The layout version, the first integer. */
  public static final long FORMAT = 1;

  /** The most underlyings or instruments one set may hold. */
  public static final int MAX_ROWS = 4_096;

  private static final int HEADER = 4;
  private static final int UNDERLYING_FIELDS = 3;
  private static final int INSTRUMENT_FIELDS = 11;
  private static final long KIND_PERPETUAL = 0;
  private static final long KIND_CALL = 1;
  private static final long KIND_PUT = 2;

  private RiskArrayCodec() {}

  public static long[] toLongs(RiskArraySet set) {
    int scenarios = ScenarioGrid.ofVersion(set.gridVersion()).size();
    long[] out =
        new long
            [HEADER
                + UNDERLYING_FIELDS * set.underlyings().size()
                + 1
                + (INSTRUMENT_FIELDS + scenarios) * set.instruments().size()];
    int i = 0;
    out[i++] = FORMAT;
    out[i++] = set.gridVersion();
    out[i++] = set.time();
    out[i++] = set.underlyings().size();
    for (UnderlyingRisk u : set.underlyings()) {
      out[i++] = u.market();
      out[i++] = u.mark();
      out[i++] = u.priceRangePpm();
    }
    out[i++] = set.instruments().size();
    for (InstrumentRisk row : set.instruments()) {
      i = writeInstrument(row, out, i);
      long[] pnl = row.pnlView();
      if (pnl.length != scenarios) {
        throw new IllegalArgumentException("a risk array of the wrong length");
      }
      System.arraycopy(pnl, 0, out, i, scenarios);
      i += scenarios;
    }
    return out;
  }

  public static byte[] toBytes(RiskArraySet set) {
    long[] values = toLongs(set);
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES);
    buffer.asLongBuffer().put(values);
    return buffer.array();
  }

  public static RiskArraySet fromBytes(byte[] bytes) {
    if (bytes.length % Long.BYTES != 0) {
      throw new IllegalArgumentException("risk arrays: length not a multiple of 8 bytes");
    }
    long[] values = new long[bytes.length / Long.BYTES];
    ByteBuffer.wrap(bytes).asLongBuffer().get(values);
    return fromLongs(values);
  }

  public static RiskArraySet fromLongs(long[] v) {
    Reader in = new Reader(v);
    if (in.next("format") != FORMAT) {
      throw new IllegalArgumentException("risk arrays: unknown format " + v[0]);
    }
    long version = in.next("grid version");
    if (version <= 0 || version > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("risk arrays: bad grid version " + version);
    }
    ScenarioGrid grid = ScenarioGrid.ofVersion((int) version);
    long time = in.next("time");
    int underlyingCount = in.count("underlyings");
    List<UnderlyingRisk> underlyings = new ArrayList<>();
    for (int k = 0; k < underlyingCount; k++) {
      underlyings.add(new UnderlyingRisk(in.market(), in.next("mark"), in.next("price range")));
    }
    int instrumentCount = in.count("instruments");
    List<InstrumentRisk> rows = new ArrayList<>();
    for (int k = 0; k < instrumentCount; k++) {
      rows.add(readInstrument(in, grid.size()));
    }
    if (in.remaining() != 0) {
      throw new IllegalArgumentException("risk arrays: " + in.remaining() + " trailing integers");
    }
    return new RiskArraySet((int) version, time, underlyings, rows); // checks order and links
  }

  private static int writeInstrument(InstrumentRisk row, long[] out, int i) {
    RiskInstrument instrument = row.instrument();
    out[i++] = instrument.market();
    out[i++] = instrument.underlying();
    switch (instrument) {
      case RiskInstrument.Perpetual p -> {
        out[i++] = KIND_PERPETUAL;
        i += 6; // strike, expiry, contract size, tick, lot, volatility: all 0
      }
      case RiskInstrument.Option o -> {
        OptionSpec spec = o.spec();
        out[i++] = spec.kind() == OptionKind.CALL ? KIND_CALL : KIND_PUT;
        out[i++] = spec.strike();
        out[i++] = spec.expiry();
        out[i++] = spec.contractSize();
        out[i++] = spec.tickSize();
        out[i++] = spec.lotSize();
        out[i++] = o.volPpm();
      }
    }
    out[i++] = row.mark();
    out[i++] = row.shortMinimum();
    return i;
  }

  private static InstrumentRisk readInstrument(Reader in, int scenarios) {
    int market = in.market();
    int underlying = in.market();
    long kind = in.next("kind");
    long[] fields = new long[6];
    for (int f = 0; f < fields.length; f++) {
      fields[f] = in.next("instrument field");
    }
    RiskInstrument instrument;
    if (kind == KIND_PERPETUAL) {
      if (underlying != market || !allZero(fields)) {
        throw new IllegalArgumentException("risk arrays: malformed perpetual row " + market);
      }
      instrument = new RiskInstrument.Perpetual(market);
    } else if (kind == KIND_CALL || kind == KIND_PUT) {
      OptionSpec spec =
          new OptionSpec(
              underlying,
              kind == KIND_CALL ? OptionKind.CALL : OptionKind.PUT,
              fields[0],
              fields[1],
              fields[2],
              fields[3],
              fields[4]);
      if (!spec.isValid()) {
        throw new IllegalArgumentException("risk arrays: invalid option spec in row " + market);
      }
      instrument = new RiskInstrument.Option(market, spec, fields[5]);
    } else {
      throw new IllegalArgumentException("risk arrays: unknown instrument kind " + kind);
    }
    long mark = in.next("mark");
    long shortMinimum = in.next("short minimum");
    if (mark < 0 || shortMinimum < 0) {
      throw new IllegalArgumentException("risk arrays: negative mark or minimum in row " + market);
    }
    long[] pnl = new long[scenarios];
    for (int s = 0; s < scenarios; s++) {
      pnl[s] = in.next("scenario P&L");
    }
    return new InstrumentRisk(instrument, mark, shortMinimum, pnl);
  }

  private static boolean allZero(long[] values) {
    for (long v : values) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  /** Reads the integers in order, naming what ran out. */
  private static final class Reader {
    private final long[] values;
    private int position;

    Reader(long[] values) {
      this.values = values;
    }

    long next(String what) {
      if (position >= values.length) {
        throw new IllegalArgumentException("risk arrays: truncated at the " + what);
      }
      return values[position++];
    }

    int count(String what) {
      long n = next(what + " count");
      if (n < 0 || n > MAX_ROWS) {
        throw new IllegalArgumentException("risk arrays: " + what + " count out of range: " + n);
      }
      return (int) n;
    }

    int market() {
      long m = next("market id");
      if (!RiskInstrument.isMarketId(m)) {
        throw new IllegalArgumentException("risk arrays: market id out of range: " + m);
      }
      return (int) m;
    }

    int remaining() {
      return values.length - position;
    }
  }
}
