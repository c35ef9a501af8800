package dev.sable.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * An element of the BN254 scalar field r, the field of gnark's circuits; an immutable value in
 * canonical form as four little-endian 64-bit limbs. Its byte encoding is 32 bytes big-endian,
 * canonical (gnark-crypto's fr.Element.Bytes / SetBytesCanonical).
 */
public record Fr(long l0, long l1, long l2, long l3) implements Comparable<Fr> {
  public static final BigInteger MODULUS = Montgomery.MODULUS;
  public static final int BYTES = 32;
  public static final Fr ZERO = new Fr(0, 0, 0, 0);
  public static final Fr ONE = new Fr(1, 0, 0, 0);
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  public Fr {
    if (!Montgomery.isCanonical(l0, l1, l2, l3)) {
      throw new IllegalArgumentException("not a canonical field element");
    }
  }

  /** A field element from its value; rejects values outside [0, r). */
  public static Fr of(BigInteger value) {
    if (value.signum() < 0 || value.compareTo(MODULUS) >= 0) {
      throw new IllegalArgumentException("out of field range: " + value);
    }
    long[] l = Montgomery.limbs(value);
    return new Fr(l[0], l[1], l[2], l[3]);
  }

  /** The encoding of a signed 64-bit integer: x for x >= 0, r + x for x < 0. */
  public static Fr ofLong(long x) {
    if (x >= 0) {
      return new Fr(x, 0, 0, 0);
    }
    return of(MODULUS.add(BigInteger.valueOf(x)));
  }

  /** Decodes 32 canonical big-endian bytes; rejects values >= r. */
  public static Fr fromBytes(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("field element needs 32 bytes, got " + bytes.length);
    }
    return of(new BigInteger(1, bytes));
  }

  /** Parses 0x-prefixed (or bare) hex of a canonical big-endian encoding. */
  public static Fr fromHex(String hex) {
    return fromBytes(HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex));
  }

  public byte[] toBytes() {
    byte[] out = new byte[BYTES];
    writeTo(out, 0);
    return out;
  }

  /** Writes the 32-byte big-endian encoding into out at offset. */
  public void writeTo(byte[] out, int offset) {
    BIG_ENDIAN_LONG.set(out, offset, l3);
    BIG_ENDIAN_LONG.set(out, offset + 8, l2);
    BIG_ENDIAN_LONG.set(out, offset + 16, l1);
    BIG_ENDIAN_LONG.set(out, offset + 24, l0);
  }

  public String toHex() {
    return "0x" + HexFormat.of().formatHex(toBytes());
  }

  public BigInteger toBigInteger() {
    return toBigInteger(l0, l1, l2, l3);
  }

  public boolean isZero() {
    return (l0 | l1 | l2 | l3) == 0;
  }

  long[] toMontgomery() {
    return Montgomery.toMontgomery(new long[] {l0, l1, l2, l3});
  }

  static Fr fromMontgomery(long[] m) {
    long[] l = Montgomery.fromMontgomery(m);
    return new Fr(l[0], l[1], l[2], l[3]);
  }

  private static BigInteger toBigInteger(long l0, long l1, long l2, long l3) {
    return Montgomery.toBigInteger(new long[] {l0, l1, l2, l3});
  }

  @Override
  public int compareTo(Fr o) {
    long[] a = {l3, l2, l1, l0};
    long[] b = {o.l3, o.l2, o.l1, o.l0};
    for (int i = 0; i < 4; i++) {
      int c = Long.compareUnsigned(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return toHex();
  }
}
