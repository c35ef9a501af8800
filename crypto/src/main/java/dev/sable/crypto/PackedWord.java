package dev.sable.crypto;

import java.math.BigInteger;

/**
 * Several small integers in one field element (docs/state.md, section 12, "Packed words"): {@code
 * word = sum lane_i * 2^shift_i}. An unsigned lane holds its value, a signed 64-bit lane holds x +
 * 2^63 (the long read as an unsigned number), a field lane an element's integer value. The circuit
 * range-checks every lane to its width, so the caller keeps each lane below the next one's shift.
 */
public final class PackedWord {
  private PackedWord() {}

  /** One lane: a non-negative integer placed at a bit offset. */
  public record Lane(BigInteger value, int shift) {
    public Lane {
      if (value.signum() < 0 || shift < 0) {
        throw new IllegalArgumentException(
            "a lane is a non-negative value at a non-negative shift");
      }
    }

    /** An unsigned lane: x >= 0 as it is. */
    public static Lane unsigned(long x, int shift) {
      if (x < 0) {
        throw new IllegalArgumentException("unsigned lane value " + x + " is negative");
      }
      return new Lane(BigInteger.valueOf(x), shift);
    }

    /** A signed 64-bit lane: x + 2^63, in [0, 2^64). */
    public static Lane signed(long x, int shift) {
      return new Lane(offset63(x), shift);
    }

    /** A lane holding a field element's integer value. */
    public static Lane field(Fr x, int shift) {
      return new Lane(x.toBigInteger(), shift);
    }
  }

  /** x + 2^63 as a non-negative integer below 2^64. */
  public static BigInteger offset63(long x) {
    return new BigInteger(Long.toUnsignedString(x ^ Long.MIN_VALUE));
  }

  /** The sum of the lanes; throws if it is not below r (lanes that overflow the word). */
  public static Fr pack(Lane... lanes) {
    BigInteger sum = BigInteger.ZERO;
    for (Lane l : lanes) {
      sum = sum.add(l.value().shiftLeft(l.shift()));
    }
    return Fr.of(sum);
  }
}
