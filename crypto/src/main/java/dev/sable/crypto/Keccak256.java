package dev.sable.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 (Ethereum's, not SHA3-256) over the concatenation of its inputs. */
public final class Keccak256 {
  private Keccak256() {}

  public static byte[] hash(byte[]... parts) {
    KeccakDigest d = new KeccakDigest(256);
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }
}
