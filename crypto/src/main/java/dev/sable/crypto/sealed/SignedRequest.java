package dev.sable.crypto.sealed;

import dev.sable.crypto.AmendMessage;
import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.Poseidon2;

/**
 * What a trader seals to the node: a signed order, cancel or amend. The signature is over the
 * message's hash for the deployment (docs/state.md, section 7); {@link RequestCodec} gives the
 * plaintext bytes.
 */
public sealed interface SignedRequest {
  long accountIndex();

  EdDsaSignature signature();

  /** The field element the signature is over. */
  default Fr messageHash(Deployment deployment) {
    return messageHash(deployment, Poseidon2.INSTANCE);
  }

  /** The same, computed with the given Poseidon2 implementation. */
  Fr messageHash(Deployment deployment, FieldHasher hasher);

  record Order(OrderMessage message, EdDsaSignature signature) implements SignedRequest {
    @Override
    public long accountIndex() {
      return message.accountIndex();
    }

    @Override
    public Fr messageHash(Deployment d, FieldHasher hasher) {
      return message.hash(d, hasher);
    }
  }

  record Cancel(CancelMessage message, EdDsaSignature signature) implements SignedRequest {
    @Override
    public long accountIndex() {
      return message.accountIndex();
    }

    @Override
    public Fr messageHash(Deployment d, FieldHasher hasher) {
      return message.hash(d, hasher);
    }
  }

  record Amend(AmendMessage message, EdDsaSignature signature) implements SignedRequest {
    @Override
    public long accountIndex() {
      return message.accountIndex();
    }

    @Override
    public Fr messageHash(Deployment d, FieldHasher hasher) {
      return message.hash(d, hasher);
    }
  }
}
