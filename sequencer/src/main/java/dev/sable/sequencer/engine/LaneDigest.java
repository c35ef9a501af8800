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
 */
final class LaneDigest {
  private static final long[] P = {
    0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L
  };
  private static final long[] Q = {
    0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L
  };

  private final long[] s = new long[4];

  /** Blocks of the current command absorbed so far. */
  private long blocks;

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

  /**
   * Absorbs the whole blocks written to {@code buffer} (in write mode, heap, big-endian) and moves
   * the remaining bytes, fewer than 16, to its start.
   */
  void absorb(ByteBuffer buffer) {
    int end = buffer.position() & ~15;
    for (int i = 0; i < end; i += 16) {
      int lane = (int) (blocks++ & 3);
      s[lane] = mum(buffer.getLong(i) ^ P[lane], buffer.getLong(i + 8) ^ s[lane] ^ Q[lane]);
    }
    buffer.limit(buffer.position()).position(end);
    buffer.compact();
  }

  /** Ends the command: pads what {@code buffer} holds to a whole block, absorbs it, folds. */
  void finish(ByteBuffer buffer) {
    long length = blocks * 16 + buffer.position();
    while ((buffer.position() & 15) != 0) {
      buffer.put((byte) 0);
    }
    absorb(buffer);
    long s0 = s[0];
    for (int l = 0; l < 3; l++) {
      s[l] = mum(s[l] ^ P[l], s[l + 1] ^ Q[l] ^ length);
    }
    s[3] = mum(s[3] ^ P[3], s0 ^ Q[3] ^ length);
    blocks = 0;
  }

  static long mum(long x, long y) {
    return x * y ^ Math.unsignedMultiplyHigh(x, y);
  }
}
