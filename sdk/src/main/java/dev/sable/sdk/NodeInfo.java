package dev.sable.sdk;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.Fr;
import dev.sable.crypto.sealed.NodeKeyEndorsement;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * A node's identity from GET /v1/info: the deployment its signatures and seals are bound to, its
 * HPKE key, and the operator's endorsement of that key.
 */
public record NodeInfo(
    long chainId, String bridge, byte[] intakeKey, NodeKeyEndorsement endorsement) {

  public Deployment deployment() {
    return new Deployment(chainId, Fr.of(new BigInteger(bridge, 16)));
  }

  /**
   * Whether the node key is endorsed by this operator address (20 bytes, as the bridge's {@code
   * operator()} returns it). A client that skips this trusts whoever answered /v1/info.
   */
  public boolean endorsedBy(byte[] operator) {
    return endorsement.endorses(deployment(), intakeKey, operator);
  }

  /** The operator address the endorsement claims (check it against L1). */
  public String claimedOperator() {
    return HexFormat.of().formatHex(endorsement.operatorAddress());
  }
}
