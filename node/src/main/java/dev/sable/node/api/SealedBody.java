package dev.sable.node.api;

import dev.sable.crypto.sealed.SealedMessage;
import dev.sable.crypto.sealed.SealedMessageException;
import io.vertx.core.buffer.Buffer;

/**
 * Reads a single sealed request's body straight from its bytes, without a JSON tree: an object with
 * exactly the keys {@code enc} (64 lowercase hex digits), {@code seq} (an integer in [0, 2^63), no
 * sign, fraction or exponent) and {@code ciphertext} (32 to 1024 lowercase hex digits, an even
 * number), each once, in any order, with JSON whitespace between tokens. That is the OpenAPI
 * document's {@code SealedRequest} as the node's traders write it; anything else (escapes in keys,
 * duplicates, other spellings of a number) is left to the JSON parser and the schema, which give
 * the verdict and the error code as for any body. Parsing JSON into a tree and checking its shape
 * took about a tenth of the node's event-loop time per order in the intake benchmark.
 */
final class SealedBody {
  private static final int ENC_DIGITS = 64;
  private static final int MIN_CIPHERTEXT_DIGITS = 32;
  private static final int MAX_CIPHERTEXT_DIGITS = 1024;
  private static final byte[] ENC = {'e', 'n', 'c'};
  private static final byte[] SEQ = {'s', 'e', 'q'};
  private static final byte[] CIPHERTEXT = {'c', 'i', 'p', 'h', 'e', 'r', 't', 'e', 'x', 't'};

  /** A lowercase hex digit's value by byte, -1 for any other byte. */
  private static final byte[] NIBBLE = new byte[256];

  static {
    java.util.Arrays.fill(NIBBLE, (byte) -1);
    for (int i = 0; i < 16; i++) {
      NIBBLE["0123456789abcdef".charAt(i)] = (byte) i;
    }
  }

  private final byte[] b;
  private int at;
  private byte[] enc;
  private long seq = -1;
  private byte[] ciphertext;

  private SealedBody(byte[] body) {
    this.b = body;
  }

  /** The sealed request the body is, or null when it is not exactly that shape. */
  static SealedMessage read(Buffer body) {
    return new SealedBody(body.getBytes()).message();
  }

  private SealedMessage message() {
    if (!token('{')) {
      return null;
    }
    for (int field = 0; field < 3; field++) {
      if ((field > 0 && !token(',')) || !field()) {
        return null;
      }
    }
    if (!token('}')) {
      return null;
    }
    skipSpace();
    if (at != b.length) {
      return null;
    }
    try {
      return new SealedMessage(enc, seq, ciphertext);
    } catch (SealedMessageException e) {
      return null;
    }
  }

  /** One {@code "key": value} pair; false if the key is unknown or seen already, or bad value. */
  private boolean field() {
    skipSpace();
    if (key(ENC) && enc == null) {
      enc = hex(ENC_DIGITS, ENC_DIGITS);
      return enc != null;
    }
    if (key(SEQ) && seq < 0) {
      seq = number();
      return seq >= 0;
    }
    if (key(CIPHERTEXT) && ciphertext == null) {
      ciphertext = hex(MIN_CIPHERTEXT_DIGITS, MAX_CIPHERTEXT_DIGITS);
      return ciphertext != null;
    }
    return false;
  }

  /** Consumes {@code "name":} if it is next (name plain, no escapes). */
  private boolean key(byte[] name) {
    int end = at + name.length + 2;
    if (end > b.length || b[at] != '"' || b[end - 1] != '"') {
      return false;
    }
    for (int i = 0; i < name.length; i++) {
      if (b[at + 1 + i] != name[i]) {
        return false;
      }
    }
    at = end;
    return token(':') && skipSpace();
  }

  /** A quoted string of lowercase hex digits, an even number within the bounds, as bytes. */
  private byte[] hex(int minDigits, int maxDigits) {
    if (at >= b.length || b[at] != '"') {
      return null;
    }
    int start = at + 1;
    int end = start;
    while (end < b.length && end - start <= maxDigits && b[end] != '"') {
      end++;
    }
    int digits = end - start;
    if (end >= b.length || digits < minDigits || digits > maxDigits || digits % 2 != 0) {
      return null;
    }
    byte[] out = new byte[digits / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = NIBBLE[b[start + 2 * i] & 0xff];
      int lo = NIBBLE[b[start + 2 * i + 1] & 0xff];
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    at = end + 1;
    return out;
  }

  /** A JSON integer in [0, 2^63) (digits, no leading zero), or -1. */
  private long number() {
    int start = at;
    long value = 0;
    while (at < b.length && b[at] >= '0' && b[at] <= '9') {
      int digit = b[at] - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        return -1;
      }
      value = value * 10 + digit;
      at++;
    }
    int digits = at - start;
    if (digits == 0 || (digits > 1 && b[start] == '0')) {
      return -1;
    }
    return value;
  }

  /** Consumes optional whitespace then {@code c}; false if {@code c} is not next. */
  private boolean token(char c) {
    skipSpace();
    if (at < b.length && b[at] == c) {
      at++;
      return true;
    }
    return false;
  }

  private boolean skipSpace() {
    while (at < b.length && (b[at] == ' ' || b[at] == '\t' || b[at] == '\n' || b[at] == '\r')) {
      at++;
    }
    return true;
  }
}
