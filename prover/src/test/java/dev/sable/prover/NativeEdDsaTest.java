package dev.sable.prover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.EdDsaVerifier;
import dev.sable.crypto.Fr;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.Poseidon2;
import dev.sable.crypto.SignedMessage;
import dev.sable.crypto.WithdrawalMessage;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The native verifier accepts exactly the signatures the pure-Java one accepts: valid ones, and
 * none of the forgeries (another S, another message or key, R of another signature, R moved off the
 * prime-order subgroup by a point of order 2 or 4).
 */
class NativeEdDsaTest {
  private static final BigInteger R = Fr.MODULUS;
  // the prime order of the curve's subgroup: S ranges over [1, L)
  private static final BigInteger L =
      new BigInteger(
          "2736030358979909402780800718157159386076813972158567259200215660948447373041");
  // a square root of -1 mod r: (i, 0) has order 4 on the curve, (0, -1) order 2
  private static final BigInteger I =
      BigInteger.valueOf(5).modPow(R.subtract(BigInteger.ONE).shiftRight(2), R);

  private static Fr neg(Fr x) {
    return Fr.of(R.subtract(x.toBigInteger()).mod(R));
  }

  private static Fr timesI(Fr x) {
    return Fr.of(x.toBigInteger().multiply(I).mod(R));
  }

  @Test
  void nativeAcceptsExactlyWhatJavaAccepts() {
    assertThat(I.multiply(I).mod(R)).isEqualTo(R.subtract(BigInteger.ONE));
    assertThat(NativeEdDsa.preferred()).isSameAs(NativeEdDsa.INSTANCE);
    Random random = new Random(21);
    int valid = 0;
    for (int i = 0; i < 60; i++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      EdDsaPrivateKey key = EdDsaPrivateKey.fromSeed(seed);
      EdDsaPublicKey pub = key.publicKey();
      Fr m = Fr.of(new BigInteger(250, random));
      EdDsaSignature sig = key.sign(m);
      EdDsaSignature other = key.sign(Fr.of(m.toBigInteger().add(BigInteger.ONE)));
      List<EdDsaSignature> forged = new ArrayList<>();
      if (sig.s().add(BigInteger.ONE).compareTo(L) < 0) {
        forged.add(new EdDsaSignature(sig.rx(), sig.ry(), sig.s().add(BigInteger.ONE)));
      }
      forged.add(new EdDsaSignature(other.rx(), other.ry(), sig.s()));
      forged.add(new EdDsaSignature(neg(sig.rx()), neg(sig.ry()), sig.s())); // R + (0, -1)
      forged.add(new EdDsaSignature(timesI(sig.ry()), timesI(sig.rx()), sig.s())); // R + (i, 0)
      assertThat(agree(pub, m, sig)).isTrue();
      valid++;
      for (EdDsaSignature f : forged) {
        assertThat(agree(pub, m, f)).as("forgery %d of key %d", forged.indexOf(f), i).isFalse();
      }
      assertThat(agree(pub, Fr.of(m.toBigInteger().add(BigInteger.TWO)), sig)).isFalse();
      byte[] strangerSeed = new byte[32];
      strangerSeed[0] = (byte) i;
      EdDsaPublicKey stranger = EdDsaPrivateKey.fromSeed(strangerSeed).publicKey();
      assertThat(agree(stranger, m, sig)).isFalse();
    }
    assertThat(valid).isEqualTo(60);
  }

  /**
   * A signed request's check in one native call (the library folds the message's words after its
   * prefix state) accepts exactly what the Java check of the hashed message accepts, for every kind
   * of signed message: the trader's signature; not with one field of the message changed, nor for
   * another deployment (chain id or bridge), nor another key's signature over the same message.
   */
  @Test
  void oneCallForASignedRequestAgreesWithTheHashedCheck() {
    Random random = new Random(7);
    Deployment here = new Deployment(31337, Fr.ofLong(0xb1d9e));
    Deployment otherChain = new Deployment(1, Fr.ofLong(0xb1d9e));
    Deployment otherBridge = new Deployment(31337, Fr.ofLong(0xb1d9f));
    Fr recipient = Fr.of(new BigInteger(160, random));
    for (int i = 0; i < 10; i++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      EdDsaPrivateKey key = EdDsaPrivateKey.fromSeed(seed);
      byte[] strangerSeed = new byte[32];
      random.nextBytes(strangerSeed);
      EdDsaPrivateKey stranger = EdDsaPrivateKey.fromSeed(strangerSeed);
      long account = random.nextInt(1 << 20);
      OrderMessage order =
          new OrderMessage(account, 3, 1000L + i, i % 2, 0, 3000 + i, 5, 0, 123456789L, 1);
      List<List<SignedMessage>> signedAndChanged =
          List.of(
              List.of(order, order.amend(3000 + i, 6), order.amend(3001 + i, 5)),
              List.of(new CancelMessage(account, 77), new CancelMessage(account, 78)),
              List.of(
                  new WithdrawalMessage(account, 500, recipient, i),
                  new WithdrawalMessage(account, 501, recipient, i),
                  new WithdrawalMessage(account, 500, recipient, i + 1L)),
              List.of(new MarginModeMessage(account, 1, 9), new MarginModeMessage(account, 0, 9)));
      for (List<SignedMessage> messages : signedAndChanged) {
        SignedMessage signed = messages.get(0);
        EdDsaSignature sig = key.sign(signed.signedHash(here, Poseidon2.INSTANCE));
        EdDsaPublicKey pub = key.publicKey();
        assertThat(agreeSigned(pub, signed, here, sig)).as("%s", signed).isTrue();
        for (SignedMessage changed : messages.subList(1, messages.size())) {
          assertThat(agreeSigned(pub, changed, here, sig)).as("%s", changed).isFalse();
        }
        assertThat(agreeSigned(pub, signed, otherChain, sig)).isFalse();
        assertThat(agreeSigned(pub, signed, otherBridge, sig)).isFalse();
        assertThat(agreeSigned(stranger.publicKey(), signed, here, sig)).isFalse();
      }
    }
  }

  /** The native one-call verdict on a signed message, after checking it agrees with Java's. */
  private static boolean agreeSigned(
      EdDsaPublicKey key, SignedMessage m, Deployment d, EdDsaSignature sig) {
    boolean java =
        EdDsaVerifier.JAVA.verify(
            key, m.signedHash(d, Poseidon2.INSTANCE), sig, Poseidon2.INSTANCE);
    boolean nat = NativeEdDsa.INSTANCE.verifySigned(key, m, d, sig, NativePoseidon2.INSTANCE);
    assertThat(nat).as("native agrees with Java").isEqualTo(java);
    return nat;
  }

  /** Both verifiers' verdict, after checking they agree. */
  private static boolean agree(EdDsaPublicKey key, Fr m, EdDsaSignature sig) {
    boolean java = EdDsaVerifier.JAVA.verify(key, m, sig, Poseidon2.INSTANCE);
    boolean nat = NativeEdDsa.INSTANCE.verify(key, m, sig, NativePoseidon2.INSTANCE);
    assertThat(nat).as("native agrees with Java").isEqualTo(java);
    return nat;
  }
}
