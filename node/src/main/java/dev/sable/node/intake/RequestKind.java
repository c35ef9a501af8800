package dev.sable.node.intake;

import dev.sable.crypto.sealed.SignedRequest;

/** Which signed request an endpoint takes. */
public enum RequestKind {
  ORDER,
  AMEND,
  CANCEL,
  WITHDRAWAL,
  MARGIN_MODE;

  static RequestKind of(SignedRequest r) {
    return switch (r) {
      case SignedRequest.Order o -> ORDER;
      case SignedRequest.Amend a -> AMEND;
      case SignedRequest.Cancel c -> CANCEL;
      case SignedRequest.Withdrawal w -> WITHDRAWAL;
      case SignedRequest.MarginMode m -> MARGIN_MODE;
    };
  }
}
