package dev.sable.node.journal;

import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.sealed.RequestCodec;
import dev.sable.crypto.sealed.SealedMessageException;
import dev.sable.sequencer.codec.CodecException;
import dev.sable.sequencer.codec.CommandCodec;
import dev.sable.sequencer.command.Command;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * A journal value (docs/node.md, "The journal"): format (1 byte, 2: format 1 journaled the
 * sequencer's SetMarginMode without its request id, and is refused), provenance kind (1 byte: 0 the
 * node, 1 a signed request, 2 a key registration, 3 an L1 deposit, 4 an oracle's signature, 5 an L1
 * forced withdrawal request), the provenance's bytes (a signed request: its length as 2 bytes
 * big-endian, then the request in {@link RequestCodec}'s encoding, the same bytes the trader
 * sealed; a registration: the 32-byte compressed EdDSA key; an L1 deposit: queue index and account
 * as 8 bytes each, the 20-byte sender, key x and y, the 32-byte blinding, the block number as 8
 * bytes and the 32-byte block hash; an oracle's signature: 96 bytes, uncompressed; an L1 request:
 * queue index as 8 bytes, the 20-byte recipient, R.x, R.y and S as 32 bytes each, the block number
 * as 8 bytes and the 32-byte block hash), then the command in the sequencer's canonical encoding
 * ({@link CommandCodec}) to the end of the value. Decoding is strict: a value that is not exactly
 * one such entry is a {@link JournalException} naming the entry.
 */
final class EntryCodec {
  static final byte FORMAT = 2;
  private static final byte NODE = 0;
  private static final byte SIGNED = 1;
  private static final byte REGISTRATION = 2;
  private static final byte L1_DEPOSIT = 3;
  private static final byte ORACLE_SIGNATURE = 4;
  private static final byte L1_REQUEST = 5;
  private static final int PUBLIC_KEY = 32;
  private static final int WORD = 32;
  private static final int ADDRESS = 20;
  private static final int L1_DEPOSIT_BYTES = 8 + 8 + ADDRESS + 3 * WORD + 8 + WORD;
  private static final int L1_REQUEST_BYTES = 8 + ADDRESS + 3 * WORD + 8 + WORD;

  private EntryCodec() {}

  static byte[] encode(JournalEntry entry) {
    Command command = entry.command();
    int commandBytes = CommandCodec.INSTANCE.encodedSize(command);
    ByteBuffer out;
    switch (entry.provenance()) {
      case Provenance.Node n -> out = header(NODE, commandBytes);
      case Provenance.Signed s -> {
        byte[] request = s.bytes();
        out = header(SIGNED, 2 + request.length + commandBytes);
        out.putShort((short) request.length).put(request);
      }
      case Provenance.Registration r -> {
        if (r.publicKey().length != PUBLIC_KEY) {
          throw new IllegalArgumentException("a registered key has 32 bytes");
        }
        out = header(REGISTRATION, PUBLIC_KEY + commandBytes);
        out.put(r.publicKey());
      }
      case Provenance.L1Deposit d -> {
        out = header(L1_DEPOSIT, L1_DEPOSIT_BYTES + commandBytes);
        out.putLong(d.queueIndex())
            .putLong(d.account())
            .put(fixed(d.sender(), ADDRESS))
            .put(fixed(d.keyX(), WORD))
            .put(fixed(d.keyY(), WORD))
            .put(fixed(d.blinding(), WORD))
            .putLong(d.block())
            .put(fixed(d.blockHash(), WORD));
      }
      case Provenance.L1Request r -> {
        out = header(L1_REQUEST, L1_REQUEST_BYTES + commandBytes);
        out.putLong(r.queueIndex())
            .put(fixed(r.recipient(), ADDRESS))
            .put(fixed(r.rx(), WORD))
            .put(fixed(r.ry(), WORD))
            .put(fixed(r.s(), WORD))
            .putLong(r.block())
            .put(fixed(r.blockHash(), WORD));
      }
      case Provenance.OracleSignature o -> {
        out = header(ORACLE_SIGNATURE, EdDsaSignature.UNCOMPRESSED_BYTES + commandBytes);
        out.put(fixed(o.signature(), EdDsaSignature.UNCOMPRESSED_BYTES));
      }
    }
    CommandCodec.INSTANCE.encode(command, out);
    return out.array();
  }

  private static byte[] take(ByteBuffer in, int n) {
    byte[] out = new byte[n];
    in.get(out);
    return out;
  }

  private static byte[] fixed(byte[] b, int n) {
    if (b.length != n) {
      throw new IllegalArgumentException("expected " + n + " bytes, got " + b.length);
    }
    return b;
  }

  private static ByteBuffer header(byte kind, int rest) {
    return ByteBuffer.allocate(2 + rest).put(FORMAT).put(kind);
  }

  static JournalEntry decode(long sequence, byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    try {
      byte format = in.get();
      if (format != FORMAT) {
        throw new JournalException(
            "journal entry "
                + sequence
                + " has format "
                + format
                + " (this build reads format "
                + FORMAT
                + "; format 1 was written before a margin-mode switch carried its request id)");
      }
      Provenance provenance =
          switch (in.get()) {
            case NODE -> Provenance.NODE;
            case SIGNED -> {
              byte[] request = new byte[in.getShort() & 0xFFFF];
              in.get(request);
              yield new Provenance.Signed(RequestCodec.decode(request), request);
            }
            case REGISTRATION -> new Provenance.Registration(take(in, PUBLIC_KEY));
            case L1_DEPOSIT ->
                new Provenance.L1Deposit(
                    in.getLong(),
                    in.getLong(),
                    take(in, ADDRESS),
                    take(in, WORD),
                    take(in, WORD),
                    take(in, WORD),
                    in.getLong(),
                    take(in, WORD));
            case L1_REQUEST ->
                new Provenance.L1Request(
                    in.getLong(),
                    take(in, ADDRESS),
                    take(in, WORD),
                    take(in, WORD),
                    take(in, WORD),
                    in.getLong(),
                    take(in, WORD));
            case ORACLE_SIGNATURE ->
                new Provenance.OracleSignature(take(in, EdDsaSignature.UNCOMPRESSED_BYTES));
            default ->
                throw new JournalException(
                    "journal entry " + sequence + " has an unknown provenance kind");
          };
      ByteBuffer rest = in.slice();
      Command command = CommandCodec.INSTANCE.decode(rest);
      if (rest.hasRemaining()) {
        throw new JournalException("journal entry " + sequence + " has bytes after its command");
      }
      return new JournalEntry(sequence, command, provenance);
    } catch (BufferUnderflowException | SealedMessageException | CodecException e) {
      throw new JournalException("journal entry " + sequence + " is malformed: " + e.getMessage());
    }
  }
}
