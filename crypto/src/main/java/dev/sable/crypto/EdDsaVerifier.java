package dev.sable.crypto;

/**
 * Checks EdDSA signatures by one definition (docs/state.md, section 6): {@link #JAVA} is {@link
 * EdDsaPublicKey#verify}; another implementation (the native library's) must accept exactly the
 * same signatures, and gets the key validated, R decoded onto the curve and S in range.
 */
public interface EdDsaVerifier {
  /** The pure-Java check. */
  EdDsaVerifier JAVA = EdDsaPublicKey::verify;

  /** Whether sig signs message under key, the challenge hashed with the given Poseidon2. */
  boolean verify(EdDsaPublicKey key, Fr message, EdDsaSignature sig, FieldHasher hasher);

  /**
   * Whether sig signs the signed message's hash for the deployment under key: the same check on
   * {@code message.signedHash(deployment, hasher)}. An implementation may hash and check in one
   * step (the native one does, in one call).
   */
  default boolean verifySigned(
      EdDsaPublicKey key,
      SignedMessage message,
      Deployment deployment,
      EdDsaSignature sig,
      FieldHasher hasher) {
    return verify(key, message.signedHash(deployment, hasher), sig, hasher);
  }
}
