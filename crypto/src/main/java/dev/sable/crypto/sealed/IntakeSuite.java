package dev.sable.crypto.sealed;

import dev.sable.crypto.Deployment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * The HPKE suite that seals trader requests to the node (RFC 9180, base mode): DHKEM(X25519,
 * HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305, all from Bouncy Castle. HPKE's info binds the
 * deployment (chain id and bridge address), so a request sealed for one deployment opens nowhere
 * else.
 */
public final class IntakeSuite {
  /** The X25519 public key size, and so the size of an encapsulation. */
  public static final int KEY_BYTES = 32;

  private static final byte[] INFO_LABEL = "sable.intake.v1".getBytes(StandardCharsets.US_ASCII);

  private IntakeSuite() {}

  /** A new HPKE instance of the suite (instances are not shared between threads). */
  public static HPKE hpke() {
    return new HPKE(
        HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
  }

  /** info = "sable.intake.v1" || chainId (8 bytes, big-endian) || bridge address (20 bytes). */
  public static byte[] info(Deployment deployment) {
    return ByteBuffer.allocate(INFO_LABEL.length + 8 + 20)
        .put(INFO_LABEL)
        .putLong(deployment.chainId())
        .put(address(deployment))
        .array();
  }

  /** The bridge address of a deployment as its 20 bytes. */
  static byte[] address(Deployment deployment) {
    byte[] raw = deployment.contract().toBytes(); // 32 bytes big-endian, top 12 zero
    byte[] out = new byte[20];
    System.arraycopy(raw, 12, out, 0, 20);
    return out;
  }
}
