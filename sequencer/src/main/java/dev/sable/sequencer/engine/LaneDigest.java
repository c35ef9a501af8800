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
 * <p>{@code B} is whole 8-byte words ({@link EventWords}): the lanes stay in registers.
 */
final class LaneDigest {
  private static final long P0 = 0x6a09e667f3bcc908L;
  private static final long P1 = 0xbb67ae8584caa73bL;
  private static final long P2 = 0x3c6ef372fe94f82bL;
  private static final long P3 = 0xa54ff53a5f1d36f1L;
  private static final long Q0 = 0x510e527fade682d1L;
  private static final long Q1 = 0x9b05688c2b3e6c1fL;
  private static final long Q2 = 0x1f83d9abfb41bd6bL;
  private static final long Q3 = 0x5be0cd19137e2179L;

  private final long[] s = new long[4];

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
   * Chains one command: absorbs its byte string {@code B}, the words {@code w[0, n)} (zero-padded
   * to whole blocks), then folds the lanes with its length, {@code 8n} bytes.
   */
  void command(long[] w, int n) {
    long s0 = s[0];
    long s1 = s[1];
    long s2 = s[2];
    long s3 = s[3];
    int i = 0;
    for (; n - i >= 8; i += 8) { // four whole blocks, one per lane
      s0 = mum(w[i] ^ P0, w[i + 1] ^ s0 ^ Q0);
      s1 = mum(w[i + 2] ^ P1, w[i + 3] ^ s1 ^ Q1);
      s2 = mum(w[i + 4] ^ P2, w[i + 5] ^ s2 ^ Q2);
      s3 = mum(w[i + 6] ^ P3, w[i + 7] ^ s3 ^ Q3);
    }
    // Up to seven words left: up to four blocks, the last perhaps half a block.
    int left = n - i;
    if (left > 0) {
      s0 = mum(w[i] ^ P0, (left > 1 ? w[i + 1] : 0) ^ s0 ^ Q0);
    }
    if (left > 2) {
      s1 = mum(w[i + 2] ^ P1, (left > 3 ? w[i + 3] : 0) ^ s1 ^ Q1);
    }
    if (left > 4) {
      s2 = mum(w[i + 4] ^ P2, (left > 5 ? w[i + 5] : 0) ^ s2 ^ Q2);
    }
    if (left > 6) {
      s3 = mum(w[i + 6] ^ P3, s3 ^ Q3);
    }
    long length = 8L * n;
    s[0] = mum(s0 ^ P0, s1 ^ Q0 ^ length);
    s[1] = mum(s1 ^ P1, s2 ^ Q1 ^ length);
    s[2] = mum(s2 ^ P2, s3 ^ Q2 ^ length);
    s[3] = mum(s3 ^ P3, s0 ^ Q3 ^ length);
  }

  static long mum(long x, long y) {
    return x * y ^ Math.unsignedMultiplyHigh(x, y);
  }
}
