package dev.sable.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.OracleRow;
import dev.sable.crypto.OrderMessage;
import dev.sable.node.TestMarkets;
import dev.sable.node.clock.DevOracle;
import dev.sable.node.config.MarketConfig;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.node.pipeline.SequencerBatchesTest.Built;
import dev.sable.node.pipeline.SequencerBatchesTest.Journal;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.market.OptionTerms;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.SettlementState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An option market on the node's batch path: the development oracle signs the call's volatility
 * over the volatility message (TAG_VOL) with the key the genesis lists as the call's source 0, the
 * journal keeps the signature beside the command, and the batches it seals carry the record into an
 * oracle slot, which the builder verifies; the option row's volatility is the record's. An unsigned
 * volatility record stops batching with its reason, as an unsigned price does.
 */
class OptionVolatilityBatchesTest {
  static final long T0 = SequencerBatchesTest.T0;
  static final long VOL = 500_000;
  static final MarketSpec CALL_SPEC = TestMarkets.market("ETH-C3000", 1, 1, 1_000_000, 10_000_000);
  static final OptionTerms CALL =
      new OptionTerms(0, OptionKind.CALL, 3_000, T0 + 10 * 86_400_000L, 1);

  static List<MarketLeafV2> markets() {
    return SettlementGenesis.markets(
        List.of(
            new MarketConfig(SequencerBatchesTest.SPEC, 3_000, null),
            new MarketConfig(CALL_SPEC, VOL, CALL)),
        DevOracle.source(SequencerBatchesTest.ORACLE),
        Capacities.OPTIONS);
  }

  /** The perpetual and the call listed, priced and given a volatility; alice writes 10 calls. */
  static List<JournalEntry> trading() {
    Journal j =
        new Journal(
            new DevOracle(
                SequencerBatchesTest.ORACLE, SequencerBatchesTest.D, new long[] {3_000, VOL}));
    j.add(new Command.ListMarket(SequencerBatchesTest.SPEC), Provenance.NODE);
    j.time(T0); // an option is listed within its maximum years to expiry
    j.add(new Command.ListOption(CALL_SPEC, CALL), Provenance.NODE);
    j.price(3_000, T0);
    DevOracle.Signed vol = j.oracle.volatility(1, T0);
    j.add(vol.command(), vol.signature());
    j.deposit(1, SequencerBatchesTest.ALICE, 1_000_000_000);
    j.deposit(2, SequencerBatchesTest.BOB, 1_000_000_000);
    j.time(T0 + 100);
    j.order(SequencerBatchesTest.ALICE, new OrderMessage(1, 1, 1, 1, 0, 100, 10, 0, 0, 0));
    j.order(SequencerBatchesTest.BOB, new OrderMessage(2, 1, 1, 0, 0, 100, 10, 0, 0, 0));
    j.time(T0 + 5_000); // past the maximum age: the open batch is sealed
    return j.entries;
  }

  static SequencerBatches replay(List<JournalEntry> entries) {
    return SequencerBatchesTest.replay(Capacities.OPTIONS, markets(), entries);
  }

  @Test
  void theSignedVolatilityReachesABatchTheBuilderAccepts() {
    SequencerBatches source = replay(trading());
    SettlementState state = SequencerBatchesTest.genesis(markets());
    List<BuiltBatch> built =
        SequencerBatchesTest.buildAll(Capacities.OPTIONS, source, state).stream()
            .map(Built::built)
            .toList();
    List<OracleRow> records = built.stream().flatMap(b -> b.witness().oracles().stream()).toList();
    assertThat(records)
        .as("the perpetual's price and the call's volatility")
        .extracting(OracleRow::price, OracleRow::publishTime)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3_000L, T0),
            org.assertj.core.groups.Tuple.tuple(VOL, T0));
    assertThat(built.stream().mapToLong(b -> b.witness().trades().size()).sum()).isEqualTo(1);
    assertThat(state.market(1).orElseThrow().records().get(DevOracle.SOURCE).price())
        .as("the call's source 0 record in the settlement state")
        .isEqualTo(VOL);
  }

  @Test
  void anUnsignedVolatilityStopsBatchingWithItsReason() {
    List<JournalEntry> entries = new ArrayList<>();
    for (JournalEntry e : trading()) {
      entries.add(
          e.command() instanceof Command.VolatilityPrice
              ? new JournalEntry(e.sequence(), e.command(), Provenance.NODE)
              : e);
    }
    SequencerBatches source = replay(entries);
    SettlementState state = SequencerBatchesTest.genesis(markets());
    assertThatThrownBy(() -> source.next(state))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("batching stopped at journal entry 5")
        .hasMessageContaining("evidence does not match the command VolatilityPrice");
  }
}
