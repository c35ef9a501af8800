package dev.sable.sequencer.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The field encodings shared by both codecs: fixed-width big-endian integers (the buffer's own
 * putInt/putLong), booleans as one byte 0 or 1, enums as one byte holding the documented ordinal,
 * strings as a 16-bit unsigned byte length then that many bytes of UTF-8. Reads are strict: any
 * other byte value is a {@link CodecException}. Field names are literals, so a read allocates
 * nothing unless it fails.
 */
final class Wire {
  /** Longest string in bytes: the length prefix is an unsigned 16-bit integer. */
  static final int MAX_STRING_BYTES = 0xFFFF;

  private Wire() {}

  /** Throws unless {@code bytes} more bytes are left for {@code what}. */
  static void need(ByteBuffer in, int bytes, String what) {
    if (in.remaining() < bytes) {
      throw new CodecException(
          "truncated "
              + what
              + ": needs "
              + bytes
              + " bytes at offset "
              + in.position()
              + ", "
              + in.remaining()
              + " left");
    }
  }

  static void putBool(ByteBuffer out, boolean value) {
    out.put(value ? (byte) 1 : (byte) 0);
  }

  static boolean bool(ByteBuffer in, String field) {
    int at = in.position();
    byte b = in.get();
    if (b != 0 && b != 1) {
      throw new CodecException(field + ": boolean byte " + b + " at offset " + at + " (0 or 1)");
    }
    return b == 1;
  }

  /** An enum field (checked non-null by the caller's size computation). */
  static void putEnum(ByteBuffer out, Enum<?> value) {
    out.put((byte) value.ordinal());
  }

  static <E extends Enum<E>> E enumOf(ByteBuffer in, E[] values, String field) {
    int at = in.position();
    int code = in.get() & 0xFF;
    if (code >= values.length) {
      throw new CodecException(
          field + ": code " + code + " at offset " + at + " (" + values.length + " values)");
    }
    return values[code];
  }

  /** A record's encoding has no missing field: null is refused. */
  static <T> T present(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is null: a record with a missing field");
    }
    return value;
  }

  /** The strict UTF-8 bytes of a string field: null, unpaired surrogates or > 64 KiB refused. */
  static ByteBuffer utf8(String value, String field) {
    ByteBuffer bytes;
    try {
      bytes =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(present(value, field)));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(field + " is not well-formed UTF-16", e);
    }
    if (bytes.remaining() > MAX_STRING_BYTES) {
      throw new IllegalArgumentException(
          field + " has " + bytes.remaining() + " UTF-8 bytes, at most " + MAX_STRING_BYTES);
    }
    return bytes;
  }

  /** Bytes a string field takes: its length prefix and its UTF-8. */
  static int stringSize(String value, String field) {
    return 2 + utf8(value, field).remaining();
  }

  static void putString(ByteBuffer out, ByteBuffer utf8) {
    out.putShort((short) utf8.remaining()).put(utf8);
  }

  static String string(ByteBuffer in, String field) {
    need(in, 2, field);
    int length = in.getShort() & 0xFFFF;
    need(in, length, field);
    int at = in.position();
    ByteBuffer bytes = in.slice(at, length);
    in.position(at + length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new CodecException(field + ": malformed UTF-8 at offset " + at);
    }
  }
}
