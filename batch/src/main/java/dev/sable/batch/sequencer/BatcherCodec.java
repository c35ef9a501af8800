package dev.sable.batch.sequencer;

import dev.sable.batch.Deposit;
import dev.sable.batch.ForcedRequest;
import dev.sable.batch.FundingTick;
import dev.sable.batch.MarginSwitch;
import dev.sable.batch.SignedOrder;
import dev.sable.batch.SignedPrice;
import dev.sable.batch.Trade;
import dev.sable.batch.Withdrawal;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OraclePriceMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.state.settlement.KeyPoint;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The byte layout of a batcher's snapshot ({@link SettlementBatcher#snapshot}): big-endian longs,
 * field elements as 32 canonical bytes, signatures uncompressed (96), lists as a count (8 bytes)
 * and their elements, maps and sets sorted by key so that one state has one encoding. A reader
 * refuses bytes cut short, a count the rest cannot hold, or bytes after the end ({@link
 * IllegalArgumentException}).
 */
final class BatcherCodec {
  private BatcherCodec() {}

  /** Writes one snapshot. */
  static final class Out {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Out u8(int v) {
      bytes.write(v);
      return this;
    }

    Out i64(long v) {
      for (int i = 56; i >= 0; i -= 8) {
        bytes.write((int) (v >>> i));
      }
      return this;
    }

    Out fr(Fr v) {
      bytes.writeBytes(v.toBytes());
      return this;
    }

    Out signature(EdDsaSignature s) {
      bytes.writeBytes(s.encodeUncompressed());
      return this;
    }

    <T> Out list(List<T> items, Function<T, Out> each) {
      i64(items.size());
      items.forEach(each::apply);
      return this;
    }

    Out longs(Set<Long> values) {
      i64(values.size());
      new TreeSet<>(values).forEach(this::i64);
      return this;
    }

    Out longMap(Map<Long, Long> map) {
      i64(map.size());
      new TreeMap<>(map)
          .forEach(
              (k, v) -> {
                i64(k);
                i64(v);
              });
      return this;
    }

    Out order(OrderMessage o) {
      return i64(o.accountIndex())
          .i64(o.marketId())
          .i64(o.clientOrderId())
          .i64(o.side())
          .i64(o.type())
          .i64(o.price())
          .i64(o.quantity())
          .i64(o.reduceOnly())
          .i64(o.expiry())
          .i64(o.stp());
    }

    Out signedOrder(SignedOrder o) {
      return order(o.order()).signature(o.signature());
    }

    Out tick(FundingTick t) {
      return i64(t.market()).i64(t.ratePpm());
    }

    Out price(SignedPrice p) {
      OraclePriceMessage m = p.price();
      return i64(m.marketId())
          .i64(m.source())
          .i64(m.price())
          .i64(m.publishTime())
          .signature(p.signature());
    }

    Out deposit(Deposit d) {
      return i64(d.account())
          .i64(d.amount())
          .fr(d.sender())
          .fr(d.key().x())
          .fr(d.key().y())
          .fr(d.blinding())
          .u8(d.refund() ? 1 : 0);
    }

    Out trade(Trade t) {
      return signedOrder(t.maker())
          .signedOrder(t.taker())
          .i64(t.quantity())
          .i64(t.price())
          .i64(t.makerFee())
          .i64(t.takerFee());
    }

    Out message(WithdrawalMessage m) {
      return i64(m.accountIndex()).i64(m.amount()).fr(m.recipient()).i64(m.nonce());
    }

    Out withdrawal(Withdrawal w) {
      return message(w.message()).signature(w.signature());
    }

    /**
     * A forced request's signature as three field elements: L1 accepts ones that are not points.
     */
    Out request(ForcedRequest r) {
      return message(r.message()).fr(r.rx()).fr(r.ry()).fr(Fr.of(r.s()));
    }

    Out marginSwitch(MarginSwitch s) {
      MarginModeMessage m = s.message();
      return i64(m.accountIndex()).i64(m.portfolio()).i64(m.requestId()).signature(s.signature());
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }

