package dev.sable.node.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.node.intake.AccountKeys;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.JournalException;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The watcher's L1 position in a snapshot: the blocks and hashes of the last journaled deposit and
 * forced request come back whole, none stays none, and a section that is not one is refused.
 */
class L1PositionTest {
  static byte[] hash(int first) {
    byte[] h = new byte[32];
    h[0] = (byte) first;
    h[31] = (byte) 0xee;
    return h;
  }

  static JournalEntry deposit(long sequence, long index, long block, byte[] hash) {
    return new JournalEntry(
        sequence,
        new Command.Deposit(5, 1_000, AccountKey.INVALID),
        new Provenance.L1Deposit(
            index, 5, new byte[20], new byte[32], new byte[32], new byte[32], block, hash));
  }

  static JournalEntry request(long sequence, long index, long block, byte[] hash) {
    return new JournalEntry(
        sequence,
        new Command.ForcedWithdrawal(5, 500, 0, false),
        new Provenance.L1Request(
            index, new byte[20], new byte[32], new byte[32], new byte[32], block, hash));
  }

  record Queues(L1Deposits deposits, L1Requests requests) {
    Queues() {
      this(new AccountKeys());
    }

    Queues(AccountKeys keys) {
      this(new L1Deposits(keys), new L1Requests(keys));
    }

    byte[] snapshot() {
      return L1Position.snapshot(deposits, requests);
    }

    Queues restored(byte[] section) {
      Queues q = new Queues();
      L1Position.restore(section, q.deposits, q.requests);
      return q;
    }
  }

  @Test
  void theLastJournaledBlocksComeBackFromTheSection() {
    Queues live = new Queues();
    live.deposits.observe(deposit(1, 0, 40, hash(1)));
    live.deposits.observe(deposit(2, 1, 41, hash(2)));
    live.requests.observe(request(3, 0, 57, hash(3)));
    Queues back = live.restored(live.snapshot());
    assertThat(back.deposits.queue().lastBlock()).isEqualTo(41);
    assertThat(back.deposits.queue().lastBlockHash()).isEqualTo(HexFormat.of().formatHex(hash(2)));
    assertThat(back.requests.queue().lastBlock()).isEqualTo(57);
    assertThat(back.requests.queue().lastBlockHash()).isEqualTo(HexFormat.of().formatHex(hash(3)));
    assertThat(back.snapshot()).isEqualTo(live.snapshot());
  }

  @Test
  void aQueueWithNothingJournaledStaysWithoutABlock() {
    Queues live = new Queues();
    live.deposits.observe(deposit(1, 0, 40, hash(1)));
    Queues back = live.restored(live.snapshot());
    assertThat(back.deposits.queue().lastBlock()).isEqualTo(40);
    assertThat(back.requests.queue().lastBlock()).isEqualTo(-1);
    assertThat(back.requests.queue().lastBlockHash()).isEmpty();
    Queues old = live.restored(new byte[0]); // a snapshot of format 2: nothing known
    assertThat(old.deposits.queue().lastBlock()).isEqualTo(-1);
  }

  @Test
  void aSectionThatIsNotOneIsRefused() {
    Queues live = new Queues();
    live.deposits.observe(deposit(1, 0, 40, hash(1)));
    byte[] good = live.snapshot();
    assertThatThrownBy(() -> live.restored(Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("l1")
        .hasMessageContaining("cut short");
    assertThatThrownBy(() -> live.restored(Arrays.copyOf(good, good.length + 1)))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("after its end");
    byte[] negative = good.clone();
    ByteBuffer.wrap(negative).putLong(-2);
    assertThatThrownBy(() -> live.restored(negative))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("negative block");
  }
}
