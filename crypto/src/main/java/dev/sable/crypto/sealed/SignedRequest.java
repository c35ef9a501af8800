package dev.sable.crypto.sealed;

import dev.sable.crypto.AmendMessage;
import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OrderMessage;

/**
 * What a trader seals to the node: a signed order, cancel or amend. The signature is over the
 * message's hash for the deployment (docs/state.md, section 7); {@link RequestCodec} gives the
 * plaintext bytes.
 */
public sealed interface SignedRequest {
  long accountIndex();

  EdDsaSignature signature();

  /** The field element the signature is over. */
  Fr messageHash(Deployment deployment);

  record Order(OrderMessage message, EdDsaSignature signature) implements SignedRequest {
    @Override
    public long accountIndex() {
      return message.accountIndex();
    }

    @Override
    public Fr messageHash(Deployment d) {
      return message.hash(d);
    }
  }

  record Cancel(CancelMessage message, EdDsaSignature signature) implements SignedRequest {
    @Override
    public long accountIndex() {
      return message.accountIndex();
    }

    @Override
    public Fr messageHash(Deployment d) {
      return message.hash(d);
    }
  }

  record Amend(AmendMessage message, EdDsaSignature signature) implements SignedRequest {
    @Override
    public long accountIndex() {
      return message.accountIndex();
    }

    @Override
    public Fr messageHash(Deployment d) {
      return message.hash(d);
    }
  }
}
