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
}
