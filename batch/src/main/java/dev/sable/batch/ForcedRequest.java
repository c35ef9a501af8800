package dev.sable.batch;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.InvalidEncodingException;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.state.settlement.KeyPoint;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A forced withdrawal request as the bridge queued it (docs/bridge.md, "Forced withdrawal
 * requests"): the message ({@code amount} is the request's maxAmount, {@code nonce} the nonce it
 * names) and the owner's signature over {@link WithdrawalMessage#forcedHash}, as L1 stores it: any
 * R coordinates below r and S below l, not necessarily a valid signature (the batch then serves it
 * by paying 0).
 */
public record ForcedRequest(WithdrawalMessage message, Fr rx, Fr ry, BigInteger s) {
  public ForcedRequest {
    Objects.requireNonNull(message);
    Objects.requireNonNull(rx);
    Objects.requireNonNull(ry);
    if (s.signum() < 0 || s.bitLength() > 253) {
      throw new IllegalArgumentException("request signature S out of range: " + s);
    }
  }

  /** A request signed with a well-formed signature. */
  public ForcedRequest(WithdrawalMessage message, EdDsaSignature signature) {
    this(message, signature.rx(), signature.ry(), signature.s());
  }

  /**
   * Whether the account key {@code key} signed this request for the deployment, by the circuit's
   * check (false for a key that is not a valid point, such as the keyless fund's): what the node
   * journals as {@code ForcedWithdrawal.signed}, so that the sequencer pays exactly the requests
   * the circuit pays.
   */
  public boolean signedBy(KeyPoint key, Deployment deployment) {
    return key.validated().map(k -> signedBy(k, message.forcedHash(deployment))).orElse(false);
  }

  /**
   * Whether key signed this request, by the circuit's check ([S]B - [h]A = R; an S of 0 or not
   * below l, which {@link EdDsaSignature} refuses, is no signature).
   */
  boolean signedBy(EdDsaPublicKey key, Fr forcedHash) {
    EdDsaSignature signature;
    try {
      signature = new EdDsaSignature(rx, ry, s);
    } catch (InvalidEncodingException e) {
      return false;
    }
    return key.verify(forcedHash, signature);
  }
}
