package dev.sable.crypto.sealed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The node's binary answer to a {@link SubmitFrame} (docs/node.md, "Binary frames"). Big-endian:
 *
 * <pre>
 * ack:          version 1 (1 byte) | 16 (1) | request id (8) | journal sequence (8)      18 bytes
 * error:        version 1 (1 byte) | 17 (1) | request id (8) | code length c (1) | code (c, ASCII)
 *               | message (UTF-8, to the end)
 * frame error:  version 1 (1 byte) | 18 (1) | code length c (1) | code (c) | message (to the end)
 * </pre>
 *
 * The code is the name of the node's stable error code ({@code MALFORMED_FRAME}, {@code REPLAYED},
 * ...), the same as over HTTP. A frame error answers a frame too short or of an unknown version to
 * carry a request id.
 */
public sealed interface SubmitAnswer {
  byte ACK = 16;
  byte ERROR = 17;
  byte FRAME_ERROR = 18;

  byte[] encode();

  /** The request was journaled, durably, under {@code sequence}. */
  record Ack(long id, long sequence) implements SubmitAnswer {
    @Override
    public byte[] encode() {
      return ByteBuffer.allocate(18)
          .put(SubmitFrame.VERSION)
          .put(ACK)
          .putLong(id)
          .putLong(sequence)
          .array();
    }
  }

  /** The request was refused with the error {@code code}. */
  record Refused(long id, String code, String message) implements SubmitAnswer {
    @Override
    public byte[] encode() {
      return error(ERROR, 8, code, message).putLong(2, id).array();
    }
  }

  /** A frame without a readable request id was refused. */
  record FrameRefused(String code, String message) implements SubmitAnswer {
    @Override
    public byte[] encode() {
      return error(FRAME_ERROR, 0, code, message).array();
    }
  }

  /** Decodes an answer; an {@link IllegalArgumentException} if it is not one. */
  static SubmitAnswer decode(ByteBuffer in) {
    if (in.remaining() < 2 || in.get() != SubmitFrame.VERSION) {
      throw new IllegalArgumentException("not a version 1 answer frame");
    }
    byte kind = in.get();
    try {
      return switch (kind) {
        case ACK -> {
          Ack ack = new Ack(in.getLong(), in.getLong());
          if (in.hasRemaining()) {
            throw new IllegalArgumentException("an ack has 18 bytes");
          }
          yield ack;
        }
        case ERROR -> {
          long id = in.getLong();
          String code = text(in, in.get() & 0xFF);
          yield new Refused(id, code, text(in, in.remaining()));
        }
        case FRAME_ERROR -> {
          String code = text(in, in.get() & 0xFF);
          yield new FrameRefused(code, text(in, in.remaining()));
        }
        default -> throw new IllegalArgumentException("unknown answer kind " + kind);
      };
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("answer frame cut short");
    }
  }

  private static ByteBuffer error(byte kind, int idBytes, String code, String message) {
    byte[] c = code.getBytes(StandardCharsets.US_ASCII);
    byte[] m = message.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(2 + idBytes + 1 + c.length + m.length);
    out.put(SubmitFrame.VERSION).put(kind).position(2 + idBytes);
    return out.put((byte) c.length).put(c).put(m);
  }

  private static String text(ByteBuffer in, int n) {
    byte[] b = new byte[n];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
