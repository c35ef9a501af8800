package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.Capacities;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Guards the generator of {@link SequencerBatchesPropertyTest}: a longer stream of the same mixes
 * (built by the Java builder only, no circuit) reaches every reason to seal, spreads a command over
 * batches, makes the fill-time margin check cancel orders, and refunds deposits; every batch is
 * accepted and the two states agree at the end.
 */
class SealingGuardTest {
  @Test
  void theStreamsReachEverySealingRule() {
    SequencedWorld w = new SequencedWorld(Capacities.SMALL, 400, 2);
    List<Event> events = new ArrayList<>();
    w.onEvents(events::addAll);
    RandomStream stream = new RandomStream(w, 1, 2);
    stream.open();
    Map<SealedBatch.Reason, Integer> reasons = new EnumMap<>(SealedBatch.Reason.class);
    int spread = 0;
    long lastSequence = -2;
    for (int round = 0; round < 2; round++) {
      for (RandomStream.Mix mix : RandomStream.Mix.values()) {
        for (int i = 0; i < 150; i++) {
          stream.next(mix);
          for (SealedBatch s : w.sealed) {
            reasons.merge(s.reason(), 1, Integer::sum);
            spread += s.firstSequence() >= 0 && s.firstSequence() == lastSequence ? 1 : 0;
            lastSequence = s.lastSequence() >= 0 ? s.lastSequence() : lastSequence;
          }
          w.buildAll();
        }
      }
    }
    w.seal();
    w.buildAll();
    assertThat(w.differences()).isEmpty();
    assertThat(reasons.keySet())
        .contains(
            SealedBatch.Reason.END_OF_BATCH_RULE,
            SealedBatch.Reason.CAPACITY,
            SealedBatch.Reason.FUNDING_TICK,
            SealedBatch.Reason.AGE);
    assertThat(spread).as("commands spread over batches").isPositive();
    assertThat(events)
        .as("fill-time margin cancels")
        .anyMatch(e -> e instanceof Event.OrderCancelled c && c.reason() == CancelReason.MARGIN);
    assertThat(events).as("refunds").anyMatch(Event.Rejected.class::isInstance);
  }
}
