package dev.sable.node.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitterTest {
  @TempDir Path dir;
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  @Test
  void anAcknowledgedEntryIsAlreadyInTheJournalAndReplaysAfterReopening() throws Exception {
    List<Long> acked = new ArrayList<>();
    try (NodeDatabase db = NodeDatabase.open(dir)) {
      Journal journal = new Journal(db);
      List<JournalEntry> handedOn = new CopyOnWriteArrayList<>();
      try (GroupCommitter committer =
          new GroupCommitter(journal, (c, p) -> c, handedOn::addAll, 1024, metrics)) {
        committer.start();
        for (int i = 1; i <= 50; i++) {
          long seq =
              committer
                  .submit(new Command.Deposit(i, 100, AccountKey.NONE), Provenance.NODE)
                  .thenApply(
                      s -> {
                        // completion runs after the write: the entry must be readable already
                        assertThat(journal.entry(s)).isNotNull();
                        return s;
                      })
                  .get(5, TimeUnit.SECONDS);
          acked.add(seq);
        }
        assertThat(handedOn).extracting(JournalEntry::sequence).containsExactlyElementsOf(acked);
      }
    }
    assertThat(acked).containsExactlyElementsOf(range(1, 50));
    try (NodeDatabase db = NodeDatabase.open(dir)) {
      Journal journal = new Journal(db);
      assertThat(journal.lastSequence()).isEqualTo(50);
      List<JournalEntry> replayed = new ArrayList<>();
      journal.replay(20, replayed::add);
      assertThat(replayed)
          .extracting(JournalEntry::sequence)
          .containsExactlyElementsOf(range(21, 50));
      assertThat(replayed.get(0).command())
          .isEqualTo(new Command.Deposit(21, 100, AccountKey.NONE));
    }
  }

  @Test
  void concurrentSubmissionsShareSyncs() throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dir);
        GroupCommitter committer =
            new GroupCommitter(new Journal(db), (c, p) -> c, e -> {}, 8192, metrics)) {
      committer.start();
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        futures.add(committer.submit(new Command.TimeTick(i), Provenance.NODE));
      }
      List<Long> seqs = new ArrayList<>();
      for (CompletableFuture<Long> f : futures) {
        seqs.add(f.get(10, TimeUnit.SECONDS));
      }
      assertThat(seqs).containsExactlyElementsOf(range(1, 2000)); // submission order kept
      long syncs = metrics.get("sable.journal.sync").timer().count();
      assertThat(syncs).isLessThan(2000 / 4);
      assertThat(metrics.get("sable.journal.batch.size").summary().max()).isGreaterThan(4);
    }
  }

  @Test
  void aRefusedSubmissionFailsAloneAndLeavesNoGap() throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dir)) {
      Journal journal = new Journal(db);
      GroupCommitter.Gate oddOnly =
          (c, p) -> {
            if (((Command.Deposit) c).account() % 2 == 0) {
              throw new IllegalStateException("even account refused");
            }
            return c;
          };
      try (GroupCommitter committer = new GroupCommitter(journal, oddOnly, e -> {}, 64, metrics)) {
        committer.start();
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
          futures.add(
              committer.submit(new Command.Deposit(i, 1, AccountKey.NONE), Provenance.NODE));
        }
        assertThat(futures.get(0).get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> futures.get(1).get(5, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasRootCauseMessage("even account refused");
        assertThat(futures.get(2).get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(futures.get(4).get(5, TimeUnit.SECONDS)).isEqualTo(3);
      }
      assertThat(journal.lastSequence()).isEqualTo(3);
    }
  }

  @Test
  void aFullQueueRefusesAtOnceInsteadOfBlocking() {
    try (NodeDatabase db = NodeDatabase.open(dir);
        GroupCommitter notStarted =
            new GroupCommitter(new Journal(db), (c, p) -> c, e -> {}, 2, metrics)) {
      notStarted.submit(new Command.TimeTick(1), Provenance.NODE);
      notStarted.submit(new Command.TimeTick(2), Provenance.NODE);
      CompletableFuture<Long> third = notStarted.submit(new Command.TimeTick(3), Provenance.NODE);
      assertThat(third).isCompletedExceptionally();
      assertThatThrownBy(third::join).hasCauseInstanceOf(GroupCommitter.Unavailable.class);
    }
  }

  private static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      out.add(i);
    }
    return Collections.unmodifiableList(out);
  }
}
