package dev.sable.state.store.rocksdb;

/** A storage failure; the state is unknown, so callers stop rather than continue. */
public final class StoreException extends RuntimeException {
  StoreException(String message) {
    super(message);
  }

  StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
