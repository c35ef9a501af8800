package dev.sable.sdk;

import dev.sable.crypto.AmendMessage;
import dev.sable.crypto.AuthMessage;
import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.sealed.SignedRequest;

/** Signs a trader's messages for one deployment (docs/state.md, section 7). */
public final class RequestSigner {
  private final EdDsaPrivateKey key;
  private final Deployment deployment;

  public RequestSigner(EdDsaPrivateKey key, Deployment deployment) {
    this.key = key;
    this.deployment = deployment;
  }

  public SignedRequest.Order order(OrderMessage message) {
    return new SignedRequest.Order(message, key.sign(message.hash(deployment)));
  }

  public SignedRequest.Cancel cancel(CancelMessage message) {
    return new SignedRequest.Cancel(message, key.sign(message.hash(deployment)));
  }

  public SignedRequest.Amend amend(AmendMessage message) {
    return new SignedRequest.Amend(message, key.sign(message.hash(deployment)));
  }

  /** The answer to a login challenge. */
  public EdDsaSignature login(AuthMessage message) {
    return key.sign(message.hash(deployment));
  }
}
