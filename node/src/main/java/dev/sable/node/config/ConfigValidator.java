package dev.sable.node.config;

import dev.sable.sequencer.market.OptionTerms;
import dev.sable.sequencer.options.OptionSpec;
import dev.sable.sequencer.options.VolatilityQuote;
import java.util.HexFormat;

/** The ranges every setting must be in; the first violation is reported as one line. */
final class ConfigValidator {
  private ConfigValidator() {}

  static void validate(NodeConfig c) {
    require(
        c.dataDir() != null && !c.dataDir().toString().isBlank(),
        "dataDir",
        "must be a directory path");
    var h = c.http();
    range("http.port", h.port(), 0, 65_535);
    range("http.bodyLimit", h.bodyLimit(), 1024, 16 << 20);
    range("http.requestTimeoutMs", h.requestTimeoutMs(), 100, 600_000);
    range("http.idleTimeoutSeconds", h.idleTimeoutSeconds(), 1, 86_400);
    range("http.requestsPerSecond", h.requestsPerSecond(), 1, 10_000_000);
    range("http.burst", h.burst(), 1, 10_000_000);
    range("http.eventLoops", h.eventLoops(), 0, 64);
    var i = c.intake();
    range("intake.verifierThreads", i.verifierThreads(), 0, 256);
    range("intake.queueCapacity", i.queueCapacity(), 1, 10_000_000);
    range("intake.sessionCache", i.sessionCache(), 1, 10_000_000);
    var snap = c.snapshot();
    if (snap.intervalMs() != 0) {
      range("snapshot.intervalMs", snap.intervalMs(), 10, 86_400_000);
    }
    range("snapshot.minEntries", snap.minEntries(), 1, 1_000_000_000_000L);
    range("snapshot.keep", snap.keep(), 1, 100);
    var l1 = c.l1();
    require(l1.mode() != null, "l1.mode", "must be local, rpc or none");
    range("l1.chainId", l1.chainId(), 1, Long.MAX_VALUE);
    hex("l1.bridge", l1.bridge(), 20);
    if (!l1.operatorKey().isEmpty()) {
      hex("l1.operatorKey", l1.operatorKey(), 32);
    }
    if (l1.mode() == NodeConfig.L1Mode.RPC) {
      require(!l1.rpcUrl().isBlank(), "l1.rpcUrl", "is required with l1.mode rpc");
      require(
          !l1.operatorKey().isEmpty(),
          "l1.operatorKey",
          "is required with l1.mode rpc (set SABLE_L1_OPERATOR_KEY)");
      require(!l1.bridge().matches("0+"), "l1.bridge", "is required with l1.mode rpc");
    }
    range("l1.receiptWaitSeconds", l1.receiptWaitSeconds(), 1, 3_600);
    range("l1.confirmations", l1.confirmations(), 0, 10_000);
    range("l1.pollMs", l1.pollMs(), 10, 3_600_000);
    range("l1.rpcTimeoutSeconds", l1.rpcTimeoutSeconds(), 1, 3_600);
    require(c.prover().keyDir() != null, "prover.keyDir", "must be a directory path");
    require(c.prover().keys() != null, "prover.keys", "must be development or existing");
    range("pipeline.intervalMs", c.pipeline().intervalMs(), 10, 3_600_000);
    range("pipeline.maxBatchAgeMs", c.pipeline().maxBatchAgeMs(), 1, 86_400_000);
    require(
        c.pipeline().capacities() != null,
        "pipeline.capacities",
        "must be tiny, tiny_l2, tiny_l2_q1, tiny_l2_q1_owner, tiny_l2_q1_owner_blob,"
            + " tiny_l2_q1_owner_blob2, tiny_m8_l2_q1_owner,"
            + " tiny_l2_q1_opt_owner, tiny_l2_q1_e2_opt_owner, tiny_l2_q1_opt_pm_owner,"
            + " tiny_l2_q1_s1_opt_pm_owner, small,"
            + " forced, tiny_owner or owner");
    range("schedule.tickMs", c.schedule().tickMs(), 1, 60_000);
    range("schedule.sweepMs", c.schedule().sweepMs(), 10, 3_600_000);
    require(
        c.markets() != null && !c.markets().isEmpty(), "markets", "must list at least one market");
    require(c.markets().size() <= 64, "markets", "at most 64 markets");
    for (int m = 0; m < c.markets().size(); m++) {
      MarketConfig mc = c.markets().get(m);
      String name = "markets[" + m + "]";
      require(mc.spec() != null, name + ".spec", "is required (docs/node.md, Settings)");
      require(
          mc.spec().isValid(),
          name,
          "parameters are inconsistent (rules in docs/sequencer.md, Markets)");
      if (mc.isOption()) {
        option(c, m, name);
      } else {
        range(name + ".devOraclePrice", mc.devOraclePrice(), 0, mc.spec().maxPrice());
      }
    }
    if (c.pipeline().enabled() && l1.mode() != NodeConfig.L1Mode.NONE) {
      // where the circuit meets the genesis's markets: a request it cannot serve freezes the bridge
      c.pipeline()
          .capacities()
          .capacities()
          .requestRule(c.markets().size())
          .ifPresent(why -> require(false, "pipeline.capacities", why));
    }
  }

