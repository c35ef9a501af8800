package dev.sable.crypto;

/**
 * The Fiat-Shamir challenge h = Poseidon2-MD(R.x, R.y, A.x, A.y, m), used as an integer by the
 * scalar multiplications.
 */
final class EdDsaChallenge {
  private EdDsaChallenge() {}

  static Fr of(Fr rx, Fr ry, Fr ax, Fr ay, Fr message, FieldHasher hasher) {
    return hasher.hash(rx, ry, ax, ay, message);
  }
}
