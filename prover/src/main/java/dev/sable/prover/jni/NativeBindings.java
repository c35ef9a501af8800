package dev.sable.prover.jni;

/**
 * The JNI surface of libsable_native (see native/jni.c). Every method throws {@link
 * dev.sable.prover.NativeException} with Go's message when the Go side fails or panics. Call {@link
 * NativeLibrary#load()} first; prefer the typed API in {@code dev.sable.prover}.
 */
public final class NativeBindings {
  private NativeBindings() {}

  /** Caps the Go runtime: GOMAXPROCS (if > 0) and its soft memory limit in bytes (if > 0). */
  public static native void configure(int maxProcs, long memoryLimitBytes);

  /** The gnark and gnark-crypto versions linked into the library. */
  public static native String libraryVersions();

  /**
   * Compiles the named circuit and opens its checked keys in keyDir, running gnark's single-party
   * (development) setup first if developmentSetup and there are none; returns setup JSON.
   */
  public static native String setup(String circuit, String keyDir, boolean developmentSetup);

  /**
   * Compiles the named circuit without keys (enough to check witnesses); returns JSON with a
   * handle, the constraint count and the witness schema.
   */
  public static native String compile(String circuit);

  /**
   * Solves the constraint system of a handle (from setup or compile) with a full witness, without
   * proving: "" when every constraint holds, else the first failing constraint and where the
   * circuit asserts it.
   */
  public static native String check(long handle, byte[] witness);

  /** Frees what a handle returned by setup or compile holds. */
  public static native void release(long handle);

  /**
   * Proves a full witness (gnark binary format); returns the proof in gnark's raw encoding: for the
   * bridge's Solidity verifier, or forAggregate for an aggregate that verifies it in its circuit
   * (the two differ for a circuit with a Groth16 commitment: docs/aggregation.md, "Inner proofs").
   */
  public static native byte[] prove(long handle, byte[] witness, boolean forAggregate);

  /**
   * Verifies a raw proof against a public witness (gnark binary format), as the bridge's verifier
   * or, forAggregate, as an aggregate verifies it.
   */
  public static native boolean verify(
      long handle, byte[] proof, byte[] publicWitness, boolean forAggregate);

  /**
   * Opens the keys of the aggregate circuit named (agg&lt;k&gt;-&lt;settlement name&gt;) over the
   * inner circuit's keys behind innerHandle (from setup), compiling the aggregate for the inner
   * verifying key and running its single-party (development) setup first if developmentSetup and
   * there are none; returns setup JSON as {@link #setup} does (with no witness fields).
   */
  public static native String setupAggregate(
      String circuit, String keyDir, long innerHandle, boolean developmentSetup);

  /**
   * Proves the aggregate behind handle (from setupAggregate) from a JSON request {"segments":
   * [{"data": [decimal...], "proof": hex of a raw inner proof made forAggregate}, ...]}; returns
   * JSON {"proof": hex raw, "commitment", "challenge", "evaluation": decimal, "proveMs"}.
   */
  public static native String proveAggregate(long handle, String request);

  /** Re-encodes a raw proof as the calldata the Solidity verifier takes. */
  public static native byte[] proofToSolidity(byte[] proof);

  /**
   * Takes c = H(TAG_PUBDATA, rows...) for a batch's owner rows (32 bytes), then the data of one of
   * its blobs (32-byte big-endian BN254 elements), commits to the EIP-4844 blob holding the data
   * and opens it at z = H(TAG_BLOB, c, vh_hi, vh_lo) with go-eth-kzg on Ethereum's trusted setup;
   * returns commitment (48 bytes) | proof (48) | z (32) | y (32).
   */
  public static native byte[] blobOpen(byte[] input);

  /**
   * The 128 KZG cell proofs (EIP-7594) of the blob holding data (as {@link #blobOpen} takes its
   * data), 48 bytes each in cell order: a type-3 transaction's sidecar since Osaka.
   */
  public static native byte[] blobCellProofs(byte[] data);

  /** The gnark-exported Solidity verifier for the handle's verifying key. */
  public static native String exportSolidity(long handle);

  /** Poseidon2 Compress of two 32-byte big-endian canonical field elements. */
  public static native byte[] poseidon2Compress(byte[] left, byte[] right);

  /**
   * Whether [S]B - [h]A == R, for A.x | A.y | R.x | R.y | S | state | words (each 32 bytes
   * big-endian, 0 to 4 words): A a validated key, R a point on the curve (the caller's checks), h
   * gnark's challenge on the message m = the Poseidon2 Merkle-Damgard fold of the words after the
   * state (m = state with no words).
   */
  public static native boolean eddsaVerify(byte[] input);

  /** Runs one key ceremony step described by a JSON request; returns its JSON result. */
  public static native String ceremony(String request);

  /** Triggers a real Go runtime panic inside the library, which must surface as an exception. */
  public static native void selfTestPanic();
}
