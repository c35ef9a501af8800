package dev.sable.crypto.sealed;

import dev.sable.crypto.Deployment;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The operator's endorsement of the node's HPKE key: a secp256k1 ECDSA signature, by the L1 key the
 * bridge names as its operator, over keccak256("sable.nodekey.v1" || chainId (8 bytes) || bridge
 * (20 bytes) || node key (32 bytes)). A trader checks it against the operator address it reads from
 * the bridge, so a man in the middle cannot hand it a key of its own. The operator's public key (64
 * bytes, x || y) travels with the signature; its keccak256 gives the address.
 */
public record NodeKeyEndorsement(byte[] operatorPublicKey, byte[] signature) {
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
  private static final byte[] LABEL = "sable.nodekey.v1".getBytes(StandardCharsets.US_ASCII);

  public NodeKeyEndorsement {
    if (operatorPublicKey.length != 64 || signature.length != 64) {
      throw new IllegalArgumentException("endorsement needs a 64-byte key and a 64-byte signature");
    }
    operatorPublicKey = operatorPublicKey.clone();
    signature = signature.clone();
  }

  /** Signs the node key with the operator's secp256k1 private key (deterministic, RFC 6979). */
  public static NodeKeyEndorsement sign(
      BigInteger operatorPrivateKey, Deployment deployment, byte[] nodeKey) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(operatorPrivateKey, DOMAIN));
    BigInteger[] rs = signer.generateSignature(digest(deployment, nodeKey));
    byte[] encoded = DOMAIN.getG().multiply(operatorPrivateKey).normalize().getEncoded(false);
    return new NodeKeyEndorsement(
        Arrays.copyOfRange(encoded, 1, 65),
        ByteBuffer.allocate(64).put(fixed32(rs[0])).put(fixed32(rs[1])).array());
  }

  /** The L1 address of the endorsing key: the last 20 bytes of keccak256 of its 64 bytes. */
  public byte[] operatorAddress() {
    byte[] hash = keccak(operatorPublicKey);
    return Arrays.copyOfRange(hash, 12, 32);
  }

  /** Whether this endorses nodeKey for the deployment, signed by the given L1 address. */
  public boolean endorses(Deployment deployment, byte[] nodeKey, byte[] expectedOperator) {
    if (!Arrays.equals(operatorAddress(), expectedOperator)) {
      return false;
    }
    ECPoint q;
    try {
      byte[] uncompressed = new byte[65];
      uncompressed[0] = 0x04;
      System.arraycopy(operatorPublicKey, 0, uncompressed, 1, 64);
      q = CURVE.getCurve().decodePoint(uncompressed);
    } catch (IllegalArgumentException notOnCurve) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(q, DOMAIN));
    return verifier.verifySignature(
        digest(deployment, nodeKey),
        new BigInteger(1, Arrays.copyOfRange(signature, 0, 32)),
        new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)));
  }

  private static byte[] digest(Deployment deployment, byte[] nodeKey) {
    if (nodeKey.length != IntakeSuite.KEY_BYTES) {
      throw new IllegalArgumentException("node key needs 32 bytes");
    }
    return keccak(
        ByteBuffer.allocate(LABEL.length + 8 + 20 + 32)
            .put(LABEL)
            .putLong(deployment.chainId())
            .put(IntakeSuite.address(deployment))
            .put(nodeKey)
            .array());
  }

  private static byte[] keccak(byte[] in) {
    KeccakDigest d = new KeccakDigest(256);
    d.update(in, 0, in.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  private static byte[] fixed32(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeKeyEndorsement e
        && Arrays.equals(e.operatorPublicKey, operatorPublicKey)
        && Arrays.equals(e.signature, signature);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "NodeKeyEndorsement[operator="
        + java.util.HexFormat.of().formatHex(operatorAddress())
        + "]";
  }
}
