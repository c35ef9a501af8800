package dev.sable.sequencer.codec;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A canonical binary encoding of the records of one sealed interface: a one-byte type tag, then the
 * record's fields in declaration order, fixed-width and big-endian (docs/sequencer.md, "Binary
 * encoding", has the table of every record). One record has exactly one encoding, and decoding
 * accepts nothing else. No field may be null.
 *
 * <p>{@link #encode} writes into the caller's buffer and allocates nothing (but for a symbol's
 * UTF-8); {@link #decode(ByteBuffer)} reads one record from the caller's buffer and allocates only
 * the record. Buffers must be big-endian (the default). Instances are stateless and thread-safe.
 *
 * @param <T> the sealed interface: {@link CommandCodec#INSTANCE} for commands, {@link
 *     EventCodec#INSTANCE} for events
 */
public abstract sealed class RecordCodec<T> permits CommandCodec, EventCodec {
  private final String kind;

  RecordCodec(String kind) {
    this.kind = kind;
  }

  /** The type tag of a record (non-null). */
  abstract byte tag(T value);

  /** Bytes after a tag, not counting strings' length prefixes and UTF-8; -1 for no record. */
  abstract int fixedBody(byte tag);

  /**
   * Bytes of the record's strings (length prefixes included), 0 if it has none; throws {@link
   * IllegalArgumentException} for a null field or an unencodable string.
   */
  abstract int checkedVariableSize(T value);

  abstract void writeBody(T value, ByteBuffer out);

  /** Reads the body of a record of a known tag, at least {@link #fixedBody} bytes being left. */
  abstract T readBody(byte tag, ByteBuffer in);

  /**
   * The number of bytes {@link #encode} writes for {@code value}.
   *
   * @throws IllegalArgumentException if a field is null, or a string is not encodable
   */
  public final int encodedSize(T value) {
    return 1 + fixedBody(tag(Wire.present(value, kind))) + checkedVariableSize(value);
  }

  /**
   * Writes {@code value} at the buffer's position and advances it; on an exception nothing is
   * written.
   *
   * @throws BufferOverflowException if the buffer has fewer than {@link #encodedSize} bytes left
   * @throws IllegalArgumentException if a field is null, a string is not encodable, or the buffer
   *     is little-endian
   */
  public final void encode(T value, ByteBuffer out) {
    requireBigEndian(out);
    byte tag = tag(Wire.present(value, kind)); // once: a type switch is a chain of type tests
    if (out.remaining() < 1 + fixedBody(tag) + checkedVariableSize(value)) {
      throw new BufferOverflowException();
    }
    out.put(tag);
    writeBody(value, out);
  }

  /** The encoding of {@code value} in a new array. */
  public final byte[] toBytes(T value) {
    ByteBuffer out = ByteBuffer.allocate(encodedSize(value));
    encode(value, out);
    return out.array();
  }

  /**
   * Reads one record at the buffer's position and advances past it. On an exception the position is
   * left where it was.
   *
   * @throws CodecException if the bytes there are not the canonical encoding of a record
   */
  public final T decode(ByteBuffer in) {
    requireBigEndian(in);
    int start = in.position();
    try {
      if (!in.hasRemaining()) {
        throw new CodecException("truncated " + kind + ": no tag at offset " + start);
      }
      byte tag = in.get();
      int body = fixedBody(tag);
      if (body < 0) {
        throw new CodecException(
            String.format("unknown %s tag 0x%02x at offset %d", kind, tag & 0xFF, start));
      }
      if (in.remaining() < body) {
        throw new CodecException(
            String.format(
                "truncated %s with tag 0x%02x at offset %d: needs %d bytes after the tag, %d left",
                kind, tag & 0xFF, start, body, in.remaining()));
      }
      return readBody(tag, in);
    } catch (CodecException e) {
      in.position(start);
      throw e;
    }
  }

  /**
   * Decodes {@code bytes}, which must hold exactly one record.
   *
   * @throws CodecException if they do not
   */
  public final T decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    T record = decode(in);
    if (in.hasRemaining()) {
      throw new CodecException(
          in.remaining() + " trailing bytes after a whole " + kind + " at offset " + in.position());
    }
    return record;
  }

  private static void requireBigEndian(ByteBuffer buffer) {
    if (buffer.order() != ByteOrder.BIG_ENDIAN) {
      throw new IllegalArgumentException(
          "the codec is big-endian; the buffer is " + buffer.order());
    }
  }
}
