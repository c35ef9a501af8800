package dev.sable.crypto.sealed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.Fr;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NodeKeyEndorsementTest {
  // anvil's first dev account: its address is public knowledge, a fixed cross-check of the
  // keccak-of-public-key derivation against what every Ethereum tool computes
  private static final BigInteger DEV_KEY =
      new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16);
  private static final byte[] DEV_ADDRESS =
      HexFormat.of().parseHex("f39fd6e51aad88f6f4ce6ab8827279cfffb92266");
  private static final Deployment D = new Deployment(31337, Fr.ofLong(0xabc));
  private final byte[] nodeKey = NodeIntakeKey.generate(new SecureRandom()).publicKey();

  @Test
  void theOperatorAddressIsTheEthereumAddressOfItsKey() {
    assertThat(NodeKeyEndorsement.sign(DEV_KEY, D, nodeKey).operatorAddress())
        .isEqualTo(DEV_ADDRESS);
  }

  @Test
  void anEndorsementHoldsOnlyForItsKeyDeploymentAndOperator() {
    NodeKeyEndorsement e = NodeKeyEndorsement.sign(DEV_KEY, D, nodeKey);
    assertThat(e.endorses(D, nodeKey, DEV_ADDRESS)).isTrue();
    byte[] otherKey = nodeKey.clone();
    otherKey[0] ^= 1;
    assertThat(e.endorses(D, otherKey, DEV_ADDRESS)).isFalse();
    assertThat(e.endorses(new Deployment(1, D.contract()), nodeKey, DEV_ADDRESS)).isFalse();
    assertThat(e.endorses(new Deployment(31337, Fr.ofLong(0xabd)), nodeKey, DEV_ADDRESS)).isFalse();
    byte[] otherOperator = DEV_ADDRESS.clone();
    otherOperator[19] ^= 1;
    assertThat(e.endorses(D, nodeKey, otherOperator)).isFalse();
  }

  @Test
  void anImpostorKeyOrAForgedSignatureIsRefused() {
    NodeKeyEndorsement impostor = NodeKeyEndorsement.sign(BigInteger.valueOf(12345), D, nodeKey);
    assertThat(impostor.endorses(D, nodeKey, DEV_ADDRESS)).isFalse();
    NodeKeyEndorsement e = NodeKeyEndorsement.sign(DEV_KEY, D, nodeKey);
    byte[] sig = e.signature();
    sig[40] ^= 1;
    assertThat(new NodeKeyEndorsement(e.operatorPublicKey(), sig).endorses(D, nodeKey, DEV_ADDRESS))
        .isFalse();
    byte[] offCurve = e.operatorPublicKey();
    offCurve[63] ^= 1; // same address check fails first, so pair it with its own address
    NodeKeyEndorsement bent = new NodeKeyEndorsement(offCurve, e.signature());
    assertThat(bent.endorses(D, nodeKey, bent.operatorAddress())).isFalse();
  }
}
