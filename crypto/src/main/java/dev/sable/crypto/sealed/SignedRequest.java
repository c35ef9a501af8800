package dev.sable.crypto.sealed;

import dev.sable.crypto.AmendMessage;
import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.Poseidon2;
import dev.sable.crypto.SignedMessage;

/**
 * What a trader seals to the node: a signed order, cancel or amend. The signature is over the
 * message's hash for the deployment (docs/state.md, section 7); {@link RequestCodec} gives the
 * plaintext bytes.
 */
public sealed interface SignedRequest {
  SignedMessage message();

  EdDsaSignature signature();

  default long accountIndex() {
    return message().accountIndex();
  }

  /** The field element the signature is over. */
  default Fr messageHash(Deployment deployment) {
    return messageHash(deployment, Poseidon2.INSTANCE);
  }

  /** The same, computed with the given Poseidon2 implementation. */
  default Fr messageHash(Deployment deployment, FieldHasher hasher) {
    return message().hash(deployment, hasher);
  }

  record Order(OrderMessage message, EdDsaSignature signature) implements SignedRequest {}

  record Cancel(CancelMessage message, EdDsaSignature signature) implements SignedRequest {}

  record Amend(AmendMessage message, EdDsaSignature signature) implements SignedRequest {}
}
