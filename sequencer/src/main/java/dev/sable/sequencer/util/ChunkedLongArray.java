package dev.sable.sequencer.util;

import java.util.Arrays;

/**
 * A fixed-length array of longs that allocates its storage in chunks of 64 on first write, every
 * element starting at {@code initial}: cheap to keep for each of many owners that touch few
 * indices, and read without hashing (two array loads).
 */
public final class ChunkedLongArray {
  private static final int CHUNK_BITS = 6;
  private static final int CHUNK = 1 << CHUNK_BITS;

  private final long[][] chunks;
  private final long initial;

  /**
   * @param length the number of elements, a multiple of 64
   * @param initial every element's value before its first write
   */
  public ChunkedLongArray(int length, long initial) {
    if (length <= 0 || length % CHUNK != 0) {
      throw new IllegalArgumentException("length must be a positive multiple of 64: " + length);
    }
    this.chunks = new long[length >> CHUNK_BITS][];
    this.initial = initial;
  }

  public long get(int index) {
    long[] chunk = chunks[index >> CHUNK_BITS];
    return chunk == null ? initial : chunk[index & (CHUNK - 1)];
  }

  /** The indices whose value is not {@code initial}, ascending. */
  public int[] changedIndices() {
    int n = 0;
    int[] out = new int[chunks.length * CHUNK];
    for (int c = 0; c < chunks.length; c++) {
      if (chunks[c] != null) {
        for (int i = 0; i < CHUNK; i++) {
          if (chunks[c][i] != initial) {
            out[n++] = (c << CHUNK_BITS) | i;
          }
        }
      }
    }
    return Arrays.copyOf(out, n);
  }

  public void set(int index, long value) {
    long[] chunk = chunks[index >> CHUNK_BITS];
    if (chunk == null) {
      chunk = new long[CHUNK];
      Arrays.fill(chunk, initial);
      chunks[index >> CHUNK_BITS] = chunk;
    }
    chunk[index & (CHUNK - 1)] = value;
  }
}
