package dev.sable.state.store.rocksdb;

import dev.sable.state.store.KeyValueStore;
import dev.sable.state.store.StoreBatch;
import java.nio.file.Path;
import org.rocksdb.Checkpoint;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * {@link KeyValueStore} on RocksDB. Every {@link #write} is one RocksDB WriteBatch, synced to disk
 * before it returns when opened with sync on, so a crash keeps either all of a batch or none.
 */
public final class RocksDbKeyValueStore implements KeyValueStore {
  static {
    RocksDbLibrary.load();
  }

  private final Options options;
  private final WriteOptions writeOptions;
  private final RocksDB db;

  private RocksDbKeyValueStore(Options options, WriteOptions writeOptions, RocksDB db) {
    this.options = options;
    this.writeOptions = writeOptions;
    this.db = db;
  }

  /** Opens (creating if missing) the database in dir; sync makes each write durable. */
  public static RocksDbKeyValueStore open(Path dir, boolean sync) {
    Options options = new Options().setCreateIfMissing(true);
    WriteOptions writeOptions = new WriteOptions().setSync(sync);
    try {
      return new RocksDbKeyValueStore(options, writeOptions, RocksDB.open(options, dir.toString()));
    } catch (RocksDBException e) {
      writeOptions.close();
      options.close();
      throw new StoreException("cannot open RocksDB at " + dir, e);
    }
  }

  @Override
  public byte[] get(byte[] key) {
    try {
      return db.get(key);
    } catch (RocksDBException e) {
      throw new StoreException("RocksDB get failed", e);
    }
  }

  @Override
  public void write(StoreBatch batch) {
    try (WriteBatch wb = new WriteBatch()) {
      for (StoreBatch.Entry e : batch.entries()) {
        if (e.value() == null) {
          wb.delete(e.key());
        } else {
          wb.put(e.key(), e.value());
        }
      }
      db.write(writeOptions, wb);
    } catch (RocksDBException e) {
      throw new StoreException("RocksDB write failed", e);
    }
  }

  /**
   * A consistent snapshot of the database as a new RocksDB directory (hard links where possible).
   */
  public void checkpoint(Path dir) {
    try (Checkpoint cp = Checkpoint.create(db)) {
      cp.createCheckpoint(dir.toString());
    } catch (RocksDBException e) {
      throw new StoreException("RocksDB checkpoint to " + dir + " failed", e);
    }
  }

  @Override
  public void close() {
    db.close();
    writeOptions.close();
    options.close();
  }
}
