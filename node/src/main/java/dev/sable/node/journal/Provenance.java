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

  /** A deposit that registers its account's EdDSA public key (32 bytes, compressed). */
  record Registration(byte[] publicKey) implements Provenance {}

  Provenance NODE = new Node();
}
