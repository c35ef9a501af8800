package dev.sable.node.intake;

import dev.sable.crypto.sealed.SignedRequest;

/** Which signed request an endpoint takes. */
public enum RequestKind {
  ORDER,
  CANCEL,
  AMEND;

  static RequestKind of(SignedRequest r) {
    return switch (r) {
      case SignedRequest.Order o -> ORDER;
      case SignedRequest.Cancel c -> CANCEL;
      case SignedRequest.Amend a -> AMEND;
    };
  }
}
