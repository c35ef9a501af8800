package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.sequencer.options.InstrumentRisk;
import dev.sable.sequencer.options.PortfolioMargin;
import dev.sable.sequencer.options.Requirement;
import dev.sable.sequencer.options.RiskArrayCodec;
import dev.sable.sequencer.options.RiskArraySet;
import dev.sable.sequencer.options.RiskInstrument;
import dev.sable.sequencer.options.ScenarioGrid;
import dev.sable.sequencer.options.UnderlyingRisk;
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
 * (saturated ones and ones whose partial sums leave a long among them), and the arrays' commitment
 * H(TAG_RISK, 1, per row: market, underlying, rangePpm, shortMinimum, pnl) equals Go's.
 */
class PortfolioVectorsTest {

  @Test
  void everyRequirementAndCommitmentMatchesGo() throws IOException {
    Map<String, RiskArraySet> sets = new HashMap<>();
    int accounts = 0;
    int saturated = 0;
    for (VectorRecord r : VectorFiles.read("portfolio.txt")) {
      switch (r.kind()) {
        case "portfolio.set" -> {
          RiskArraySet set = RiskArrayCodec.fromLongs(longs(r.get("arrays")));
          sets.put(r.get("name"), set);
          assertThat(commitment(set, Integer.parseInt(r.get("capacity"))))
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

  /**
   * The commitment the settlement circuit binds (ledger.RiskCommitment), rows padded with zeros.
   */
  private static Fr commitment(RiskArraySet set, int capacity) {
    Map<Integer, Long> ranges = new HashMap<>();
    for (UnderlyingRisk u : set.underlyings()) {
      ranges.put(u.market(), u.priceRangePpm());
    }
    List<Fr> elements = new ArrayList<>(List.of(DomainTag.of("sable.risk.v1"), Fr.ofLong(1)));
    for (int i = 0; i < capacity; i++) {
      long[] row = new long[4 + 16];
      if (i < set.instruments().size()) {
        InstrumentRisk risk = set.instruments().get(i);
        RiskInstrument instrument = risk.instrument();
        row[0] = instrument.market();
        row[1] = instrument.underlying();
        row[2] =
            instrument instanceof RiskInstrument.Perpetual ? ranges.get(instrument.market()) : 0;
        row[3] = risk.shortMinimum();
        System.arraycopy(risk.pnl(), 0, row, 4, 16);
      }
      for (long v : row) {
        elements.add(Fr.ofLong(v));
      }
    }
    return Poseidon2.INSTANCE.hash(elements.toArray(Fr[]::new));
  }

  private static long[] longs(String csv) {
    return Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
  }
}
