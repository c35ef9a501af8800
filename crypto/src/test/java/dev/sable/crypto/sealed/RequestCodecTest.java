package dev.sable.crypto.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.WithdrawalMessage;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestCodecTest {
  private static final Deployment D = new Deployment(31337, Fr.ofLong(77));
  private static final EdDsaPrivateKey KEY = EdDsaPrivateKey.fromSeed(new byte[32]);
  private static final OrderMessage ORDER = new OrderMessage(5, 1, 900, 1, 0, 123_457, 40, 0, 0, 0);
  private static final Fr RECIPIENT =
      Fr.of(new BigInteger("f39fd6e51aad88f6f4ce6ab8827279cfffb92266", 16));

  private static SignedRequest.Order order() {
    return new SignedRequest.Order(ORDER, KEY.sign(ORDER.hashV2(D)));
  }

  private static SignedRequest.Withdrawal withdrawal() {
    WithdrawalMessage w = new WithdrawalMessage(5, 1_000_000, RECIPIENT, 3);
    return new SignedRequest.Withdrawal(w, KEY.sign(w.hashV2(D)));
  }

  private static SignedRequest.MarginMode marginMode() {
    MarginModeMessage m = new MarginModeMessage(5, 1, 901);
    return new SignedRequest.MarginMode(m, KEY.sign(m.hash(D)));
  }

  @Test
  void aMarginModeSwitchIsTwentyFourBytesAndItsModeIsZeroOrOne() {
    byte[] bytes = RequestCodec.encode(marginMode());
    assertThat(bytes).hasSize(2 + 24 + 96);
    assertThat(bytes[1]).isEqualTo((byte) 5);
    ByteBuffer.wrap(bytes).putLong(2 + 8, 2); // portfolio = 2
    assertThatThrownBy(() -> RequestCodec.decode(bytes))
        .isInstanceOf(SealedMessageException.class)
        .hasMessageContaining("portfolio");
    // its hash is its own domain's: a cancel of the same numbers signs something else
    assertThat(marginMode().messageHash(D))
        .isNotEqualTo(new CancelMessage(5, 901).hash(D))
        .isNotEqualTo(new MarginModeMessage(5, 0, 901).hash(D));
  }

  @Test
  void everyKindRoundTripsAndVerifiesAgainstItsSignedHash() {
    CancelMessage cancel = new CancelMessage(5, 900);
    OrderMessage amend = ORDER.amend(123_458, 30);
    for (SignedRequest r :
        List.of(
            order(),
            new SignedRequest.Cancel(cancel, KEY.sign(cancel.hash(D))),
            new SignedRequest.Amend(amend, ORDER.clientOrderId(), KEY.sign(amend.hashV2(D))),
            withdrawal(),
            marginMode())) {
      SignedRequest back = RequestCodec.decode(RequestCodec.encode(r));
      assertThat(back).isEqualTo(r);
      assertThat(KEY.publicKey().verify(back.messageHash(D), back.signature())).isTrue();
    }
  }

  @Test
  void ordersAndWithdrawalsAreSignedOverTheirVersionTwoHashes() {
    assertThat(order().messageHash(D)).isEqualTo(ORDER.hashV2(D)).isNotEqualTo(ORDER.hash(D));
    WithdrawalMessage w = withdrawal().message();
    assertThat(withdrawal().messageHash(D)).isEqualTo(w.hashV2(D)).isNotEqualTo(w.hash(D));
  }

  @Test
  void aWithdrawalCarriesItsRecipientAsTwentyBytes() {
    byte[] bytes = RequestCodec.encode(withdrawal());
    assertThat(bytes).hasSize(2 + 44 + 96);
    byte[] address = new byte[20];
    ByteBuffer.wrap(bytes, 2 + 16, 20).get(address);
    assertThat(new BigInteger(1, address)).isEqualTo(RECIPIENT.toBigInteger());
  }

  @Test
  void truncatedOrPaddedRequestsAreRefused() {
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
    byte[] versionOne = RequestCodec.encode(order());
    versionOne[0] = 1; // the retired section 7 orders
    assertThatThrownBy(() -> RequestCodec.decode(versionOne)).hasMessageContaining("version");
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
    byte[] zeroAmount = RequestCodec.encode(withdrawal());
    ByteBuffer.wrap(zeroAmount).putLong(2 + 8, 0);
    assertThatThrownBy(() -> RequestCodec.decode(zeroAmount))
        .isInstanceOf(SealedMessageException.class)
        .hasMessageContaining("amount");
  }

  @Test
  void anAmendReplacesOnlyAnEarlierOrderOfItsFillSlot() {
    OrderMessage amend = ORDER.amend(123_458, 30);
    byte[] good =
        RequestCodec.encode(
            new SignedRequest.Amend(amend, ORDER.clientOrderId(), KEY.sign(amend.hashV2(D))));
    for (long replaces : new long[] {ORDER.clientOrderId() + 1, amend.clientOrderId(), -1}) {
      byte[] bad = good.clone();
      ByteBuffer.wrap(bad).putLong(2 + 80, replaces);
      assertThatThrownBy(() -> RequestCodec.decode(bad))
          .isInstanceOf(SealedMessageException.class)
          .hasMessageContaining("fill slot");
    }
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
