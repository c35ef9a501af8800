package dev.sable.crypto.sealed;

import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.Fr;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.MessageRanges;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.Poseidon2;
import dev.sable.crypto.SignedMessage;
import dev.sable.crypto.WithdrawalMessage;

/**
 * What a trader seals to the node: a signed order, amend, cancel, withdrawal or margin mode switch.
 * Orders, amends and withdrawals are signed over the settlement layout's v2 hashes (docs/state.md,
 * section 12), so the settlement circuit checks the very signature the node journals; cancels over
 * the section 7 message. An amend is an order (docs/settlement.md, "Orders"): a new order in the
 * same fill slot under a larger client order id ({@link OrderMessage#amend}), sent to the amend
 * endpoint because it replaces the slot's resting order. {@link RequestCodec} gives the plaintext
 * bytes.
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
    return message().signedHash(deployment, hasher);
  }

  record Order(OrderMessage message, EdDsaSignature signature) implements SignedRequest {}

  /**
   * A signed order that replaces the order {@code replaces} of the same fill slot (a smaller client
   * order id: {@code message.clientOrderId() = replaces + 1024 k}, k >= 1). Only the new order is
   * signed, as the settlement circuit wants it; which order it replaces is implied by the slot (it
   * holds one resting order at most) and named so the sequencer can check it.
   */
  record Amend(OrderMessage message, long replaces, EdDsaSignature signature)
      implements SignedRequest {
    public Amend {
      if (replaces < 0
          || replaces >= message.clientOrderId()
          || (message.clientOrderId() - replaces) % MessageRanges.FILL_SLOTS != 0) {
        throw new IllegalArgumentException(
            "an amend replaces an earlier order of its fill slot: clientOrderId - replaces must be"
                + " a positive multiple of 1024");
      }
    }
  }

  record Cancel(CancelMessage message, EdDsaSignature signature) implements SignedRequest {}

  record Withdrawal(WithdrawalMessage message, EdDsaSignature signature) implements SignedRequest {}

  /** A switch of the account's margin mode (node-only, not proven). */
  record MarginMode(MarginModeMessage message, EdDsaSignature signature) implements SignedRequest {}
}
