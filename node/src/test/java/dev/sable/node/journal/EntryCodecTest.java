package dev.sable.node.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every provenance survives the journal's encoding with its command, byte for byte. */
class EntryCodecTest {
  final EntryCodec codec = new EntryCodec(new RecordCommandCodec());

  static byte[] bytes(int n, int first) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  @Test
  void l1DepositsAndSignedWithdrawalsRoundTrip() {
    for (JournalEntry e :
        List.of(
            new JournalEntry(
                7,
                new Command.Deposit(5, 1_000),
                new Provenance.L1Deposit(
                    3,
                    5,
                    bytes(20, 1),
                    bytes(32, 2),
                    bytes(32, 3),
                    bytes(32, 4),
                    99,
                    bytes(32, 5))),
            new JournalEntry(
                8,
                new Command.Withdraw(5, 400),
                new Provenance.SignedWithdrawal(bytes(64, 6), bytes(32, 7), 12)))) {
      JournalEntry back = codec.decode(e.sequence(), codec.encode(e));
      assertThat(back.command()).isEqualTo(e.command());
      assertThat(back.provenance()).usingRecursiveComparison().isEqualTo(e.provenance());
    }
  }
}
