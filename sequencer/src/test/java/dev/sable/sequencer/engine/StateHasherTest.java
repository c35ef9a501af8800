package dev.sable.sequencer.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StateHasherTest {

  /** A symbol of 65,535 chars: its words outgrow the hasher's first word buffer. */
  private static final String LONG_SYMBOL = "S".repeat(65_534) + "T";

  private static final List<Event> EVENTS =
      List.of(
          new Event.TimeAdvanced(9),
          new Event.MarketListed(1, LONG_SYMBOL),
          new Event.Rejected(RejectReason.UNKNOWN_MARKET),
          new Event.MarketListed(2, "BTC"),
          new Event.Deposited(-3, 40));

  /** The events' words as docs/sequencer.md lays them out, written here independently. */
  private static void writeEvents(DataOutputStream out) throws IOException {
    out.writeLong(20L << 56);
    out.writeLong(9);
    listing(out, 1, LONG_SYMBOL);
    out.writeLong(1L << 56 | (long) RejectReason.UNKNOWN_MARKET.ordinal() << 48);
    listing(out, 2, "BTC");
    out.writeLong(4L << 56 | 0xFFFF_FFFDL); // account -3, its 32 bits
    out.writeLong(40);
  }

  private static void listing(DataOutputStream out, int market, String symbol) throws IOException {
    out.writeLong(2L << 56 | market);
    out.writeLong(symbol.length());
    out.writeChars(symbol);
    for (int pad = symbol.length(); pad % 4 != 0; pad++) {
      out.writeChar(0);
    }
  }

  @Test
  void hashesTheRecordedWordsThenTheEventWords() throws Exception {
    StateFixture state = new StateFixture();
    state.account(1, 64);
    state.account(2, 40);
    state.pools(11, -12, 13);
    StateHasher hasher = new StateHasher();
    EffectsRecorder recorder = new EffectsRecorder(hasher); // started from zero pools and time
    EVENTS.forEach(recorder::event);
    recorder.endCommand(state.state());

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(expected);
    out.writeLong((long) EVENTS.size() << 32 | 2 << 3 | 7); // 5 events, 2 accounts, all 3 changed
    write(out, state.state().account(1));
    write(out, state.state().account(2));
    out.writeLong(11);
    out.writeLong(-12);
    out.writeLong(13);
    writeEvents(out);
    byte[] first = chain(new byte[32], expected.toByteArray());
    assertThat(recorder.hash()).isEqualTo(first);

    // The second command chains on the first's hash; the pools and time did not change but the
    // fee pool, so only it is recorded.
    state.pools(14, -12, 13);
    expected.reset();
    out.writeLong((long) EVENTS.size() << 32 | 2 << 3 | 1);
    write(out, state.state().account(1));
    write(out, state.state().account(2));
    out.writeLong(14);
    writeEvents(out);
    EVENTS.forEach(recorder::event);
    recorder.endCommand(state.state());
    assertThat(recorder.hash()).isEqualTo(chain(first, expected.toByteArray()));

    // A recorder started from the state after the first command, with its hash, continues the
    // chain alike (a restored snapshot): its first command is compared with that state's pools.
    state.pools(11, -12, 13);
    EffectsRecorder restored = new EffectsRecorder(new StateHasher(first));
    restored.start(state.state());
    state.pools(14, -12, 13);
    EVENTS.forEach(restored::event);
    restored.endCommand(state.state());
    assertThat(restored.hash()).isEqualTo(recorder.hash());
  }

  /**
   * A divergence in any recorded number of a changed account, or in a pool or the time, whether it
   * changed in one history only or in both to different values, reaches the hash.
   */
  @Test
  void aDivergentAccountNumberPoolOrTimeIsCaught() {
    int wordsOfAccount = CommandEffects.accountWords((1L << 40) - 1);
    byte[] base = twoCommands(s -> {});
    for (int word = 1; word < wordsOfAccount; word++) {
      if (word == 3) {
        continue; // the market mask: which numbers follow, not a number
      }
      int w = word;
      assertThat(twoCommands(s -> s.nudge(2, w))).as("account word " + w).isNotEqualTo(base);
    }
    assertThat(twoCommands(s -> s.pools(15, -12, 13))).as("fee pool").isNotEqualTo(base);
    assertThat(twoCommands(s -> s.pools(14, -11, 13))).as("funding pool").isNotEqualTo(base);
    assertThat(twoCommands(s -> s.pools(14, -12, 14))).as("time").isNotEqualTo(base);
    // Changed in one history only: the other's stayed.
    assertThat(twoCommands(s -> s.pools(11, -12, 13))).as("fee pool unchanged").isNotEqualTo(base);
  }

  /** Two commands recorded over one fixture; {@code diverge} changes it before the second ends. */
  private static byte[] twoCommands(Consumer<StateFixture> diverge) {
    StateFixture state = new StateFixture();
    state.account(1, 64);
    state.account(2, 40);
    state.pools(11, -12, 13);
    EffectsRecorder recorder = new EffectsRecorder(new StateHasher());
    recorder.event(new Event.Deposited(1, 5));
    recorder.endCommand(state.state());
    state.pools(14, -12, 13);
    diverge.accept(state);
    recorder.event(new Event.Deposited(2, 5));
    recorder.endCommand(state.state());
    return recorder.hash();
  }

  /**
   * Two commands' effects, each recorded number and each event changed in turn: every change
   * reaches the hash (the headers and market masks, which give the words their meaning, are left).
   */
  @Test
  void changingAnyOneEffectChangesTheHash() {
    Event[] events = {
      new Event.Deposited(3, 40),
      new Event.TimeAdvanced(9),
      new Event.Rejected(RejectReason.UNKNOWN_MARKET)
    };
    long first = CommandEffects.header(2, 1, 7);
    long second = CommandEffects.header(1, 0, CommandEffects.FUNDING_POOL);
    long[] words = {
      first, 7, 1_000, 1, 0b101, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 5, 6, 9, //
      second, 10
    };
    byte[] base = hashOf(events, words);
    for (int i = 0; i < words.length; i++) {
      if (i == 0 || i == 4 || i == 18) {
        continue; // the headers and the mask
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
    moved[0] = CommandEffects.header(1, 1, 7);
    moved[18] = CommandEffects.header(2, 0, CommandEffects.FUNDING_POOL);
    assertThat(hashOf(events, moved)).isNotEqualTo(base);
  }

  private static byte[] hashOf(Event[] events, long[] words) {
    StateHasher hasher = new StateHasher();
    hasher.accept(new CommandEffects(2, events.clone(), events.length, words, words.length));
    return hasher.hash();
  }

  /** Every length up to 17 words (each way the last blocks fall into the lanes) as the formula. */
  @Test
  void theLengthAndEveryBlockReachTheHash() {
    for (int n = 0; n <= 17; n++) {
      long[] record = new long[n];
      for (int i = 0; i < n; i++) {
        record[i] = 0x9E37_79B9_7F4A_7C15L * (i + 1);
      }
      byte[] base = digest(record);
      assertThat(base).as(n + " words").isEqualTo(chain(new byte[32], bytes(record)));
      // Zero padding is not a trailing zero word: the length is folded in.
      assertThat(digest(Arrays.copyOf(record, n + 1))).isNotEqualTo(base);
      // One bit anywhere changes the hash (each block's lane, and the fold, carry it).
      for (int i = 0; i < n; i++) {
        long[] flipped = record.clone();
        flipped[i] ^= 1L << (i * 7 % 64);
        assertThat(digest(flipped)).as("bit flipped in word " + i).isNotEqualTo(base);
      }
    }
  }

  private static byte[] digest(long[] record) {
    LaneDigest lanes = new LaneDigest(new byte[32]);
    lanes.command(record, record.length);
    return lanes.state();
  }

  private static byte[] bytes(long[] words) {
    ByteBuffer out = ByteBuffer.allocate(8 * words.length);
    for (long w : words) {
      out.putLong(w);
    }
    return out.array();
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
