package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.sample.SampleWorld;
import dev.sable.sequencer.codec.SnapshotCodec;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import dev.sable.state.settlement.SettlementView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The batcher in a snapshot ({@link SettlementBatcher#snapshot}): a sequencer and a batcher
 * restored after any command of a random stream (an open batch, resting orders signed earlier,
 * deposits consumed, sweeps behind) seal exactly the batches the uninterrupted pair seals from
 * there on; the encoding is canonical (a restored batcher snapshots to the same bytes) and fixed (a
 * golden file); bytes that are not a snapshot are refused.
 */
class BatcherSnapshotTest {
  static final long MAX_AGE = SequencerBatchesPropertyTest.MAX_AGE;

  /** A sequencer and a batcher fed a log, collecting the sealed batches. */
  private static final class Pair {
    final List<Event> events = new ArrayList<>();
    final Sequencer sequencer;
    final SettlementBatcher batcher;
    final List<SealedBatch> sealed = new ArrayList<>();
    long sequence;

    Pair(SettlementView genesis) {
      sequencer = new Sequencer(ArrayOrderBook::new, events::add, false);
      batcher =
          new SettlementBatcher(SequencedWorld.LIQUIDATING, sequencer.state(), genesis, MAX_AGE);
    }

    /** The pair a snapshot of {@code other} holds. */
    Pair(Pair other, SettlementView genesis) {
      byte[] engine = SnapshotCodec.encode(other.sequencer.image());
      sequencer =
          Sequencer.restore(
              SnapshotCodec.decode(engine), (byte[]) null, ArrayOrderBook::new, events::add);
      batcher =
          SettlementBatcher.restore(
              SequencedWorld.LIQUIDATING,
              sequencer.state(),
              genesis,
              MAX_AGE,
              other.batcher.snapshot());
      sequence = other.sequence;
    }

    void apply(SequencedWorld.Applied a) {
      events.clear();
      sequencer.apply(a.command());
      sealed.addAll(batcher.accept(++sequence, a.command(), a.evidence(), List.copyOf(events)));
    }
  }

  private static SettlementView genesis() {
    return new SampleWorld(SequencedWorld.LIQUIDATING, new long[] {0, 1}).state();
  }

  /** A random stream through every mix, as the property test of the sealing rule runs it. */
  private static List<SequencedWorld.Applied> stream(long seed) {
    SequencedWorld w = new SequencedWorld(SequencedWorld.LIQUIDATING, MAX_AGE, 2);
    RandomStream stream = new RandomStream(w, seed, 2);
    stream.open();
    for (RandomStream.Mix mix : RandomStream.Mix.values()) {
      for (int i = 0; i < SequencerBatchesPropertyTest.COMMANDS_PER_MIX; i++) {
        stream.next(mix);
      }
    }
    return w.log;
  }

  @Property(tries = 3)
  void restoredAfterAnyCommandSealsTheSameBatches(@ForAll long seed) {
    List<SequencedWorld.Applied> log = stream(seed);
    SettlementView genesis = genesis();
    Pair whole = new Pair(genesis);
    log.forEach(whole::apply);
    whole.batcher.seal().ifPresent(whole.sealed::add);

    Pair cut = new Pair(genesis);
    int open = 0;
    for (int k = 0; k < log.size(); k++) {
      cut.apply(log.get(k));
      open += cut.batcher.batchOpen() ? 1 : 0;
      Pair restored = new Pair(cut, genesis);
      assertThat(restored.batcher.snapshot()).isEqualTo(cut.batcher.snapshot());
      int before = cut.sealed.size();
      for (SequencedWorld.Applied a : log.subList(k + 1, log.size())) {
        restored.apply(a);
      }
      restored.batcher.seal().ifPresent(restored.sealed::add);
      assertThat(restored.sealed)
          .as("restored after command %d", k + 1)
          .isEqualTo(whole.sealed.subList(before, whole.sealed.size()));
    }
    assertThat(whole.sealed).hasSizeGreaterThan(5);
    assertThat(open).as("snapshots with a batch open").isGreaterThan(log.size() / 4);
  }

  /**
   * The first commands of seed 1's stream (funding, prices, crossing orders: an open batch with
   * deposits, prices and trades, resting orders) snapshot to the checked-in bytes.
   */
  @Test
  void encodingIsFixed() throws IOException {
    List<SequencedWorld.Applied> log = stream(1);
    Pair p = new Pair(genesis());
    log.subList(0, 40).forEach(p::apply);
    assertThat(p.batcher.batchOpen()).isTrue();
    String golden;
    try (InputStream in = getClass().getResourceAsStream("/batcher-snapshot-v3.hex")) {
      golden = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
    }
    assertThat(HexFormat.of().formatHex(p.batcher.snapshot())).isEqualTo(golden);
  }

  @Test
  void refusesWhatIsNotASnapshot() {
    List<SequencedWorld.Applied> log = stream(2);
    Pair p = new Pair(genesis());
    log.subList(0, 40).forEach(p::apply);
    byte[] good = p.batcher.snapshot();
    byte[] otherFormat = good.clone();
    otherFormat[0] = SettlementBatcher.SNAPSHOT_FORMAT + 1;
    for (byte[] bad :
        List.of(
            otherFormat,
            Arrays.copyOf(good, good.length - 1),
            Arrays.copyOf(good, good.length + 1),
            new byte[0])) {
      assertThatThrownBy(
              () ->
                  SettlementBatcher.restore(
                      SequencedWorld.LIQUIDATING, p.sequencer.state(), genesis(), MAX_AGE, bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
