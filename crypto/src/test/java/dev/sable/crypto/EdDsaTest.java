package dev.sable.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EdDsaTest {
  private static EdDsaPrivateKey key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    return EdDsaPrivateKey.fromSeed(seed);
  }

  @Test
  void signaturesVerifyOnlyForTheirKeyAndMessage() {
    EdDsaPrivateKey k = key(1);
    Fr m = Fr.ofLong(42);
    byte[] sig = k.sign(m).encode();
    assertThat(k.publicKey().verify(m, sig)).isTrue();
    assertThat(k.publicKey().verify(Fr.ofLong(43), sig)).isFalse();
    assertThat(key(2).publicKey().verify(m, sig)).isFalse();
    byte[] flipped = sig.clone();
    flipped[40] ^= 1;
    assertThat(k.publicKey().verify(m, flipped)).isFalse();
  }

  @Test
  void signingIsDeterministicAndEncodingsRoundTrip() {
    EdDsaPrivateKey k = key(3);
    EdDsaSignature s = k.sign(Fr.ONE);
    assertThat(k.sign(Fr.ONE).encode()).isEqualTo(s.encode());
    assertThat(EdDsaSignature.decode(s.encode())).isEqualTo(s);
    assertThat(EdDsaPublicKey.decode(k.publicKey().encode())).isEqualTo(k.publicKey());
  }

  @Test
  void theUncompressedFormDecodesTheSameSignatureWithoutASquareRoot() {
    EdDsaSignature s = key(6).sign(Fr.ofLong(7));
    byte[] wide = s.encodeUncompressed();
    assertThat(wide).hasSize(EdDsaSignature.UNCOMPRESSED_BYTES);
    assertThat(EdDsaSignature.decodeUncompressed(wide))
        .isEqualTo(s)
        .isEqualTo(EdDsaSignature.decode(s.encode()));
  }

  @Test
  void anUncompressedSignatureWithRNotOnTheCurveOrUnreducedIsRefused() {
    EdDsaSignature s = key(6).sign(Fr.ofLong(7));
    byte[] offCurve = s.encodeUncompressed();
    offCurve[31] ^= 1; // R.x changed, R.y kept
    assertThatThrownBy(() -> EdDsaSignature.decodeUncompressed(offCurve))
        .isInstanceOf(InvalidEncodingException.class)
        .hasMessageContaining("not on the curve");
    byte[] unreduced = s.encodeUncompressed();
    System.arraycopy(Fr.MODULUS.add(s.rx().toBigInteger()).toByteArray(), 0, unreduced, 0, 32);
    assertThatThrownBy(() -> EdDsaSignature.decodeUncompressed(unreduced))
        .hasMessageContaining("not reduced");
    // (0, -1): on the curve but of order 2: it decodes, and never verifies
    byte[] order2 = s.encodeUncompressed();
    System.arraycopy(new byte[32], 0, order2, 0, 32);
    System.arraycopy(Fr.ofLong(-1).toBytes(), 0, order2, 32, 32);
    byte[] back = EdDsaSignature.decodeUncompressed(order2).encodeUncompressed();
    assertThat(key(6).publicKey().verify(Fr.ofLong(7), EdDsaSignature.decodeUncompressed(back)))
        .isFalse();
    assertThatThrownBy(() -> EdDsaSignature.decodeUncompressed(new byte[64]))
        .hasMessageContaining("96 bytes");
  }

  @Test
  void malleatedSIsRejected() {
    EdDsaSignature s = key(4).sign(Fr.ONE);
    assertThatThrownBy(() -> new EdDsaSignature(s.rx(), s.ry(), s.s().add(EdwardsPoint.ORDER)))
        .isInstanceOf(InvalidEncodingException.class);
  }

  @Test
  void smallOrderAndOffSubgroupKeysAreRejected() {
    // (0, -1) has order 2; adding it to a valid key leaves the prime-order subgroup.
    byte[] order2 = PointCodec.encode(Fr.ZERO, Fr.ofLong(-1));
    assertThatThrownBy(() -> EdDsaPublicKey.decode(order2))
        .isInstanceOf(InvalidEncodingException.class);
    EdDsaPublicKey pk = key(5).publicKey();
    EdwardsPoint mixed =
        EdwardsPoint.fromAffine(pk.x().toMontgomery(), pk.y().toMontgomery())
            .add(EdwardsPoint.fromAffine(Fr.ZERO.toMontgomery(), Fr.ofLong(-1).toMontgomery()));
    long[][] a = mixed.affine();
    byte[] encoded = PointCodec.encode(Fr.fromMontgomery(a[0]), Fr.fromMontgomery(a[1]));
    assertThatThrownBy(() -> EdDsaPublicKey.decode(encoded))
        .isInstanceOf(InvalidEncodingException.class);
    assertThat(EdwardsPoint.BASE.multiply(EdwardsPoint.ORDER).isIdentity()).isTrue();
    assertThat(EdwardsPoint.BASE.multiply(BigInteger.TEN).isIdentity()).isFalse();
  }
}
