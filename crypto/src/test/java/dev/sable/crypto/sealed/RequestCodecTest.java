package dev.sable.crypto.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.AmendMessage;
import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OrderMessage;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestCodecTest {
  private static final Deployment D = new Deployment(31337, Fr.ofLong(77));
  private static final EdDsaPrivateKey KEY = EdDsaPrivateKey.fromSeed(new byte[32]);
  private static final OrderMessage ORDER = new OrderMessage(5, 1, 900, 1, 0, 123_457, 40, 0, 0, 0);

  private static SignedRequest.Order order() {
    return new SignedRequest.Order(ORDER, KEY.sign(ORDER.hash(D)));
  }

  @Test
  void everyKindRoundTrips() {
    CancelMessage cancel = new CancelMessage(5, 900);
    AmendMessage amend = new AmendMessage(5, 900, 123_458, 30, 1);
    for (SignedRequest r :
        List.<SignedRequest>of(
            order(),
            new SignedRequest.Cancel(cancel, KEY.sign(cancel.hash(D))),
            new SignedRequest.Amend(amend, KEY.sign(amend.hash(D))))) {
      SignedRequest back = RequestCodec.decode(RequestCodec.encode(r));
      assertThat(back).isEqualTo(r);
      assertThat(KEY.publicKey().verify(back.messageHash(D), back.signature())).isTrue();
    }
  }

  @Test
  void truncatedOrPaddedPlaintextsAreRefused() {
    byte[] good = RequestCodec.encode(order());
    assertThatThrownBy(() -> RequestCodec.decode(java.util.Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(SealedMessageException.class)
        .hasMessageContaining("needs");
    assertThatThrownBy(() -> RequestCodec.decode(java.util.Arrays.copyOf(good, good.length + 1)))
        .isInstanceOf(SealedMessageException.class);
    assertThatThrownBy(() -> RequestCodec.decode(new byte[1]))
        .isInstanceOf(SealedMessageException.class);
  }

  @Test
  void unknownVersionsAndKindsAreRefused() {
    byte[] wrongVersion = RequestCodec.encode(order());
    wrongVersion[0] = 2;
    assertThatThrownBy(() -> RequestCodec.decode(wrongVersion)).hasMessageContaining("version");
    byte[] wrongKind = RequestCodec.encode(order());
    wrongKind[1] = 9;
    assertThatThrownBy(() -> RequestCodec.decode(wrongKind)).hasMessageContaining("kind");
  }

  @Test
  void aFieldOutOfRangeIsNamedWithoutItsValue() {
    byte[] bad = RequestCodec.encode(order());
    ByteBuffer.wrap(bad).putLong(2 + 8 * 3, 7); // side = 7
    assertThatThrownBy(() -> RequestCodec.decode(bad))
        .isInstanceOf(SealedMessageException.class)
        .hasMessageContaining("side")
        .hasMessageNotContaining("7 ");
    byte[] badPrice = RequestCodec.encode(order());
    ByteBuffer.wrap(badPrice).putLong(2 + 8 * 5, -123_457);
    assertThatThrownBy(() -> RequestCodec.decode(badPrice))
        .hasMessageContaining("price")
        .hasMessageNotContaining("123457");
  }

  @Test
  void aMalleatedSignatureIsRefused() {
    byte[] bad = RequestCodec.encode(order());
    for (int i = bad.length - 32; i < bad.length; i++) {
      bad[i] = (byte) 0xff; // S >= l
    }
    assertThatThrownBy(() -> RequestCodec.decode(bad))
        .isInstanceOf(SealedMessageException.class)
        .hasMessageContaining("signature");
  }
}
