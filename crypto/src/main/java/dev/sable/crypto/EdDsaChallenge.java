package dev.sable.crypto;

import java.math.BigInteger;

/** The Fiat-Shamir challenge h = Poseidon2-MD(R.x, R.y, A.x, A.y, m), used as an integer. */
final class EdDsaChallenge {
  private EdDsaChallenge() {}

  static BigInteger of(Fr rx, Fr ry, Fr ax, Fr ay, Fr message, FieldHasher hasher) {
    return hasher.hash(rx, ry, ax, ay, message).toBigInteger();
  }
}
