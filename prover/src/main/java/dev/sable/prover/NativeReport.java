package dev.sable.prover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.prover.jni.NativeBindings;
import java.util.List;

/**
 * What opening a circuit in the native library shares between {@link GnarkProver} (with keys) and
 * {@link GnarkCircuit} (without): reading the JSON report, checking Java's witness layout against
 * the circuit's, and releasing the handle when either fails.
 */
final class NativeReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NativeReport() {}

  /** Reads a report; if it names a handle but cannot be read, releases that handle first. */
  static <T> T parse(String info, Class<T> type) {
    JsonNode report;
    try {
      report = JSON.readTree(info);
    } catch (JsonProcessingException e) {
      throw unreadable(info, e); // no handle can be read back, so none can be released
    }
    try {
      return JSON.treeToValue(report, type);
    } catch (JsonProcessingException e) {
      NativeBindings.release(report.path("handle").asLong());
      throw unreadable(info, e);
    }
  }

  /** Checks Java's layout against the circuit's; releases the handle if they differ. */
  static void requireLayout(WitnessLayout layout, List<WitnessField> reported, long handle) {
    try {
      layout.requireMatches(reported);
    } catch (WitnessLayoutException e) {
      NativeBindings.release(handle);
      throw e;
    }
  }

  /** Solves the handle's constraint system with a witness of the layout, without proving. */
  static WitnessCheck check(long handle, WitnessLayout layout, Witness witness) {
    layout.requireFits(witness);
    return new WitnessCheck(NativeBindings.check(handle, witness.fullBytes()));
  }

  private static NativeException unreadable(String info, Exception cause) {
    NativeException e = new NativeException("unreadable report from the native library: " + info);
    e.initCause(cause);
    return e;
  }
}
