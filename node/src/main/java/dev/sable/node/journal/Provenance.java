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

  Provenance NODE = new Node();
}
