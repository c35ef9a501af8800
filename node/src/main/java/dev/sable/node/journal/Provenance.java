package dev.sable.node.journal;

import dev.sable.batch.ForcedRequest;
import dev.sable.crypto.Fr;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.crypto.sealed.RequestCodec;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.sequencer.command.Command;
import java.math.BigInteger;
import java.util.Arrays;

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
   * and its EdDSA signature, and {@code bytes}, its {@link RequestCodec} encoding: the plaintext
   * the trader sealed, which the journal stores as received rather than encoding the request again.
   */
  record Signed(SignedRequest request, byte[] bytes) implements Provenance {
    /** A request made here (tests, replicas), encoded once. */
    public Signed(SignedRequest request) {
      this(request, RequestCodec.encode(request));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Signed s && request.equals(s.request) && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
      return request.hashCode();
    }
  }

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

  /**
   * A forced withdrawal request from L1's request queue (docs/node.md, "Forced withdrawal requests
   * from L1"): its queue index (the idempotency key, as a deposit's), the recipient (20 bytes) and
   * the signature as the bridge stores it (R.x, R.y, S: 32 bytes each, valid or not), and the block
   * it was logged in (number and 32-byte hash). The command carries the account, the maximum
   * amount, the nonce and whether the account's key signed it.
   */
  record L1Request(
      long queueIndex,
      byte[] recipient,
      byte[] rx,
      byte[] ry,
      byte[] s,
      long block,
      byte[] blockHash)
      implements Provenance {

    /** The request as the bridge queued it, with the command's account, maximum and nonce. */
    public ForcedRequest request(Command.ForcedWithdrawal f) {
      return new ForcedRequest(
          new WithdrawalMessage(
              f.account(), f.maxAmount(), Fr.of(new BigInteger(1, recipient)), f.nonce()),
          Fr.fromBytes(rx),
          Fr.fromBytes(ry),
          new BigInteger(1, s));
    }
  }

  /**
   * An oracle price the node's clock journals with its source's EdDSA signature (uncompressed, 96
   * bytes) over the settlement layout's oracle message (market, source, price, publish time: the
   * command's fields), which the batch that carries the price proves.
   */
  record OracleSignature(byte[] signature) implements Provenance {}

  Provenance NODE = new Node();
}
