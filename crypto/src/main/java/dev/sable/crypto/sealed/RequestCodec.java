package dev.sable.crypto.sealed;

import dev.sable.crypto.AmendMessage;
import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.InvalidEncodingException;
import dev.sable.crypto.OrderMessage;
import java.nio.ByteBuffer;

/**
 * The plaintext of a sealed request: version (1 byte, 1), kind (1 byte: 1 order, 2 cancel, 3
 * amend), the message's fields as 8-byte big-endian integers in the record's order, then the
 * 64-byte EdDSA signature. Decoding is strict: exact length, known version and kind, every field in
 * its range (the message records check them), a well-formed signature.
 */
public final class RequestCodec {
  static final byte VERSION = 1;
  static final byte ORDER = 1;
  static final byte CANCEL = 2;
  static final byte AMEND = 3;
  private static final int HEADER = 2;

  private RequestCodec() {}

  public static byte[] encode(SignedRequest request) {
    long[] fields =
        switch (request) {
          case SignedRequest.Order o -> fields(o.message());
          case SignedRequest.Cancel c ->
              new long[] {c.message().accountIndex(), c.message().clientOrderId()};
          case SignedRequest.Amend a -> fields(a.message());
        };
    ByteBuffer out = ByteBuffer.allocate(HEADER + 8 * fields.length + EdDsaSignature.BYTES);
    out.put(VERSION).put(kind(request));
    for (long f : fields) {
      out.putLong(f);
    }
    return out.put(request.signature().encode()).array();
  }

  /** Decodes a plaintext; a {@link SealedMessageException} names what is wrong with it. */
  public static SignedRequest decode(byte[] plaintext) {
    if (plaintext.length < HEADER) {
      throw new SealedMessageException("request shorter than its header");
    }
    if (plaintext[0] != VERSION) {
      throw new SealedMessageException("unknown request version " + plaintext[0]);
    }
    int count =
        switch (plaintext[1]) {
          case ORDER -> 10;
          case CANCEL -> 2;
          case AMEND -> 5;
          default -> throw new SealedMessageException("unknown request kind " + plaintext[1]);
        };
    int expected = HEADER + 8 * count + EdDsaSignature.BYTES;
    if (plaintext.length != expected) {
      throw new SealedMessageException(
          "request of kind "
              + plaintext[1]
              + " needs "
              + expected
              + " bytes, got "
              + plaintext.length);
    }
    ByteBuffer in = ByteBuffer.wrap(plaintext, HEADER, plaintext.length - HEADER);
    long[] f = new long[count];
    for (int i = 0; i < count; i++) {
      f[i] = in.getLong();
    }
    byte[] sig = new byte[EdDsaSignature.BYTES];
    in.get(sig);
    try {
      EdDsaSignature signature = EdDsaSignature.decode(sig);
      return switch (plaintext[1]) {
        case ORDER ->
            new SignedRequest.Order(
                new OrderMessage(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]),
                signature);
        case CANCEL -> new SignedRequest.Cancel(new CancelMessage(f[0], f[1]), signature);
        default ->
            new SignedRequest.Amend(new AmendMessage(f[0], f[1], f[2], f[3], f[4]), signature);
      };
    } catch (InvalidEncodingException e) {
      throw new SealedMessageException("malformed signature: " + e.getMessage());
    } catch (IllegalArgumentException e) { // the message names the field, not its value
      throw new SealedMessageException(e.getMessage());
    }
  }

  private static byte kind(SignedRequest r) {
    return switch (r) {
      case SignedRequest.Order o -> ORDER;
      case SignedRequest.Cancel c -> CANCEL;
      case SignedRequest.Amend a -> AMEND;
    };
  }

  private static long[] fields(OrderMessage m) {
    return new long[] {
      m.accountIndex(),
      m.marketId(),
      m.clientOrderId(),
      m.side(),
      m.type(),
      m.price(),
      m.quantity(),
      m.reduceOnly(),
      m.expiry(),
      m.stp()
    };
  }

  private static long[] fields(AmendMessage m) {
    return new long[] {
      m.accountIndex(), m.clientOrderId(), m.price(), m.quantity(), m.amendNonce()
    };
  }
}
