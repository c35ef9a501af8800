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
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
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

    byte[] first = chain(new byte[32], expected.toByteArray());
    assertThat(recorder.hash()).isEqualTo(first);
    // The second command chains on the first's hash.
    events.forEach(recorder::event);
    recorder.endCommand(state.state());
    assertThat(recorder.hash()).isEqualTo(chain(first, expected.toByteArray()));
    // A hasher started from the first hash continues the chain alike (a restored snapshot).
    EffectsRecorder restored = new EffectsRecorder(new StateHasher(first));
    events.forEach(restored::event);
    restored.endCommand(state.state());
    assertThat(restored.hash()).isEqualTo(recorder.hash());
  }

  @Test
  void theLengthAndEveryBlockReachTheHash() {
    byte[] record = new byte[40];
    record[39] = 7;
    byte[] base = digest(record);
    assertThat(base).isEqualTo(chain(new byte[32], record));
    // Zero padding is not a trailing zero byte: the length is folded in.
    assertThat(digest(Arrays.copyOf(record, 41))).isNotEqualTo(base);
    // One bit anywhere changes the hash (each block's lane, and the fold, carry it).
    for (int i = 0; i < record.length; i++) {
      byte[] flipped = record.clone();
      flipped[i] ^= 1;
      assertThat(digest(flipped)).as("bit flipped in byte " + i).isNotEqualTo(base);
    }
  }

  private static byte[] digest(byte[] record) {
    LaneDigest lanes = new LaneDigest(new byte[32]);
    ByteBuffer buffer = ByteBuffer.allocate(64).put(record);
    lanes.finish(buffer);
    return lanes.state();
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

  private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /**
   * The chaining function as docs/sequencer.md states it, written independently of {@link
   * LaneDigest}: the whole record at once, the 128-bit product in {@link BigInteger}.
   */
  private static byte[] chain(byte[] previous, byte[] record) {
    long[] p = {0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L};
    long[] q = {0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L};
    ByteBuffer in = ByteBuffer.wrap(previous);
    long[] s = {in.getLong(), in.getLong(), in.getLong(), in.getLong()};
    ByteBuffer padded = ByteBuffer.wrap(Arrays.copyOf(record, (record.length + 15) / 16 * 16));
    for (int i = 0; padded.hasRemaining(); i++) {
      long a = padded.getLong();
      long b = padded.getLong();
      s[i % 4] = mum(a ^ p[i % 4], b ^ s[i % 4] ^ q[i % 4]);
    }
    long[] folded = new long[4];
    for (int l = 0; l < 4; l++) {
      folded[l] = mum(s[l] ^ p[l], s[(l + 1) % 4] ^ q[l] ^ record.length);
    }
    ByteBuffer out = ByteBuffer.allocate(32);
    for (long lane : folded) {
      out.putLong(lane);
    }
    return out.array();
  }

  private static long mum(long x, long y) {
    BigInteger product =
        new BigInteger(Long.toUnsignedString(x)).multiply(new BigInteger(Long.toUnsignedString(y)));
    return product.and(MASK64).longValue() ^ product.shiftRight(64).longValue();
  }
}
