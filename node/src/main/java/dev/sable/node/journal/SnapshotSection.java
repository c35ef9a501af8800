package dev.sable.node.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The bytes of one section of a node snapshot (docs/node.md, "Snapshots"), written and read by the
 * class whose state it is: big-endian integers, byte strings of a known length, counts as u32
 * checked against what is left. A reader refuses a section that is cut short or runs on ({@link
 * JournalException} naming the section).
 */
public final class SnapshotSection {
  private SnapshotSection() {}

  /** Writes a section. */
  public static final class Writer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    /** A write to the in-memory stream (which never fails, though its API says it may). */
    private interface Write {
      void run() throws IOException;
    }

    private Writer write(Write w) {
      try {
        w.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    public Writer putInt(int v) {
      return write(() -> out.writeInt(v));
    }

    public Writer putLong(long v) {
      return write(() -> out.writeLong(v));
    }

    public Writer putBytes(byte[] v) {
      return write(() -> out.write(v));
    }

    public byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }

  /** Reads a section; every read checks that its bytes are there. */
  public static final class Reader {
    private final String name;
    private final ByteBuffer in;

    public Reader(String name, byte[] section) {
      this.name = name;
      this.in = ByteBuffer.wrap(section);
    }

    public int getInt() {
      try {
        return in.getInt();
      } catch (BufferUnderflowException e) {
        throw cutShort();
      }
    }

    public long getLong() {
      try {
        return in.getLong();
      } catch (BufferUnderflowException e) {
        throw cutShort();
      }
    }

    public byte[] getBytes(int n) {
      if (in.remaining() < n) {
        throw cutShort();
      }
      byte[] out = new byte[n];
      in.get(out);
      return out;
    }

    /** A count of elements of at least {@code each} bytes, which the rest must be able to hold. */
    public int count(int each) {
      int n = getInt();
      if (n < 0 || (long) n * each > in.remaining()) {
        throw new JournalException("snapshot section " + name + " has an impossible count");
      }
      return n;
    }

    /** Refuses bytes after the section's end. */
    public void end() {
      if (in.hasRemaining()) {
        throw new JournalException("snapshot section " + name + " has bytes after its end");
      }
    }

    private JournalException cutShort() {
      return new JournalException("snapshot section " + name + " is cut short");
    }
  }
}
