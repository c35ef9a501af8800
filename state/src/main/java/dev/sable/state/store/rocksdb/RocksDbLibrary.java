package dev.sable.state.store.rocksdb;

import dev.sable.platform.PrivateLibraryDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/**
 * Loads RocksDB's JNI library from the private per-user directory, verified ({@link
 * PrivateLibraryDir}). RocksDB's own loader would copy it (17 MB) to a new temp file on every
 * start, which a killed process leaves behind in /tmp.
 */
public final class RocksDbLibrary {
  private RocksDbLibrary() {}

  /**
   * Must run before any other RocksDB class is used (they would load the library their own way):
   * {@link RocksDbKeyValueStore} does; other code that opens RocksDB calls this first.
   */
  public static synchronized void load() {
    String resource = Environment.getJniLibraryFileName("rocksdb");
    byte[] library;
    try (InputStream in = RocksDB.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new StoreException("RocksDB's jar has no " + resource + " for this platform");
      }
      library = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource + " from RocksDB's jar", e);
    }
    // RocksDB.loadLibrary(paths) looks for the file under this name, which in 11.8.1 differs from
    // the jar's ("librocksdbjnijni-linux64.so"): store it under whatever name that method uses.
    String loadedName = Environment.getJniLibraryFileName("rocksdbjni");
    Path path = PrivateLibraryDir.forCurrentUser().install(loadedName, library);
    RocksDB.loadLibrary(List.of(path.getParent().toString()));
  }
}
