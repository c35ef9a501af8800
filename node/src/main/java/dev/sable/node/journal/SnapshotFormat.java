package dev.sable.node.journal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A snapshot file's bytes: magic "SABLESNP", format (1 byte, 3), sequence (8), state hash (32),
 * then the sections engine, gate, fills, trades, batches, l1, each as its length (4) and its bytes,
 * and last the SHA-256 of everything before it. Formats 1 and 2 (written before the batches and the
 * l1 sections existed) lack those sections and are read with them empty. A file whose checksum does
 * not match (a write cut short, a bad disk) is refused before anything in it is read.
 */
final class SnapshotFormat {
  static final byte FORMAT = 3;
  private static final byte WITHOUT_L1 = 2;
  private static final byte WITHOUT_BATCHES = 1;
  private static final byte[] MAGIC = "SABLESNP".getBytes(StandardCharsets.US_ASCII);
  private static final int DIGEST = 32;

  private SnapshotFormat() {}

  static byte[] encode(NodeSnapshot s) {
    byte[][] sections = {s.engine(), s.gate(), s.fills(), s.trades(), s.batches(), s.l1()};
    int size = MAGIC.length + 1 + 8 + 32 + DIGEST;
    for (byte[] section : sections) {
      size += 4 + section.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(MAGIC).put(FORMAT).putLong(s.sequence()).put(s.stateHash());
    for (byte[] section : sections) {
      out.putInt(section.length).put(section);
    }
    out.put(sha256(out.array(), out.position()));
    return out.array();
  }

  /** The snapshot in a file's bytes; a {@link JournalException} says why they are not one. */
  static NodeSnapshot decode(byte[] bytes) {
    if (bytes.length < MAGIC.length + 1 + 8 + 32 + 4 * 4 + DIGEST
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new JournalException("not a snapshot file");
    }
    int body = bytes.length - DIGEST;
    if (!Arrays.equals(sha256(bytes, body), 0, DIGEST, bytes, body, bytes.length)) {
      throw new JournalException("the snapshot's checksum does not match (an incomplete write?)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, MAGIC.length, body - MAGIC.length);
    try {
      byte format = in.get();
      if (format != FORMAT && format != WITHOUT_L1 && format != WITHOUT_BATCHES) {
        throw new JournalException("unknown snapshot format (this build reads 1 to 3)");
      }
      long sequence = in.getLong();
      byte[] hash = take(in, 32);
      NodeSnapshot s =
          new NodeSnapshot(
              sequence,
              hash,
              section(in),
              section(in),
              section(in),
              section(in),
              format == WITHOUT_BATCHES ? new byte[0] : section(in),
              format == FORMAT ? section(in) : new byte[0]);
      if (in.hasRemaining()) {
        throw new JournalException("the snapshot has bytes after its sections");
      }
      return s;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new JournalException("the snapshot's sections are malformed");
    }
  }

  private static byte[] section(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) {
      throw new JournalException("the snapshot's sections are malformed");
    }
    return take(in, n);
  }

  private static byte[] take(ByteBuffer in, int n) {
    byte[] out = new byte[n];
    in.get(out);
    return out;
  }

  private static byte[] sha256(byte[] bytes, int length) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(bytes, 0, length);
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
