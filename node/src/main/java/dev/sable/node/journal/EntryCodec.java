package dev.sable.node.journal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A journal value: provenance tag (1 byte: 0 node, 1 signed, 2 signed amend, 3 registration), its
 * bytes (64-byte signature; signature and 8-byte amend nonce; 32-byte public key), then the
 * command's bytes in the {@link CommandCodec}.
 */
final class EntryCodec {
  private static final int SIGNATURE = 64;
  private static final int PUBLIC_KEY = 32;

  private final CommandCodec commands;

  EntryCodec(CommandCodec commands) {
    this.commands = commands;
  }

  byte[] encode(JournalEntry entry) {
    byte[] command = commands.encode(entry.command());
    return switch (entry.provenance()) {
      case Provenance.Node n -> concat(ByteBuffer.allocate(1).put((byte) 0), command);
      case Provenance.Signed s ->
          concat(
              ByteBuffer.allocate(1 + SIGNATURE).put((byte) 1).put(fixed(s.signature(), SIGNATURE)),
              command);
      case Provenance.SignedAmend a ->
          concat(
              ByteBuffer.allocate(1 + SIGNATURE + 8)
                  .put((byte) 2)
                  .put(fixed(a.signature(), SIGNATURE))
                  .putLong(a.amendNonce()),
              command);
      case Provenance.Registration r ->
          concat(
              ByteBuffer.allocate(1 + PUBLIC_KEY)
                  .put((byte) 3)
                  .put(fixed(r.publicKey(), PUBLIC_KEY)),
              command);
    };
  }

  JournalEntry decode(long sequence, byte[] value) {
    if (value.length == 0) {
      throw new IllegalArgumentException("empty journal record " + sequence);
    }
    ByteBuffer in = ByteBuffer.wrap(value);
    Provenance p =
        switch (in.get()) {
          case 0 -> Provenance.NODE;
          case 1 -> new Provenance.Signed(take(in, SIGNATURE));
          case 2 -> new Provenance.SignedAmend(take(in, SIGNATURE), in.getLong());
          case 3 -> new Provenance.Registration(take(in, PUBLIC_KEY));
          default -> throw new IllegalArgumentException("unknown provenance in record " + sequence);
        };
    return new JournalEntry(
        sequence, commands.decode(Arrays.copyOfRange(value, in.position(), value.length)), p);
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

  private static byte[] concat(ByteBuffer head, byte[] tail) {
    byte[] out = Arrays.copyOf(head.array(), head.capacity() + tail.length);
    System.arraycopy(tail, 0, out, head.capacity(), tail.length);
    return out;
  }
}
