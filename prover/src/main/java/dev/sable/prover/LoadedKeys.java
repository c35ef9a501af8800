package dev.sable.prover;

import dev.sable.prover.jni.NativeBindings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys the native library holds for one open prover ({@link GnarkProver}, {@link AggregateProver}):
 * their handle until closed, released once.
 */
final class LoadedKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoadedKeys.class);

  private final CircuitKeys keys;
  private boolean closed;

  private LoadedKeys(CircuitKeys keys) {
    this.keys = keys;
  }

  /**
   * The keys just opened, with what opening repaired and a development setup logged as warnings.
   */
  static LoadedKeys opened(CircuitKeys keys) {
    if (!keys.note().isEmpty()) {
      LOG.warn("{}: {}", keys.keyDir(), keys.note());
    }
    if (keys.setup().isDevelopment()) {
      LOG.warn("{} proves with {}", keys.circuit(), keys.setupDescription());
    }
    return new LoadedKeys(keys);
  }

  CircuitKeys keys() {
    return keys;
  }

  synchronized long handle() {
    if (closed) {
      throw new IllegalStateException("prover for " + keys.circuit() + " is closed");
    }
    return keys.handle();
  }

  /** The gnark-exported Solidity verifier contract for these keys. */
  String solidityVerifier() {
    return NativeBindings.exportSolidity(handle());
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      NativeBindings.release(keys.handle());
    }
  }
}
