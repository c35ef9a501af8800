package dev.sable.prover.ceremony;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sable.prover.NativeException;
import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;
import java.nio.file.Path;

/**
 * A multi-party Groth16 key ceremony (circuits/ceremony, on gnark's mpcsetup), one step at a time:
 * every step reads and writes files, so participants run theirs on separate machines. Each method
 * throws {@link NativeException} with Go's message when the step fails (a contribution that does
 * not extend the previous one, a missing file, a wrong beacon).
 */
public final class Ceremony {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Ceremony() {}

  /**
   * Starts a ceremony for the named catalog circuit in dir with the initial phase 1; or, given a
   * powers-of-tau file (snarkjs .ptau, e.g. the Perpetual Powers of Tau; null for none), imports
   * phase 1 from it and starts with the initial phase 2.
   */
  public static CeremonyHeader init(String circuit, Path dir, Path ptau) {
    ObjectNode request = request("init").put("circuit", circuit).put("dir", path(dir));
    return run(withPtau(request, ptau), CeremonyHeader.class);
  }

  /** Adds this machine's randomness to the contribution file in, writing out (must not exist). */
  public static Contributed contribute(Path in, Path out) {
    return run(request("contribute").put("in", path(in)).put("out", path(out)), Contributed.class);
  }

  /** Verifies phase 1, seals it with the beacon (hex), and writes the initial phase 2. */
  public static CeremonyReport beginPhase2(Path dir, String beacon) {
    return run(
        request("begin-phase2").put("dir", path(dir)).put("beacon", beacon), CeremonyReport.class);
  }

  /**
   * Re-verifies the whole transcript in dir from scratch; with a key directory (or null), also that
   * the ceremony key set installed there was sealed from it. ptau (or null) is the powers-of-tau
   * file phase 1 was imported from, if it was.
   */
  public static CeremonyReport verify(Path dir, Path keyDir, Path ptau) {
    ObjectNode request = request("verify").put("dir", path(dir));
    if (keyDir != null) {
      request.put("keyDir", path(keyDir));
    }
    return run(withPtau(request, ptau), CeremonyReport.class);
  }

  /**
   * Verifies the transcript, seals phase 2 with the beacon, and installs the keys in keyDir. ptau
   * (or null) is the powers-of-tau file phase 1 was imported from, if it was.
   */
  public static CeremonyReport seal(Path dir, String beacon, Path keyDir, Path ptau) {
    ObjectNode request =
        request("seal").put("dir", path(dir)).put("beacon", beacon).put("keyDir", path(keyDir));
    return run(withPtau(request, ptau), CeremonyReport.class);
  }

  private static ObjectNode withPtau(ObjectNode request, Path ptau) {
    return ptau == null ? request : request.put("ptau", path(ptau));
  }

  private static ObjectNode request(String op) {
    return JSON.createObjectNode().put("op", op);
  }

  private static String path(Path p) {
    return p.toAbsolutePath().toString();
  }

  private static <T> T run(ObjectNode request, Class<T> type) {
    NativeLibrary.load();
    String result = NativeBindings.ceremony(request.toString());
    try {
      return JSON.readValue(result, type);
    } catch (JsonProcessingException e) {
      NativeException failure =
          new NativeException("unreadable ceremony result from the native library: " + result);
      failure.initCause(e);
      throw failure;
    }
  }
}
