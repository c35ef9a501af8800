package dev.sable.sdk;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.sealed.RequestCodec;
import dev.sable.crypto.sealed.SealedMessage;
import dev.sable.crypto.sealed.SealingSession;
import dev.sable.crypto.sealed.SignedRequest;

/**
 * Seals signed requests to a node's HPKE key: one session (one X25519 key agreement), reused for
 * every request, each with its own message number. Only the node can open them.
 */
public final class RequestSealer {
  private final SealingSession session;

  public RequestSealer(byte[] nodeKey, Deployment deployment) {
    this.session = SealingSession.open(nodeKey, deployment);
  }

  public SealedMessage seal(SignedRequest request) {
    return session.seal(RequestCodec.encode(request));
  }
}
