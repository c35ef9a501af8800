package dev.sable.crypto;

/**
 * A message a trader signs and seals to the node: its account, and the field element it signs for a
 * deployment. Orders and withdrawals sign the settlement layout's v2 hashes (docs/state.md, section
 * 12), which the settlement circuit checks; cancels sign the section 7 message (cancels are not
 * proven).
 */
public interface SignedMessage {
  long accountIndex();

  /**
   * The Merkle-Damgard state after the message's constant prefix, H(tag, chainId, contract), kept
   * per kind and deployment.
   */
  Fr signedPrefix(Deployment deployment);

  /** The message's fields as the elements hashed after its prefix. */
  Fr[] signedWords();

  /**
   * The field element the trader signs, computed with the given Poseidon2 implementation: {@link
   * #signedWords} folded after {@link #signedPrefix}.
   */
  default Fr signedHash(Deployment deployment, FieldHasher hasher) {
    return hasher.fold(signedPrefix(deployment), signedWords());
  }
}
