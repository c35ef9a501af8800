package dev.sable.node.journal;

import dev.sable.state.store.rocksdb.RocksDbLibrary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The node's RocksDB: one write-ahead log for the column families {@code journal} (sequence number
 * to entry) and {@code meta} (the L1 pipeline's pending submission and batch history). Writes
 * through {@link #write} are synced: when it returns, the batch survives a crash or power loss.
 */
public final class NodeDatabase implements AutoCloseable {
  /** The column families, in the order RocksDB opens them (default first). */
  public enum Family {
    DEFAULT("default"),
    JOURNAL("journal"),
    META("meta");

    final byte[] name;

    Family(String name) {
      this.name = name.getBytes(StandardCharsets.US_ASCII);
    }
  }

  static {
    RocksDbLibrary.load(); // from the private library directory, never the temp directory
  }

  private final DBOptions options;
  private final ColumnFamilyOptions familyOptions;
  private final WriteOptions synced;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles;

  private NodeDatabase(
      DBOptions options,
      ColumnFamilyOptions familyOptions,
      WriteOptions synced,
      RocksDB db,
      List<ColumnFamilyHandle> handles) {
    this.options = options;
    this.familyOptions = familyOptions;
    this.synced = synced;
    this.db = db;
    this.handles = handles;
  }

  /** Opens (creating if missing) the database in dir. */
  public static NodeDatabase open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new JournalException("cannot create the data directory " + dir, e);
    }
    DBOptions options =
        new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (Family f : Family.values()) {
      descriptors.add(new ColumnFamilyDescriptor(f.name, familyOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
      return new NodeDatabase(
          options, familyOptions, new WriteOptions().setSync(true), db, handles);
    } catch (RocksDBException e) {
      familyOptions.close();
      options.close();
      throw new JournalException(
          "cannot open the node database at " + dir + ": " + e.getMessage(), e);
    }
  }

  ColumnFamilyHandle handle(Family f) {
    return handles.get(f.ordinal());
  }

  public byte[] get(Family f, byte[] key) {
    try {
      return db.get(handle(f), key);
    } catch (RocksDBException e) {
      throw new JournalException("read from " + f + " failed", e);
    }
  }

  /** A new batch of writes; {@link #write} applies it atomically and durably. */
  public Batch batch() {
    return new Batch(this);
  }

  void write(WriteBatch batch) {
    try {
      db.write(synced, batch);
    } catch (RocksDBException e) {
      throw new JournalException("synced write failed", e);
    }
  }

  RocksIterator iterator(Family f) {
    return db.newIterator(handle(f));
  }

  @Override
  public void close() {
    for (ColumnFamilyHandle h : handles) {
      h.close();
    }
    db.close();
    synced.close();
    familyOptions.close();
    options.close();
  }

  /** Puts and deletes over the column families, written in one synced batch. */
  public static final class Batch implements AutoCloseable {
    private final NodeDatabase db;
    private final WriteBatch batch = new WriteBatch();

    private Batch(NodeDatabase db) {
      this.db = db;
    }

    public Batch put(Family f, byte[] key, byte[] value) {
      try {
        batch.put(db.handle(f), key, value);
      } catch (RocksDBException e) {
        throw new JournalException("batch put failed", e);
      }
      return this;
    }

    public Batch delete(Family f, byte[] key) {
      try {
        batch.delete(db.handle(f), key);
      } catch (RocksDBException e) {
        throw new JournalException("batch delete failed", e);
      }
      return this;
    }

    /** Deletes the keys in [from, to) of a family. */
    public Batch deleteRange(Family f, byte[] from, byte[] to) {
      try {
        batch.deleteRange(db.handle(f), from, to);
      } catch (RocksDBException e) {
        throw new JournalException("batch delete range failed", e);
      }
      return this;
    }

    public int count() {
      return batch.count();
    }

    /** Writes the batch and syncs the write-ahead log. */
    public void write() {
      db.write(batch);
    }

    @Override
    public void close() {
      batch.close();
    }
  }
}
