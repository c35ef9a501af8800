package dev.sable.batch;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.sequencer.options.Scenario;
import dev.sable.sequencer.options.ScenarioGrid;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A portfolio-margin batch's risk table (Go ledger portfolio.go and portfolio_batch.go; docs/
 * settlement.md "Portfolio margin in the circuit"): one risk row per market row, each bound to its
 * market as the circuit binds it, the commitment that makes them the public data's last element,
 * and the portfolio requirements of an account in portfolio mode, exact (unbounded) as the circuit
 * computes them.
 */
final class RiskTable {
  private static final ScenarioGrid GRID = ScenarioGrid.V1;
  private static final BigInteger PPM = BigInteger.valueOf(1_000_000);

  private final List<RiskRow> rows; // per market row
  private final List<MarketWork> markets;

  private RiskTable(List<RiskRow> rows, List<MarketWork> markets) {
    this.rows = List.copyOf(rows);
    this.markets = markets;
  }

  /**
   * The batch's risk rows laid out per market row and checked against their markets: a batch
   * without portfolio capacities has none, and with them each market row has exactly one, naming
   * the underlying the option's terms name (the market itself for a perpetual), no short minimum
   * for a perpetual, no range for an option (its underlying's row carries it, published in that
   * row's market element) and a range below 2^20 (rule {@link Rule#RISK_ROW}). Rows of markets
   * outside the batch are not used (the batcher hands every listed market's; Go's ledger is given
   * exactly the batch's).
   *
   * @return null without portfolio capacities
   */
  static RiskTable load(
      Capacities caps, List<MarketWork> markets, List<RiskRow> given, SettlementRules rules) {
    if (!caps.portfolio()) {
      if (!given.isEmpty()) {
        throw rules.fail(
            Rule.RISK_ROW,
            "risk rows for %s, a circuit without portfolio margin",
            caps.circuitName());
      }
      return null;
    }
    Map<Long, RiskRow> byMarket = new HashMap<>();
    for (RiskRow r : given) {
      if (byMarket.put(r.market(), r) != null) {
        throw rules.fail(Rule.RISK_ROW, "two risk rows for market %d", r.market());
      }
    }
    List<RiskRow> rows = new ArrayList<>();
    for (MarketWork m : markets) {
      RiskRow r = byMarket.get(m.id());
      if (r == null) {
        throw rules.fail(Rule.RISK_ROW, "no risk row for market %d", m.id());
      }
      boolean option = m.before.isOption();
      long underlying = option ? m.before.option().underlyingMarket() : m.id();
      if (r.underlying() != underlying
          || (!option && r.shortMinimum() != 0)
          || (option && r.rangePpm() != 0)
          || r.rangePpm() < 0
          || r.rangePpm() >= 1L << MarketElement.RANGE_BITS) {
        rules.violate(
            Rule.RISK_ROW,
            "market %d: underlying %d, range %d, short minimum %d",
            r.market(),
            r.underlying(),
            r.rangePpm(),
            r.shortMinimum());
      }
      rows.add(r);
    }
    return new RiskTable(rows, markets);
  }

  /**
   * Refuses a portfolio account (its mode after the batch's switches) without portfolio capacities.
   */
  static void refuseOutOfScope(Capacities caps, Tables tables, SettlementRules rules) {
    for (AccountWork a : tables.accounts) {
      if (a.before.mode() != 0 && !caps.portfolio()) {
        rules.violate(
            Rule.PORTFOLIO_MODE,
            "account %d is in mode %d, %s has no portfolio margin",
            a.index,
            a.before.mode(),
            caps.circuitName());
      }
    }
  }

  /** The rows, one per market row of the batch. */
  List<RiskRow> rows() {
    return rows;
  }

  /**
   * H(TAG_RISK, grid version, then per market row of the circuit: market, underlying, rangePpm,
   * shortMinimum, pnl[0..15]), unused rows all zero (Go ledger.RiskCommitment).
   */
  Fr commitment(int capacity) {
    return commitment(rows, capacity);
  }

  /** The commitment of rows in a table of capacity rows. */
  static Fr commitment(List<RiskRow> rows, int capacity) {
    if (rows.size() > capacity) {
      throw new IllegalArgumentException(rows.size() + " risk rows, capacity " + capacity);
    }
    List<Fr> elements = new ArrayList<>(List.of(DomainTag.RISK, Fr.ofLong(GRID.version())));
    for (int i = 0; i < capacity; i++) {
      elements.addAll((i < rows.size() ? rows.get(i) : RiskRow.UNUSED).elements());
    }
    return Poseidon2.INSTANCE.hash(elements.toArray(Fr[]::new));
  }

  /** The portfolio maintenance requirement of the account's positions now at these rows, exact. */
  BigInteger maintenance(AccountWork a) {
    Map<Long, RiskRow> byMarket = new HashMap<>();
    rows.forEach(r -> byMarket.put(r.market(), r));
    List<long[]> holdings = new ArrayList<>();
    for (int p = 0; p < AccountWork.SLOTS; p++) {
      if (a.slotMarket[p] != AccountRow.NO_ROW) {
        holdings.add(new long[] {markets.get(a.slotMarket[p]).id(), a.sizes[p]});
      }
    }
    return maintenance(byMarket, holdings);
  }

  /**
   * sum over underlyings u of max(0, max over s of the weighted loss of u's positions in s), plus
   * |size| * shortMinimum per short position (Go ledger.PortfolioMaintenance), exact.
   *
   * @param holdings (market, size) pairs, each market with a row
   */
  static BigInteger maintenance(Map<Long, RiskRow> byMarket, List<long[]> holdings) {
    Map<Long, BigInteger[]> sums = new LinkedHashMap<>();
    BigInteger total = BigInteger.ZERO;
    for (long[] h : holdings) {
      if (h[1] == 0) {
        continue;
      }
      RiskRow row = byMarket.get(h[0]);
      if (row == null) {
        throw new IllegalArgumentException("portfolio: no risk row for market " + h[0]);
      }
      BigInteger size = BigInteger.valueOf(h[1]);
      BigInteger[] s = sums.computeIfAbsent(row.underlying(), u -> zeros());
      for (int k = 0; k < RiskRow.SCENARIOS; k++) {
        s[k] = s[k].add(size.multiply(BigInteger.valueOf(row.pnl(k))));
      }
      if (h[1] < 0) {
        total = total.subtract(size.multiply(BigInteger.valueOf(row.shortMinimum())));
      }
    }
    for (BigInteger[] s : sums.values()) {
      total = total.add(worstLoss(s));
    }
    return total;
  }

  /** ceil(maintenance * 1.25): grid V1's initial factor. */
  static BigInteger initial(BigInteger maintenance) {
    return ceilDiv(maintenance.multiply(BigInteger.valueOf(GRID.initialFactorPpm())));
  }

  private static BigInteger worstLoss(BigInteger[] sums) {
    BigInteger worst = BigInteger.ZERO;
    for (int k = 0; k < sums.length; k++) {
      Scenario s = GRID.scenarios().get(k);
      BigInteger loss = sums[k].negate().multiply(BigInteger.valueOf(s.weightPpm()));
      worst = worst.max(ceilDiv(loss));
    }
    return worst;
  }

  private static BigInteger ceilDiv(BigInteger numerator) {
    BigInteger[] qr = numerator.divideAndRemainder(PPM);
    // truncation rounds toward zero: up already for a negative remainder
    return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
  }

  private static BigInteger[] zeros() {
    BigInteger[] out = new BigInteger[RiskRow.SCENARIOS];
    Arrays.fill(out, BigInteger.ZERO);
    return out;
  }
}
