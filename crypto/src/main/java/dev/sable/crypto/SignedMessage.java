package dev.sable.crypto;

/** A message a trader signs: its account, and the field element signed for a deployment. */
public interface SignedMessage {
  long accountIndex();

  /** The field element the trader signs, computed with the given Poseidon2 implementation. */
  Fr hash(Deployment deployment, FieldHasher hasher);
}
