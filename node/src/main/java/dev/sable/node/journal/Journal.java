package dev.sable.node.journal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import org.rocksdb.RocksIterator;

/**
 * The ordered command log in the node database's {@code journal} family: key = sequence number (8
 * bytes big-endian, from 1, without gaps), value = the entry. Appends come only from the group
 * committer's thread; reads (replay) from anyone.
 */
public final class Journal {
  private final NodeDatabase db;
  private long last;

  public Journal(NodeDatabase db) {
    this.db = db;
    this.last = findLast();
  }

  private long findLast() {
    try (RocksIterator it = db.iterator(NodeDatabase.Family.JOURNAL)) {
      it.seekToLast();
      return it.isValid() ? ByteBuffer.wrap(it.key()).getLong() : 0;
    }
  }

  /** The sequence number of the last durable entry (0 when empty). */
  public synchronized long lastSequence() {
    return last;
  }

  /**
   * Appends the entries (numbered last + 1, last + 2, ... in order) in one synced write: when this
   * returns they are durable.
   */
  synchronized void append(List<JournalEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try (NodeDatabase.Batch batch = db.batch()) {
      long expected = last;
      for (JournalEntry e : entries) {
        if (e.sequence() != ++expected) {
          throw new IllegalStateException(
              "journal entry " + e.sequence() + " out of order (expected " + expected + ")");
        }
        batch.put(NodeDatabase.Family.JOURNAL, key(e.sequence()), EntryCodec.encode(e));
      }
      batch.write();
      last = expected;
    }
  }

  /** The sequence number of the first entry kept (1 until the journal is pruned; 0 if empty). */
  public long firstSequence() {
    try (RocksIterator it = db.iterator(NodeDatabase.Family.JOURNAL)) {
      it.seekToFirst();
      return it.isValid() ? ByteBuffer.wrap(it.key()).getLong() : 0;
    }
  }

  /**
   * Deletes the entries before {@code sequence} (durably); never the last entry, which numbers the
   * next append. Only entries a snapshot already holds may go: a restart needs the entries after
   * its snapshot.
   */
  public synchronized void pruneBefore(long sequence) {
    long to = Math.min(sequence, last);
    if (to <= 1) {
      return;
    }
    try (NodeDatabase.Batch batch = db.batch()) {
      batch.deleteRange(NodeDatabase.Family.JOURNAL, key(0), key(to)).write();
    }
  }

  /** Every entry with a sequence number above {@code after}, in order. */
  public void replay(long after, Consumer<JournalEntry> consumer) {
    replay(after, Long.MAX_VALUE, consumer);
  }

  /** The entries numbered above {@code after} and at most {@code last}, in order. */
  public void replay(long after, long last, Consumer<JournalEntry> consumer) {
    try (RocksIterator it = db.iterator(NodeDatabase.Family.JOURNAL)) {
      long expected = after + 1;
      for (it.seek(key(after + 1)); it.isValid() && expected <= last; it.next()) {
        long seq = ByteBuffer.wrap(it.key()).getLong();
        if (seq != expected) {
          throw new JournalException("journal has a gap: " + expected + " is missing");
        }
        consumer.accept(EntryCodec.decode(seq, it.value()));
        expected++;
      }
    }
  }

  /** The entry with this sequence number, or null. */
  public JournalEntry entry(long sequence) {
    byte[] value = db.get(NodeDatabase.Family.JOURNAL, key(sequence));
    return value == null ? null : EntryCodec.decode(sequence, value);
  }

  static byte[] key(long sequence) {
    return ByteBuffer.allocate(8).putLong(sequence).array();
  }
}
