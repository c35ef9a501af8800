package dev.sable.crypto;

/**
 * A message a trader signs and seals to the node: its account, and the field element it signs for a
 * deployment. Orders and withdrawals sign the settlement layout's v2 hashes (docs/state.md, section
 * 12), which the settlement circuit checks; cancels sign the section 7 message (cancels are not
 * proven).
 */
public interface SignedMessage {
  long accountIndex();

  /** The field element the trader signs, computed with the given Poseidon2 implementation. */
  Fr signedHash(Deployment deployment, FieldHasher hasher);
}
