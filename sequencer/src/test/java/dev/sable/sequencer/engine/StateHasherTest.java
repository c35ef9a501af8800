package dev.sable.sequencer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.codec.EventCodec;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.StateFixture;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateHasherTest {

  private static final int FULL_ACCOUNTS = 49;

  /** Active markets of the account before the last one: fills the buffer to the chosen point. */
  private static final int FILLER_MARKETS = 40;

  private static int accountBytes(int markets) {
    return 4 + 8 + 8 + 8 + markets * 5 * 8;
  }

  @Test
  void hashesTheEventEncodingsAndPoolsFitAfterAnAccountNearTheBufferEnd() throws Exception {
    List<Event> events =
        List.of(
            new Event.TimeAdvanced(9),
            new Event.Rejected(RejectReason.UNKNOWN_MARKET),
            new Event.Deposited(3, 40));
    int eventBytes = events.stream().mapToInt(EventCodec.INSTANCE::encodedSize).sum();
    // The accounts before the last one leave room for exactly one more 64-market account, which
    // then leaves fewer than the 24 bytes of the pools and time.
    int before =
        4 + eventBytes + 4 + FULL_ACCOUNTS * accountBytes(64) + accountBytes(FILLER_MARKETS);
    int left = StateHasher.BUFFER_BYTES - before;
    assertThat(left).isGreaterThanOrEqualTo(StateHasher.MAX_ACCOUNT_BYTES);
    assertThat(left - accountBytes(64)).isLessThan(24);

    StateFixture state = new StateFixture();
    StateHasher hasher = new StateHasher();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(expected);
    out.writeInt(events.size());
    for (Event e : events) {
      out.write(EventCodec.INSTANCE.toBytes(e));
    }
    out.writeInt(FULL_ACCOUNTS + 2);
    int id = 1;
    for (; id <= FULL_ACCOUNTS; id++) {
      write(out, state.account(id, 64));
    }
    write(out, state.account(id++, FILLER_MARKETS));
    write(out, state.account(id, 64));
    state.pools(11, -12, 13);
    out.writeLong(11);
    out.writeLong(-12);
    out.writeLong(13);

    EffectsRecorder recorder = new EffectsRecorder(hasher);
    events.forEach(recorder::event);
    recorder.endCommand(state.state());

    byte[] first = sha256(new byte[32], expected.toByteArray());
    assertThat(recorder.hash()).isEqualTo(first);
    // The second command chains on the first's hash.
    events.forEach(recorder::event);
    recorder.endCommand(state.state());
    assertThat(recorder.hash()).isEqualTo(sha256(first, expected.toByteArray()));
    // A hasher started from the first hash continues the chain alike (a restored snapshot).
    EffectsRecorder restored = new EffectsRecorder(new StateHasher(first));
    events.forEach(restored::event);
    restored.endCommand(state.state());
    assertThat(restored.hash()).isEqualTo(recorder.hash());
  }

  private static void write(DataOutputStream out, Account a) throws IOException {
    out.writeInt(a.id());
    out.writeLong(a.collateral());
    out.writeLong(a.nonce());
    out.writeLong(a.activeMarkets());
    for (int m = 0; m < 64; m++) {
      if ((a.activeMarkets() & (1L << m)) != 0) {
        out.writeLong(a.size(m));
        out.writeLong(a.cost(m));
        out.writeLong(a.fundingIndex(m));
        out.writeLong(a.openBuy(m));
        out.writeLong(a.openSell(m));
      }
    }
  }

  private static byte[] sha256(byte[] previous, byte[] record) throws NoSuchAlgorithmException {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    d.update(previous);
    d.update(record);
    return d.digest();
  }
}
