package dev.sable.batch.sequencer;

import dev.sable.batch.ForcedRequest;
import dev.sable.batch.MarginSwitch;
import dev.sable.batch.SignedOrder;
import dev.sable.batch.SignedPrice;
import dev.sable.batch.Withdrawal;
import dev.sable.crypto.Fr;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.state.settlement.KeyPoint;

/**
 * What a command carries beside it for the settlement proof, which the sequencer neither needs nor
 * sees (docs/settlement.md, "The sequencer's commands and what they carry"): the owner's signed v2
 * message and its signature, an oracle's signed price, or the L1 deposit queue's record. The node
 * journals it with the command and hands both to the {@link SettlementBatcher}.
 */
public sealed interface Evidence {
  /**
   * Commands whose effects need nothing signed: listing, status, cancels, time, funding, sweeps.
   */
  Evidence NONE = new None();

  /**
   * The evidence of a trader's command from the signed request the node journals beside it
   * (docs/node.md, "The journal"): an order's or an amend's signed order, a withdrawal's signed
   * withdrawal, a margin-mode switch's signed request; a cancel needs none (cancels are not
   * proven).
   */
  static Evidence of(SignedRequest request) {
    return switch (request) {
      case SignedRequest.Order o -> new OrderSignature(new SignedOrder(o.message(), o.signature()));
      case SignedRequest.Amend a -> new OrderSignature(new SignedOrder(a.message(), a.signature()));
      case SignedRequest.Withdrawal w ->
          new WithdrawalSignature(new Withdrawal(w.message(), w.signature()));
      case SignedRequest.Cancel c -> NONE;
      case SignedRequest.MarginMode m ->
          new SwitchSignature(new MarginSwitch(m.message(), m.signature()));
    };
  }

  record None() implements Evidence {}

  /**
   * A {@code PlaceOrder}: the order the trader signed ({@code OrderMessage.hashV2}), field for
   * field the command. An {@code AmendOrder}: the new order, signed under the new client order id,
   * with the amend's price and quantity and the old order's other terms.
   */
  record OrderSignature(SignedOrder order) implements Evidence {}

  /**
   * A {@code Withdraw}: the withdrawal the owner signed ({@code WithdrawalMessage.hashV2}):
   * account, amount and nonce as the command's, and the L1 recipient.
   */
  record WithdrawalSignature(Withdrawal withdrawal) implements Evidence {}

  /**
   * A {@code SetMarginMode}: the switch the owner signed ({@code MarginModeMessage.hash}): account,
   * mode and request id as the command's.
   */
  record SwitchSignature(MarginSwitch request) implements Evidence {}

  /** An {@code OraclePrice}: the price its source signed, field for field the command. */
  record PriceSignature(SignedPrice price) implements Evidence {}

  /**
   * A {@code Deposit}: L1's queue record it comes from (its index in the queue, the sender a refund
   * goes back to, the key the depositor named) and the blinding the node picked for the account the
   * deposit may create.
   *
   * @param queueIndex the record's index in the bridge's deposit queue (from 0)
   */
  record QueueRecord(long queueIndex, Fr sender, KeyPoint key, Fr blinding) implements Evidence {}

  /**
   * A {@code ForcedWithdrawal}: L1's request queue record it comes from, as the bridge stores it
   * (the signed message with the recipient, and the signature, valid or not).
   *
   * @param queueIndex the record's index in the bridge's request queue (from 0)
   */
  record RequestRecord(long queueIndex, ForcedRequest request) implements Evidence {}
}