  /**
   * An option market: its underlying a perpetual listed before it, its terms positive, and with L1
   * batches a circuit with option rows (docs/settlement.md, "Option markets"; without them the
   * option could not be in the settlement state's genesis). The listing rule's one dynamic term, an
   * expiry after the log's now and within 16 years, is the sequencer's: a listing it refuses is
   * logged as refused and not listed.
   */
  private static void option(NodeConfig c, int m, String name) {
    MarketConfig mc = c.markets().get(m);
    OptionTerms t = mc.option();
    range(name + ".option.underlyingMarket", t.underlyingMarket(), 0, m - 1);
    require(
        !c.markets().get(t.underlyingMarket()).isOption(),
        name + ".option.underlyingMarket",
        "must be a perpetual market");
    require(t.kind() != null, name + ".option.kind", "must be CALL or PUT");
    range(name + ".option.strike", t.strike(), 1, Long.MAX_VALUE);
    range(name + ".option.expiry", t.expiry(), 1, Long.MAX_VALUE);
    range(name + ".option.contractSize", t.contractSize(), 1, Long.MAX_VALUE);
    require(
        OptionSpec.of(mc.spec(), t).isValid(),
        name + ".option",
        "strike * contractSize exceeds 2^62 (docs/options.md, The contract)");
    long maxPrice = mc.spec().maxPrice();
    long underlyingMax = c.markets().get(t.underlyingMarket()).spec().maxPrice();
    require(
        maxPrice % mc.spec().tickSize() == 0
            && maxPrice / t.contractSize() >= underlyingMax
            && maxPrice / t.contractSize() >= t.strike(),
        name + ".spec.maxPrice",
        "must be a multiple of the tick and at least contractSize times the underlying's maxPrice"
            + " and the strike (docs/options.md, Option markets in the sequencer)");
    if (mc.devOraclePrice() != 0) {
      range(
          name + ".devOraclePrice",
          mc.devOraclePrice(),
          VolatilityQuote.MIN_VOL_PPM,
          VolatilityQuote.MAX_VOL_PPM);
    }
    boolean batches = c.pipeline().enabled() && c.l1().mode() != NodeConfig.L1Mode.NONE;
    require(
        !batches || c.pipeline().capacities().capacities().options(),
        name + ".option",
        "an option market with L1 batches needs a circuit with option rows (pipeline.capacities"
            + " tiny_l2_q1_opt_owner): "
            + c.pipeline().capacities().capacities().circuitName()
            + " has none");
  }

  private static void range(String setting, long value, long lo, long hi) {
    if (value < lo || value > hi) {
      throw new ConfigException(
          "setting " + setting + ": " + value + " is outside " + lo + ".." + hi);
    }
  }

  private static void hex(String setting, String value, int bytes) {
    String v = value.startsWith("0x") ? value.substring(2) : value;
    if (v.length() != 2 * bytes) {
      throw new ConfigException("setting " + setting + ": needs " + bytes + " bytes of hex");
    }
    try {
      HexFormat.of().parseHex(v);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("setting " + setting + ": not hex");
    }
  }

  private static void require(boolean ok, String setting, String problem) {
    if (!ok) {
      throw new ConfigException("setting " + setting + ": " + problem);
    }
  }
}
