package dev.sable.node.sequencing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.NodeSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A snapshot of a replica restores to a replica that snapshots to the same bytes and goes on alike.
 */
class ReplicaTest {
  @Test
  void aRestoredReplicaIsTheReplicaItWasTakenOf() {
    List<JournalEntry> day = SequencerLoopTest.entries(SequencerLoopTest.tradingDay());
    Replica original = Replica.fresh(null);
    day.subList(0, 8).forEach(original::apply);
    NodeSnapshot s = original.snapshot();
    Replica restored = Replica.of(s, null);
    assertThat(restored.sequence()).isEqualTo(8);
    assertThat(restored.snapshot()).usingRecursiveComparison().isEqualTo(s);
    original.apply(day.get(8));
    restored.apply(day.get(8));
    assertThat(restored.snapshot()).usingRecursiveComparison().isEqualTo(original.snapshot());
  }
}