  /** Reads one snapshot. */
  static final class In {
    private final ByteBuffer in;

    In(byte[] bytes) {
      this.in = ByteBuffer.wrap(bytes);
    }

    int u8() {
      try {
        return in.get() & 0xFF;
      } catch (BufferUnderflowException e) {
        throw cutShort();
      }
    }

    long i64() {
      try {
        return in.getLong();
      } catch (BufferUnderflowException e) {
        throw cutShort();
      }
    }

    private byte[] bytes(int n) {
      if (in.remaining() < n) {
        throw cutShort();
      }
      byte[] out = new byte[n];
      in.get(out);
      return out;
    }

    Fr fr() {
      return Fr.fromBytes(bytes(Fr.BYTES));
    }

    EdDsaSignature signature() {
      return EdDsaSignature.decodeUncompressed(bytes(EdDsaSignature.UNCOMPRESSED_BYTES));
    }

    /** A count of elements of at least {@code each} bytes that the rest can hold. */
    int count(int each) {
      long n = i64();
      if (n < 0 || n * each > in.remaining()) {
        throw new IllegalArgumentException("batcher snapshot: an impossible count " + n);
      }
      return (int) n;
    }

    <T> List<T> list(int each, Function<In, T> read) {
      int n = count(each);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(read.apply(this));
      }
      return out;
    }

    Set<Long> longs() {
      int n = count(8);
      Set<Long> out = new TreeSet<>();
      for (int i = 0; i < n; i++) {
        out.add(i64());
      }
      return out;
    }

    Map<Long, Long> longMap() {
      int n = count(16);
      Map<Long, Long> out = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        out.put(i64(), i64());
      }
      return out;
    }

    OrderMessage order() {
      return new OrderMessage(i64(), i64(), i64(), i64(), i64(), i64(), i64(), i64(), i64(), i64());
    }

    SignedOrder signedOrder() {
      return new SignedOrder(order(), signature());
    }

    FundingTick tick() {
      return new FundingTick(i64(), i64());
    }

    SignedPrice price() {
      return new SignedPrice(new OraclePriceMessage(i64(), i64(), i64(), i64()), signature());
    }

    Deposit deposit() {
      long account = i64();
      long amount = i64();
      Fr sender = fr();
      KeyPoint key = new KeyPoint(fr(), fr());
      Fr blinding = fr();
      int refund = u8();
      if (refund > 1) {
        throw new IllegalArgumentException(
            "batcher snapshot: a deposit's refund flag is " + refund);
      }
      return new Deposit(account, amount, sender, key, blinding, refund == 1);
    }

    Trade trade() {
      return new Trade(signedOrder(), signedOrder(), i64(), i64(), i64(), i64());
    }

    WithdrawalMessage message() {
      return new WithdrawalMessage(i64(), i64(), fr(), i64());
    }

    Withdrawal withdrawal() {
      return new Withdrawal(message(), signature());
    }

    ForcedRequest request() {
      return new ForcedRequest(message(), fr(), fr(), fr().toBigInteger());
    }

    MarginSwitch marginSwitch() {
      return new MarginSwitch(new MarginModeMessage(i64(), i64(), i64()), signature());
    }

    void end() {
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("batcher snapshot: bytes after its end");
      }
    }

    private static IllegalArgumentException cutShort() {
      return new IllegalArgumentException("batcher snapshot: cut short");
    }
  }

  /** Bytes of the records, for counts: the least each can take. */
  static final int ORDER = 10 * 8 + EdDsaSignature.UNCOMPRESSED_BYTES;

  static final int TICK = 16;
  static final int PRICE = 32 + EdDsaSignature.UNCOMPRESSED_BYTES;
  static final int DEPOSIT = 16 + 4 * 32 + 1;
  static final int TRADE = 2 * ORDER + 32;
  static final int WITHDRAWAL = 24 + 32 + EdDsaSignature.UNCOMPRESSED_BYTES;
  static final int REQUEST = 24 + 4 * 32;
  static final int SWITCH = 24 + EdDsaSignature.UNCOMPRESSED_BYTES;
}
