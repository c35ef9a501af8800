package dev.sable.node.journal;

import dev.sable.crypto.sealed.SignedRequest;

/**
 * Where a journaled command came from, kept with it: the prover needs a trader's signed message and
 * signature to prove a fill or a withdrawal (the sequencer does not), and a restart rebuilds the
 * intake's replay guard and the account keys from it.
 */
public sealed interface Provenance {
  /** Made by the node itself: market listing, time, oracle prices, funding, liquidation sweeps. */
  record Node() implements Provenance {}

  /**
   * A trader's signed request (order, amend, cancel or withdrawal): the message exactly as signed
   * and its EdDSA signature.
   */
  record Signed(SignedRequest request) implements Provenance {}

  /** A deposit that registers its account's EdDSA public key (32 bytes, compressed). */
  record Registration(byte[] publicKey) implements Provenance {}

  /**
   * A deposit from L1's deposit queue (docs/node.md, "Deposits from L1"): its queue index (the
   * idempotency key: each index is journaled once, in order), the record as L1 logged it (account,
   * sender: 20 bytes, key: 32 + 32 bytes), the blinding the node chose for the account the deposit
   * may create (32 bytes), and the block it was logged in (number and 32-byte hash). The command
   * carries the amount.
   */
  record L1Deposit(
      long queueIndex,
      long account,
      byte[] sender,
      byte[] keyX,
      byte[] keyY,
      byte[] blinding,
      long block,
      byte[] blockHash)
      implements Provenance {}

  Provenance NODE = new Node();
}
