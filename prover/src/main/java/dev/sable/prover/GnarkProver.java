package dev.sable.prover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.crypto.Fr;
import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;
import java.nio.file.Path;
import java.util.List;

/**
 * A circuit with its Groth16 keys loaded in the native library: prove, verify, export the Solidity
 * verifier. Keys are set up once and cached on disk under keyDir (see docs/native.md).
 */
public final class GnarkProver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** gnark spreads one proof over every core, so proofs run one at a time per process. */
  private static final Object PROVING_LOCK = new Object();

  private final CircuitKeys keys;
  private boolean closed;

  private GnarkProver(CircuitKeys keys) {
    this.keys = keys;
  }

  /** Compiles the named circuit and loads its keys from keyDir, running setup if there are none. */
  public static GnarkProver open(String circuit, Path keyDir) {
    NativeLibrary.load();
    String info = NativeBindings.setup(circuit, keyDir.toAbsolutePath().toString());
    JsonNode report;
    try {
      report = JSON.readTree(info);
    } catch (JsonProcessingException e) {
      throw unreadable(info, e); // no handle can be read back, so none can be released
    }
    try {
      return new GnarkProver(JSON.treeToValue(report, CircuitKeys.class));
    } catch (JsonProcessingException e) {
      NativeBindings.release(report.path("handle").asLong());
      throw unreadable(info, e);
    }
  }

  private static NativeException unreadable(String info, Exception cause) {
    NativeException e =
        new NativeException("unreadable setup report from the native library: " + info);
    e.initCause(cause);
    return e;
  }

  public CircuitKeys keys() {
    return keys;
  }

  public Proof prove(Witness witness) {
    byte[] input = witness.fullBytes();
    synchronized (PROVING_LOCK) {
      long start = System.nanoTime();
      byte[] raw = NativeBindings.prove(handle(), input);
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new Proof(raw, NativeBindings.proofToSolidity(raw), millis);
    }
  }

  public boolean verify(Proof proof, List<Fr> publicInputs) {
    return NativeBindings.verify(handle(), proof.raw(), Witness.publicBytes(publicInputs));
  }

  /** The gnark-exported Solidity verifier contract for these keys. */
  public String solidityVerifier() {
    return NativeBindings.exportSolidity(handle());
  }

  private synchronized long handle() {
    if (closed) {
      throw new IllegalStateException("prover for " + keys.circuit() + " is closed");
    }
    return keys.handle();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      NativeBindings.release(keys.handle());
    }
  }
}
