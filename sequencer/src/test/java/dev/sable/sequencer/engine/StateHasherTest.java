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

  /**
   * Longer than half the hasher's buffer: the second makes it absorb in the middle of a command.
   */
  private static final String LONG_SYMBOL = "S".repeat(65_535);

  @Test
  void hashesTheWordsThenTheEventEncodingsAcrossABufferFlush() throws Exception {
    List<Event> events =
        List.of(
            new Event.TimeAdvanced(9), // 9 bytes: the events after it start mid-word
            new Event.MarketListed(1, LONG_SYMBOL),
            new Event.Rejected(RejectReason.UNKNOWN_MARKET),
            new Event.MarketListed(2, LONG_SYMBOL),
            new Event.Deposited(3, 40));
    StateFixture state = new StateFixture();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(expected);
    out.writeLong(events.size());
    out.writeLong(2);
    // 2 + (4 + 5 * 64) + (4 + 5 * 40) + 3 words: an odd count, so the events begin mid-block.
    write(out, state.account(1, 64));
    write(out, state.account(2, 40));
    state.pools(11, -12, 13);
    out.writeLong(11);
    out.writeLong(-12);
    out.writeLong(13);
    for (Event e : events) {
      out.write(EventCodec.INSTANCE.toBytes(e));
    }

    StateHasher hasher = new StateHasher();
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

  /**
   * Two commands' effects, each recorded number and each event changed in turn: every change
   * reaches the hash (the counts and market masks, which give the words their meaning, are left).
   */
  @Test
  void changingAnyOneEffectChangesTheHash() {
    Event[] events = {
      new Event.Deposited(3, 40),
      new Event.TimeAdvanced(9),
      new Event.Rejected(RejectReason.UNKNOWN_MARKET)
    };
    long[] words = {
      2, 1, 7, 1_000, 1, 0b101, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 5, 6, 9, //
      1, 0, 5, 6, 10
    };
    byte[] base = hashOf(events, words);
    for (int i = 0; i < words.length; i++) {
      if (i == 0 || i == 1 || i == 5 || i == 19 || i == 20) {
        continue; // counts and the mask
      }
      long[] changed = words.clone();
      changed[i] ^= 1;
      assertThat(hashOf(events, changed)).as("word " + i + " changed").isNotEqualTo(base);
    }
    Event[] others = {
      new Event.Deposited(3, 41), new Event.TimeAdvanced(8), new Event.Withdrawn(3, 40)
    };
    for (int i = 0; i < events.length; i++) {
      Event[] changed = events.clone();
      changed[i] = others[i];
      assertThat(hashOf(changed, words)).as("event " + i + " changed").isNotEqualTo(base);
    }
    // Moving an event from one command to the next changes it too.
    long[] moved = words.clone();
    moved[0] = 1;
    moved[19] = 2;
    assertThat(hashOf(events, moved)).isNotEqualTo(base);
  }

  private static byte[] hashOf(Event[] events, long[] words) {
    StateHasher hasher = new StateHasher();
    hasher.accept(new CommandEffects(2, events.clone(), events.length, words, words.length));
    return hasher.hash();
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
    out.writeLong(a.id());
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
