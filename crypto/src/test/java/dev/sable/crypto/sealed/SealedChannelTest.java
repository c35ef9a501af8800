package dev.sable.crypto.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.Fr;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SealedChannelTest {
  private static final Deployment DEPLOYMENT = new Deployment(31337, Fr.ofLong(0xb41d9e));
  private static final byte[] TEXT = "a signed order".getBytes(StandardCharsets.US_ASCII);
  private final NodeIntakeKey node = NodeIntakeKey.generate(new SecureRandom());

  private SealingSession session() {
    return SealingSession.open(node.publicKey(), DEPLOYMENT);
  }

  @Test
  void messagesOfOneSessionOpenInAnyOrder() {
    SealingSession s = session();
    SealedMessage first = s.seal(TEXT);
    SealedMessage second = s.seal("another".getBytes(StandardCharsets.US_ASCII));
    assertThat(second.seq()).isEqualTo(first.seq() + 1);
    OpenedSession opened = node.session(first.enc(), DEPLOYMENT);
    assertThat(new String(opened.open(second), StandardCharsets.US_ASCII)).isEqualTo("another");
    assertThat(opened.open(first)).isEqualTo(TEXT);
  }

  @Test
  void theNodeKeyRoundTripsThroughItsPrivateBytes() {
    NodeIntakeKey again = NodeIntakeKey.fromPrivateKey(node.privateKey());
    assertThat(again.publicKey()).isEqualTo(node.publicKey());
    SealedMessage m = session().seal(TEXT);
    assertThat(again.session(m.enc(), DEPLOYMENT).open(m)).isEqualTo(TEXT);
  }

  @Test
  void aTamperedCiphertextDoesNotOpen() {
    SealedMessage m = session().seal(TEXT);
    byte[] ct = m.ciphertext().clone();
    ct[3] ^= 1;
    SealedMessage tampered = new SealedMessage(m.enc(), m.seq(), ct);
    assertThatThrownBy(() -> node.session(m.enc(), DEPLOYMENT).open(tampered))
        .isInstanceOf(SealedMessageException.class);
  }

  @Test
  void aMessageNumberChangedInTransitDoesNotOpen() {
    SealedMessage m = session().seal(TEXT);
    SealedMessage moved = new SealedMessage(m.enc(), m.seq() + 1, m.ciphertext());
    assertThatThrownBy(() -> node.session(m.enc(), DEPLOYMENT).open(moved))
        .isInstanceOf(SealedMessageException.class);
  }

  @Test
  void aMessageSealedForAnotherChainOrBridgeDoesNotOpen() {
    for (Deployment other :
        new Deployment[] {
          new Deployment(1, DEPLOYMENT.contract()), new Deployment(31337, Fr.ofLong(0xb41d9f))
        }) {
      SealedMessage m = SealingSession.open(node.publicKey(), other).seal(TEXT);
      assertThatThrownBy(() -> node.session(m.enc(), DEPLOYMENT).open(m))
          .isInstanceOf(SealedMessageException.class);
    }
  }

  @Test
  void aMessageSealedToAnotherNodeDoesNotOpen() {
    NodeIntakeKey other = NodeIntakeKey.generate(new SecureRandom());
    SealedMessage m = SealingSession.open(other.publicKey(), DEPLOYMENT).seal(TEXT);
    assertThatThrownBy(() -> node.session(m.enc(), DEPLOYMENT).open(m))
        .isInstanceOf(SealedMessageException.class);
  }

  @Test
  void aLowOrderEncapsulationIsRefused() {
    assertThatThrownBy(() -> node.session(new byte[32], DEPLOYMENT))
        .isInstanceOf(SealedMessageException.class);
    assertThatThrownBy(() -> new SealedMessage(new byte[31], 0, new byte[40]))
        .isInstanceOf(SealedMessageException.class);
  }

  @Test
  void infoBindsChainIdAndBridgeAddress() {
    byte[] info = IntakeSuite.info(DEPLOYMENT);
    assertThat(new String(info, 0, 15, StandardCharsets.US_ASCII)).isEqualTo("sable.intake.v1");
    assertThat(info).hasSize(15 + 8 + 20);
    assertThat(info[15 + 7]).isEqualTo((byte) 0x69); // 31337 = 0x7a69
    assertThat(info[info.length - 1]).isEqualTo((byte) 0x9e);
  }
}
