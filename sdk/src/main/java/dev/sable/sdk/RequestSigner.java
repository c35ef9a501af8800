package dev.sable.sdk;

import dev.sable.crypto.AuthMessage;
import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.crypto.sealed.SignedRequest;

/**
 * Signs a trader's requests for one deployment: orders, amends and withdrawals over the settlement
 * layout's v2 hashes (docs/state.md, section 12: the signatures the settlement circuit checks),
 * cancels and logins over their section 7 messages, margin mode switches over their node-only
 * message.
 */
public final class RequestSigner {
  private final EdDsaPrivateKey key;
  private final Deployment deployment;

  public RequestSigner(EdDsaPrivateKey key, Deployment deployment) {
    this.key = key;
    this.deployment = deployment;
  }

  public SignedRequest.Order order(OrderMessage message) {
    return new SignedRequest.Order(message, key.sign(message.hashV2(deployment)));
  }

  /**
   * An amend of {@code resting}: {@code replacement} is the new order of its fill slot, usually
   * {@code resting.amend(newPrice, newQuantity)} ({@link OrderMessage#amend}).
   */
  public SignedRequest.Amend amend(OrderMessage resting, OrderMessage replacement) {
    return new SignedRequest.Amend(
        replacement, resting.clientOrderId(), key.sign(replacement.hashV2(deployment)));
  }

  public SignedRequest.Cancel cancel(CancelMessage message) {
    return new SignedRequest.Cancel(message, key.sign(message.hash(deployment)));
  }

  public SignedRequest.Withdrawal withdrawal(WithdrawalMessage message) {
    return new SignedRequest.Withdrawal(message, key.sign(message.hashV2(deployment)));
  }

  public SignedRequest.MarginMode marginMode(MarginModeMessage message) {
    return new SignedRequest.MarginMode(message, key.sign(message.hash(deployment)));
  }

  /** The answer to a login challenge. */
  public EdDsaSignature login(AuthMessage message) {
    return key.sign(message.hash(deployment));
  }
}
