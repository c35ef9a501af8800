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
