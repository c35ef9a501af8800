package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.options.PortfolioMargin;
import dev.sable.sequencer.options.Requirement;
import dev.sable.sequencer.options.RiskArrayCodec;
import dev.sable.sequencer.options.RiskArraySet;
import dev.sable.sequencer.options.ScenarioGrid;
import dev.sable.state.vectors.VectorFiles;
import dev.sable.state.vectors.VectorRecord;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/portfolio.txt, made by Go (circuits/ledger portfolio.go, the requirement the
 * settlement circuit's portfolio check computes): every account's requirement equals the
 * sequencer's {@link PortfolioMargin} on the same arrays, decoded by {@link RiskArrayCodec}
 * (saturated ones and ones whose partial sums leave a long among them), the batch builder's exact
 * (unsaturated) maintenance equals Go's exact one, and the arrays' commitment H(TAG_RISK, 1, per
 * row: market, underlying, rangePpm, shortMinimum, pnl), from the rows the builder makes of them
 * ({@link RiskRow#of}), equals Go's.
 */
class PortfolioVectorsTest {

  @Test
  void everyRequirementAndCommitmentMatchesGo() throws IOException {
    Map<String, RiskArraySet> sets = new HashMap<>();
    Map<String, Map<Long, RiskRow>> rowsByMarket = new HashMap<>();
    int accounts = 0;
    int saturated = 0;
    for (VectorRecord r : VectorFiles.read("portfolio.txt")) {
      switch (r.kind()) {
        case "portfolio.set" -> {
          RiskArraySet set = RiskArrayCodec.fromLongs(longs(r.get("arrays")));
          sets.put(r.get("name"), set);
          Map<Long, RiskRow> byMarket = new HashMap<>();
          RiskRow.of(set).forEach(row -> byMarket.put(row.market(), row));
          rowsByMarket.put(r.get("name"), byMarket);
          assertThat(RiskTable.commitment(RiskRow.of(set), Integer.parseInt(r.get("capacity"))))
              .as("commitment of %s", r.get("name"))
              .isEqualTo(r.fr("commitment"));
        }
        case "portfolio.account" -> {
          long[] markets = longs(r.get("markets"));
          long[] sizes = longs(r.get("sizes"));
          int[] ids = Arrays.stream(markets).mapToInt(Math::toIntExact).toArray();
          Requirement req =
              new PortfolioMargin(sets.get(r.get("set")), ScenarioGrid.V1)
                  .requirement(ids, sizes, ids.length);
          assertThat(req.maintenance())
              .as("maintenance of %s", r)
              .isEqualTo(r.longValue("maintenance"));
          assertThat(req.initial()).as("initial of %s", r).isEqualTo(r.longValue("initial"));
          BigInteger exact = new BigInteger(r.get("exact"));
          assertThat(req.maintenance())
              .isEqualTo(exact.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact());
          assertThat(
                  RiskTable.maintenance(rowsByMarket.get(r.get("set")), holdings(markets, sizes)))
              .as("the builder's exact maintenance of %s", r)
              .isEqualTo(exact);
          accounts++;
          saturated += req.maintenance() == Long.MAX_VALUE ? 1 : 0;
        }
        default -> throw new IllegalArgumentException("unknown record " + r.kind());
      }
    }
    assertThat(sets).hasSize(2);
    assertThat(accounts).isEqualTo(14);
    assertThat(saturated).as("saturated requirements").isEqualTo(4);
  }

  private static List<long[]> holdings(long[] markets, long[] sizes) {
    List<long[]> out = new ArrayList<>();
    for (int i = 0; i < markets.length; i++) {
      out.add(new long[] {markets[i], sizes[i]});
    }
    return out;
  }

  private static long[] longs(String csv) {
    return Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
  }
}
