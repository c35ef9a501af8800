package dev.sable.sequencer.command;

import java.nio.ByteBuffer;

/**
 * An account's EdDSA public key as the sequencer compares keys: its 32-byte encoding
 * (docs/state.md, section 6) in four big-endian longs. The sequencer knows no curve: whoever writes
 * a deposit command maps the key the deposit names to one of three kinds, and the rules only
 * compare them. {@link #NONE} is the point (0, 0), no key (the keyless insurance fund); {@link
 * #INVALID} is every other point that is not a valid key (off the curve, the identity, outside the
 * prime-order subgroup); anything else is the encoding of a valid key. Neither reserved value is
 * the encoding of a valid key (all zero bits decode to a point of order 4, all one bits to an
 * unreduced y), so no valid key is mistaken for them.
 */
public record AccountKey(long w0, long w1, long w2, long w3) {
  /** The bytes of an encoded key. */
  public static final int BYTES = 32;

  public static final AccountKey NONE = new AccountKey(0, 0, 0, 0);
  public static final AccountKey INVALID = new AccountKey(-1, -1, -1, -1);

  /** The key of a 32-byte encoding. */
  public static AccountKey of(byte[] encoded) {
    if (encoded.length != BYTES) {
      throw new IllegalArgumentException("an encoded key has 32 bytes, not " + encoded.length);
    }
    ByteBuffer b = ByteBuffer.wrap(encoded);
    return new AccountKey(b.getLong(), b.getLong(), b.getLong(), b.getLong());
  }

  /** The 32 bytes of the encoding. */
  public byte[] toBytes() {
    return ByteBuffer.allocate(BYTES).putLong(w0).putLong(w1).putLong(w2).putLong(w3).array();
  }

  /** Whether this can be a new account's key: neither {@link #NONE} nor {@link #INVALID}. */
  public boolean isValidKey() {
    return !equals(NONE) && !equals(INVALID);
  }
}
