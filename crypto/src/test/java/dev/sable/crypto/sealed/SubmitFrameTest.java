package dev.sable.crypto.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SubmitFrameTest {
  private static final byte[] ENC = filled(32, 0x11);
  private static final byte[] CT = filled(200, 0x22);
  private static final SubmitFrame FRAME =
      new SubmitFrame(SubmitFrame.AMEND, 0x0102030405060708L, new SealedMessage(ENC, 9, CT));

  private static byte[] filled(int n, int b) {
    byte[] out = new byte[n];
    Arrays.fill(out, (byte) b);
    return out;
  }

  private static SubmitFrame.FrameException refusal(byte[] frame) {
    try {
      SubmitFrame.decode(ByteBuffer.wrap(frame));
    } catch (SubmitFrame.FrameException e) {
      return e;
    }
    throw new AssertionError("decoded a malformed frame");
  }

  @Test
  void theLayoutIsTheDocumentedOffsets() {
    byte[] b = FRAME.encode();
    assertThat(b).hasSize(52 + 200);
    assertThat(HexFormat.of().formatHex(b, 0, 10)).isEqualTo("01030102030405060708");
    assertThat(Arrays.copyOfRange(b, 10, 42)).isEqualTo(ENC);
    assertThat(ByteBuffer.wrap(b, 42, 8).getLong()).isEqualTo(9);
    assertThat(ByteBuffer.wrap(b, 50, 2).getShort()).isEqualTo((short) 200);
    assertThat(Arrays.copyOfRange(b, 52, b.length)).isEqualTo(CT);
  }

  @Test
  void decodingGivesTheFrameBack() {
    SubmitFrame back = SubmitFrame.decode(ByteBuffer.wrap(FRAME.encode()));
    assertThat(back.kind()).isEqualTo(SubmitFrame.AMEND);
    assertThat(back.id()).isEqualTo(FRAME.id());
    assertThat(back.message().enc()).isEqualTo(ENC);
    assertThat(back.message().seq()).isEqualTo(9);
    assertThat(back.message().ciphertext()).isEqualTo(CT);
  }

  @Test
  void aShortFrameOrAnUnknownVersionHasNoId() {
    byte[] good = FRAME.encode();
    assertThat(refusal(Arrays.copyOf(good, 9)).id()).isNull();
    assertThat(refusal(new byte[0]).id()).isNull();
    byte[] v2 = good.clone();
    v2[0] = 2;
    assertThat(refusal(v2).id()).isNull();
  }

  @Test
  void anUnknownKindIsToldApartAndKeepsItsId() {
    for (byte kind : new byte[] {0, 5, -1}) {
      byte[] b = FRAME.encode();
      b[1] = kind;
      SubmitFrame.FrameException e = refusal(b);
      assertThat(e.unknownKind()).isTrue();
      assertThat(e.id()).isEqualTo(FRAME.id());
    }
  }

  @Test
  void everyLengthButTheRightOneIsRefusedWithTheId() {
    byte[] good = FRAME.encode();
    for (int n : new int[] {10, 51, 52, good.length - 1, good.length + 1}) {
      SubmitFrame.FrameException e = refusal(Arrays.copyOf(good, n));
      assertThat(e.unknownKind()).isFalse();
      assertThat(e.id()).as("length " + n).isEqualTo(FRAME.id());
    }
  }

  @Test
  void theCiphertextLengthFieldIsBoundedAndMustMatch() {
    for (int declared : new int[] {0, 15, 513, 0xFFFF, 199, 201}) {
      byte[] b = FRAME.encode();
      ByteBuffer.wrap(b).putShort(50, (short) declared);
      assertThat(refusal(b).unknownKind()).as("declared " + declared).isFalse();
    }
  }

  @Test
  void aNegativeMessageNumberIsRefused() {
    byte[] b = FRAME.encode();
    ByteBuffer.wrap(b).putLong(42, -1);
    assertThat(refusal(b).getMessage()).contains("negative");
  }

  @Test
  void answersRoundTripAtTheirOffsets() {
    byte[] ack = new SubmitAnswer.Ack(7, 123).encode();
    assertThat(HexFormat.of().formatHex(ack))
        .isEqualTo("0110" + "0000000000000007" + "000000000000007b");
    assertThat(SubmitAnswer.decode(ByteBuffer.wrap(ack))).isEqualTo(new SubmitAnswer.Ack(7, 123));
    SubmitAnswer.Refused refused = new SubmitAnswer.Refused(7, "REPLAYED", "already accepted é");
    byte[] r = refused.encode();
    assertThat(HexFormat.of().formatHex(r, 0, 11)).isEqualTo("0111000000000000000708");
    assertThat(SubmitAnswer.decode(ByteBuffer.wrap(r))).isEqualTo(refused);
    SubmitAnswer.FrameRefused frame = new SubmitAnswer.FrameRefused("MALFORMED_FRAME", "short");
    byte[] f = frame.encode();
    assertThat(HexFormat.of().formatHex(f, 0, 3)).isEqualTo("01120f");
    assertThat(SubmitAnswer.decode(ByteBuffer.wrap(f))).isEqualTo(frame);
  }

  @Test
  void aCutAnswerIsRefused() {
    byte[] ack = new SubmitAnswer.Ack(7, 123).encode();
    assertThatThrownBy(() -> SubmitAnswer.decode(ByteBuffer.wrap(Arrays.copyOf(ack, 17))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SubmitAnswer.decode(ByteBuffer.wrap(new byte[] {1, 99})))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
