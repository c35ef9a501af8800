package dev.sable.crypto.sealed;

import java.nio.ByteBuffer;

/**
 * A sealed request as one binary WebSocket frame (docs/node.md, "Binary frames"): the same request
 * as a JSON {@code submit} frame, without JSON or hex. Big-endian, 52 bytes of header then the
 * ciphertext:
 *
 * <pre>
 * offset  bytes  field
 *      0      1  frame version, 1
 *      1      1  kind: 1 order, 2 cancel, 3 amend, 4 withdrawal ({@link RequestCodec}'s numbers)
 *      2      8  request id, the client's own, echoed in the answer
 *     10     32  HPKE encapsulated key (names the session)
 *     42      8  message number within the session (the AEAD nonce), >= 0
 *     50      2  ciphertext length n, 16 to 512
 *     52      n  ciphertext (ChaCha20-Poly1305, tag included)
 * </pre>
 *
 * The frame is exactly 52 + n bytes. Decoding is strict; a {@link FrameException} says what is
 * wrong and carries the request id when the frame got far enough to have one.
 */
public record SubmitFrame(byte kind, long id, SealedMessage message) {
  public static final byte VERSION = 1;
  public static final byte ORDER = RequestCodec.ORDER;
  public static final byte CANCEL = RequestCodec.CANCEL;
  public static final byte AMEND = RequestCodec.AMEND;
  public static final byte WITHDRAWAL = RequestCodec.WITHDRAWAL;
  public static final int HEADER_BYTES = 52;
  public static final int MIN_CIPHERTEXT = 16;
  public static final int MAX_CIPHERTEXT = 512;
  private static final int ID_END = 10;

  public SubmitFrame {
    if (!knownKind(kind)) {
      throw new IllegalArgumentException("kind must be 1 to 4");
    }
    int n = message.ciphertext().length;
    if (n < MIN_CIPHERTEXT || n > MAX_CIPHERTEXT) {
      throw new IllegalArgumentException("ciphertext must have 16 to 512 bytes");
    }
  }

  public byte[] encode() {
    byte[] ct = message.ciphertext();
    return ByteBuffer.allocate(HEADER_BYTES + ct.length)
        .put(VERSION)
        .put(kind)
        .putLong(id)
        .put(message.enc())
        .putLong(message.seq())
        .putShort((short) ct.length)
        .put(ct)
        .array();
  }

  /** Decodes the frame's remaining bytes (the buffer's position moves to its end). */
  public static SubmitFrame decode(ByteBuffer frame) {
    int size = frame.remaining();
    if (size < ID_END) {
      throw new FrameException(null, false, "a frame has at least 10 bytes");
    }
    if (frame.get() != VERSION) {
      throw new FrameException(null, false, "unknown frame version");
    }
    byte kind = frame.get();
    long id = frame.getLong();
    if (!knownKind(kind)) {
      throw new FrameException(id, true, "kind must be 1 (order) to 4 (withdrawal)");
    }
    if (size < HEADER_BYTES) {
      throw new FrameException(id, false, "a frame has a header of 52 bytes");
    }
    byte[] enc = new byte[IntakeSuite.KEY_BYTES];
    frame.get(enc);
    long seq = frame.getLong();
    if (seq < 0) {
      throw new FrameException(id, false, "message number is negative");
    }
    int n = frame.getShort() & 0xFFFF;
    if (n < MIN_CIPHERTEXT || n > MAX_CIPHERTEXT) {
      throw new FrameException(id, false, "ciphertext length must be 16 to 512");
    }
    if (size != HEADER_BYTES + n) {
      throw new FrameException(id, false, "frame length is not 52 + the ciphertext length");
    }
    byte[] ct = new byte[n];
    frame.get(ct);
    return new SubmitFrame(kind, id, new SealedMessage(enc, seq, ct));
  }

  private static boolean knownKind(byte kind) {
    return kind >= ORDER && kind <= WITHDRAWAL;
  }

  /**
   * A frame that is not a sealed request frame: {@code id} is the request id when the frame had one
   * (a known version and at least 10 bytes), else null; {@code unknownKind} tells a frame of a kind
   * this version does not define from one whose bytes do not parse.
   */
  public static final class FrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Long id;
    private final boolean unknownKind;

    FrameException(Long id, boolean unknownKind, String message) {
      super(message);
      this.id = id;
      this.unknownKind = unknownKind;
    }

    public Long id() {
      return id;
    }

    public boolean unknownKind() {
      return unknownKind;
    }
  }
}
