package dev.sable.sequencer.engine;

import java.nio.ByteBuffer;

/**
 * The state hash's chaining function (docs/sequencer.md, "State hash"): four 64-bit lanes, the
 * previous hash's four big-endian longs. A command's byte string {@code B}, zero-padded to a
 * multiple of 16 bytes, is read as 16-byte blocks {@code (a, b)} (two big-endian longs); block
 * {@code i} goes to lane {@code L = i mod 4}: {@code s[L] = mum(a ^ P[L], b ^ s[L] ^ Q[L])}. Then
 * with {@code n} the length of {@code B} in bytes, every lane is folded with the next: {@code s'[L]
 * = mum(s[L] ^ P[L], s[(L+1) mod 4] ^ Q[L] ^ n)}. {@code mum(x, y)} is the 128-bit product's low
 * and high halves xor-ed (wyhash's mix). The constants are SHA-512's initial hash values.
 *
 * <p>{@code B} arrives as whole 8-byte words ({@link #words}, straight from the recorded longs),
 * then as bytes in a buffer ({@link #absorb}, {@link #finish}): a block may take its halves from
 * both.
 */
final class LaneDigest {
  private static final long[] P = {
    0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L
  };
  private static final long[] Q = {
    0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L
  };

  private static final long P0 = P[0];
  private static final long P1 = P[1];
  private static final long P2 = P[2];
  private static final long P3 = P[3];
  private static final long Q0 = Q[0];
  private static final long Q1 = Q[1];
  private static final long Q2 = Q[2];
  private static final long Q3 = Q[3];

  private final long[] s = new long[4];

  /** Words of the current command absorbed so far. */
  private long words;

  /** The first half of the block being read, when {@link #words} is odd. */
  private long first;

  LaneDigest(byte[] hash) {
    ByteBuffer in = ByteBuffer.wrap(hash);
    for (int l = 0; l < 4; l++) {
      s[l] = in.getLong();
    }
  }

  /** The hash after the last finished command (32 bytes, a fresh array). */
  byte[] state() {
    ByteBuffer out = ByteBuffer.allocate(32);
    for (long lane : s) {
      out.putLong(lane);
    }
    return out.array();
  }

  /** Absorbs {@code w[from, to)} as the next words of the command's byte string. */
  void words(long[] w, int from, int to) {
    int i = from;
    while (i < to && (words & 7) != 0) {
      word(w[i++]);
    }
    if (to - i >= 8) {
      // Four whole blocks at a time, one per lane: the lanes stay in registers.
      long s0 = s[0];
      long s1 = s[1];
      long s2 = s[2];
      long s3 = s[3];
      for (; to - i >= 8; i += 8) {
        s0 = mum(w[i] ^ P0, w[i + 1] ^ s0 ^ Q0);
        s1 = mum(w[i + 2] ^ P1, w[i + 3] ^ s1 ^ Q1);
        s2 = mum(w[i + 4] ^ P2, w[i + 5] ^ s2 ^ Q2);
        s3 = mum(w[i + 6] ^ P3, w[i + 7] ^ s3 ^ Q3);
        words += 8;
      }
      s[0] = s0;
      s[1] = s1;
      s[2] = s2;
      s[3] = s3;
    }
    while (i < to) {
      word(w[i++]);
    }
  }

  private void word(long w) {
    if ((words & 1) == 0) {
      first = w;
    } else {
      int lane = (int) ((words >>> 1) & 3);
      s[lane] = mum(first ^ P[lane], w ^ s[lane] ^ Q[lane]);
    }
    words++;
  }

  /**
   * Absorbs the whole words written to {@code buffer} (in write mode, heap, big-endian) and moves
   * the remaining bytes, fewer than 8, to its start.
   */
  void absorb(ByteBuffer buffer) {
    int end = buffer.position() & ~7;
    for (int i = 0; i < end; i += 8) {
      word(buffer.getLong(i));
    }
    buffer.limit(buffer.position()).position(end);
    buffer.compact();
  }

  /** Ends the command: pads what {@code buffer} holds to a whole block, absorbs it, folds. */
  void finish(ByteBuffer buffer) {
    long length = words * 8 + buffer.position();
    while ((buffer.position() & 7) != 0) {
      buffer.put((byte) 0);
    }
    absorb(buffer);
    if ((words & 1) != 0) {
      word(0);
    }
    long s0 = s[0];
    for (int l = 0; l < 3; l++) {
      s[l] = mum(s[l] ^ P[l], s[l + 1] ^ Q[l] ^ length);
    }
    s[3] = mum(s[3] ^ P[3], s0 ^ Q[3] ^ length);
    words = 0;
  }

  static long mum(long x, long y) {
    return x * y ^ Math.unsignedMultiplyHigh(x, y);
  }
}
