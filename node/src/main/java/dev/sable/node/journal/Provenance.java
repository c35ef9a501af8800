package dev.sable.node.journal;

/**
 * Where a journaled command came from, kept with it: the batch builder needs the trader's signature
 * to prove a trade, and a restart rebuilds the intake's replay guard and the account keys from it.
 */
public sealed interface Provenance {
  /** Made by the node itself: market listing, time, oracle prices, funding, liquidation sweeps. */
  record Node() implements Provenance {}

  /** A trader's signed order or cancel: the 64-byte EdDSA signature. */
  record Signed(byte[] signature) implements Provenance {}

  /** A trader's signed amend, with the amend's nonce (the command itself does not carry it). */
  record SignedAmend(byte[] signature, long amendNonce) implements Provenance {}

  /**
   * A trader's signed withdrawal (over the settlement circuit's message, docs/state.md section 12):
   * the signature, the L1 recipient (a 32-byte word holding 160 bits) and the nonce it was signed
   * with. The command carries the account and the amount.
   */
  record SignedWithdrawal(byte[] signature, byte[] recipient, long nonce) implements Provenance {}

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
