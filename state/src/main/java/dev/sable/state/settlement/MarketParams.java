package dev.sable.state.settlement;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import java.util.ArrayList;
import java.util.List;

/**
 * A market's fixed parameters, the sequencer's MarketSpec fields the settlement circuit checks,
 * fixed at listing (docs/state.md, sections 4 and 12). Fractions in ppm; the maker fee may be
 * negative (a rebate); times in the log's unit.
 */
public record MarketParams(
    long tickSize,
    long lotSize,
    long initialMarginPpm,
    long maintenanceMarginPpm,
    long makerFeePpm,
    long takerFeePpm,
    long maxPosition,
    long maxPrice,
    long oracleStaleness,
    long fundingInterval,
    long fundingClampPpm) {

  private static final long PPM = 1_000_000;
  private static final long MAX_UNIT = 1L << 62;

  public MarketParams {
    require(tickSize >= 1 && tickSize <= MAX_UNIT, "tickSize in [1, 2^62]");
    require(lotSize >= 1 && lotSize <= MAX_UNIT, "lotSize in [1, 2^62]");
    require(
        0 < maintenanceMarginPpm
            && maintenanceMarginPpm < initialMarginPpm
            && initialMarginPpm <= PPM,
        "0 < maintenanceMarginPpm < initialMarginPpm <= 10^6");
    require(takerFeePpm >= 0 && takerFeePpm <= PPM, "takerFeePpm in [0, 10^6]");
    require(-takerFeePpm <= makerFeePpm && makerFeePpm <= takerFeePpm, "|makerFeePpm| <= taker");
    require(
        maxPosition >= 1 && maxPrice >= 1 && maxPosition <= MAX_UNIT / maxPrice,
        "maxPosition * maxPrice in [1, 2^62]");
    require(oracleStaleness >= 0 && fundingInterval >= 0, "staleness and interval >= 0");
    require(fundingClampPpm >= 0 && fundingClampPpm <= PPM, "fundingClampPpm in [0, 10^6]");
  }

  private static void require(boolean ok, String rule) {
    if (!ok) {
      throw new IllegalArgumentException("market parameters break " + rule);
    }
  }

  /** The number of parameters. */
  public static final int COUNT = 11;

  /** The parameters in declaration order. */
  public long[] values() {
    return new long[] {
      tickSize,
      lotSize,
      initialMarginPpm,
      maintenanceMarginPpm,
      makerFeePpm,
      takerFeePpm,
      maxPosition,
      maxPrice,
      oracleStaleness,
      fundingInterval,
      fundingClampPpm
    };
  }

  /** The parameters from their values in declaration order. */
  public static MarketParams of(long... v) {
    if (v.length != COUNT) {
      throw new IllegalArgumentException(COUNT + " market parameters, got " + v.length);
    }
    return new MarketParams(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
  }

  /** The parameters in declaration order, signed ones as x mod r (the circuit's Params). */
  public List<Fr> elements() {
    List<Fr> out = new ArrayList<>(COUNT);
    for (long p : values()) {
      out.add(Fr.ofLong(p));
    }
    return out;
  }

  /** H(TAG_MARKET_PARAMS, the 11 parameters). */
  public Fr hash() {
    List<Fr> elements = new ArrayList<>(12);
    elements.add(DomainTag.MARKET_PARAMS);
    elements.addAll(elements());
    return Poseidon2.INSTANCE.hash(elements.toArray(Fr[]::new));
  }
}
