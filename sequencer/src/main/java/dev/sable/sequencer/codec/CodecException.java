package dev.sable.sequencer.codec;

/**
 * Bytes that are not a canonical encoding of a command or an event: truncated, an unknown type tag,
 * an enum code or boolean out of range, malformed UTF-8, or trailing bytes after a whole record.
 * The message names the record, the field and the offset.
 */
public final class CodecException extends RuntimeException {
  public CodecException(String message) {
    super(message);
  }
}
