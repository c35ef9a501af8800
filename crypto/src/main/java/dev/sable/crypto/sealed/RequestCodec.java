package dev.sable.crypto.sealed;

import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.InvalidEncodingException;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.WithdrawalMessage;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * The bytes of a signed request: what a trader seals to the node, and what the node's journal keeps
 * beside the command (docs/node.md, "The journal"). Version (1 byte, 2), kind (1 byte: 1 order, 2
 * cancel, 3 amend, 4 withdrawal, 5 margin mode), the message's fields in the record's order, then
 * the EdDSA signature. Integer fields are 8 bytes big-endian; a withdrawal's recipient is its
 * 20-byte L1 address. An order or an amend is an {@link OrderMessage} (10 fields, 80 bytes), a
 * cancel a {@link CancelMessage} (16 bytes), a withdrawal a {@link WithdrawalMessage} (account,
 * amount, recipient, nonce: 44 bytes), a margin mode switch a {@link MarginModeMessage} (24 bytes);
 * an amend's order is followed by the client order id it replaces (8 bytes, not signed: the fill
 * slot implies it). The signature is uncompressed, R.x || R.y || S (96 bytes: {@link
 * EdDsaSignature#encodeUncompressed}), so that opening a request costs no square root. Decoding is
 * strict: exact length, known version and kind, every field in its range (the message records check
 * them), a well-formed signature. Version 1 (section 7 order messages and a separate amend message)
 * is no longer accepted.
 */
public final class RequestCodec {
  static final byte VERSION = 2;
  static final byte ORDER = 1;
  static final byte CANCEL = 2;
  static final byte AMEND = 3;
  static final byte WITHDRAWAL = 4;
  static final byte MARGIN_MODE = 5;
  private static final int HEADER = 2;
  private static final int ADDRESS_BYTES = 20;
  private static final int ORDER_BYTES = 10 * 8;
  private static final int AMEND_BYTES = ORDER_BYTES + 8;
  private static final int CANCEL_BYTES = 2 * 8;
  private static final int WITHDRAWAL_BYTES = 3 * 8 + ADDRESS_BYTES;
  private static final int MARGIN_MODE_BYTES = 3 * 8;

  private RequestCodec() {}

  public static byte[] encode(SignedRequest request) {
    ByteBuffer out =
        ByteBuffer.allocate(HEADER + body(kind(request)) + EdDsaSignature.UNCOMPRESSED_BYTES)
            .put(VERSION)
            .put(kind(request));
    switch (request) {
      case SignedRequest.Order o -> putOrder(out, o.message());
      case SignedRequest.Amend a -> putOrder(out, a.message()).putLong(a.replaces());
      case SignedRequest.Cancel c ->
          out.putLong(c.message().accountIndex()).putLong(c.message().clientOrderId());
      case SignedRequest.Withdrawal w -> putWithdrawal(out, w.message());
      case SignedRequest.MarginMode m ->
          out.putLong(m.message().accountIndex())
              .putLong(m.message().portfolio())
              .putLong(m.message().requestId());
    }
    return out.put(request.signature().encodeUncompressed()).array();
  }

  /** Decodes a request; a {@link SealedMessageException} names what is wrong with it. */
  public static SignedRequest decode(byte[] bytes) {
    if (bytes.length < HEADER) {
      throw new SealedMessageException("request shorter than its header");
    }
    if (bytes[0] != VERSION) {
      throw new SealedMessageException("unknown request version " + bytes[0]);
    }
    byte kind = bytes[1];
    int body = body(kind);
    if (body < 0) {
      throw new SealedMessageException("unknown request kind " + kind);
    }
    int expected = HEADER + body + EdDsaSignature.UNCOMPRESSED_BYTES;
    if (bytes.length != expected) {
      throw new SealedMessageException(
          "request of kind " + kind + " needs " + expected + " bytes, got " + bytes.length);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, HEADER, bytes.length - HEADER);
    try {
      return switch (kind) {
        case ORDER -> new SignedRequest.Order(order(in), signature(in));
        case AMEND -> new SignedRequest.Amend(order(in), in.getLong(), signature(in));
        case CANCEL ->
            new SignedRequest.Cancel(new CancelMessage(in.getLong(), in.getLong()), signature(in));
        case MARGIN_MODE ->
            new SignedRequest.MarginMode(
                new MarginModeMessage(in.getLong(), in.getLong(), in.getLong()), signature(in));
        default -> new SignedRequest.Withdrawal(withdrawal(in), signature(in));
      };
    } catch (IllegalArgumentException e) { // the message names the field, not its value
      throw new SealedMessageException(e.getMessage());
    }
  }

  /** Bytes of a kind's message, or -1 for an unknown kind. */
  private static int body(byte kind) {
    return switch (kind) {
      case ORDER -> ORDER_BYTES;
      case AMEND -> AMEND_BYTES;
      case CANCEL -> CANCEL_BYTES;
      case WITHDRAWAL -> WITHDRAWAL_BYTES;
      case MARGIN_MODE -> MARGIN_MODE_BYTES;
      default -> -1;
    };
  }

  private static byte kind(SignedRequest r) {
    return switch (r) {
      case SignedRequest.Order o -> ORDER;
      case SignedRequest.Amend a -> AMEND;
      case SignedRequest.Cancel c -> CANCEL;
      case SignedRequest.Withdrawal w -> WITHDRAWAL;
      case SignedRequest.MarginMode m -> MARGIN_MODE;
    };
  }

  private static ByteBuffer putOrder(ByteBuffer out, OrderMessage m) {
    out.putLong(m.accountIndex()).putLong(m.marketId()).putLong(m.clientOrderId());
    out.putLong(m.side()).putLong(m.type()).putLong(m.price()).putLong(m.quantity());
    return out.putLong(m.reduceOnly()).putLong(m.expiry()).putLong(m.stp());
  }

  private static OrderMessage order(ByteBuffer in) {
    return new OrderMessage(
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong(),
        in.getLong());
  }

  private static void putWithdrawal(ByteBuffer out, WithdrawalMessage m) {
    byte[] recipient = m.recipient().toBytes(); // 32 bytes big-endian, the top 12 zero
    out.putLong(m.accountIndex()).putLong(m.amount());
    out.put(recipient, Fr.BYTES - ADDRESS_BYTES, ADDRESS_BYTES).putLong(m.nonce());
  }

  private static WithdrawalMessage withdrawal(ByteBuffer in) {
    long account = in.getLong();
    long amount = in.getLong();
    byte[] address = new byte[ADDRESS_BYTES];
    in.get(address);
    return new WithdrawalMessage(account, amount, Fr.of(new BigInteger(1, address)), in.getLong());
  }

  private static EdDsaSignature signature(ByteBuffer in) {
    byte[] sig = new byte[EdDsaSignature.UNCOMPRESSED_BYTES];
    in.get(sig);
    try {
      return EdDsaSignature.decodeUncompressed(sig);
    } catch (InvalidEncodingException e) {
      throw new SealedMessageException("malformed signature: " + e.getMessage());
    }
  }
}
