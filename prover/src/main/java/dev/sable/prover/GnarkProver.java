package dev.sable.prover;

import dev.sable.crypto.Fr;
import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;
import java.nio.file.Path;
import java.util.List;

/**
 * A circuit with its Groth16 keys loaded in the native library: prove, verify, export the Solidity
 * verifier. Keys live on disk under keyDir and are checked before use (see docs/native.md).
 */
public final class GnarkProver implements AutoCloseable {
  /** gnark spreads one proof over every core, so proofs run one at a time per process. */
  static final Object PROVING_LOCK = new Object();

  private final LoadedKeys keys;
  private final WitnessLayout layout;

  private GnarkProver(LoadedKeys keys, WitnessLayout layout) {
    this.keys = keys;
    this.layout = layout;
  }

  /**
   * Compiles the layout's circuit, opens its checked keys from keyDir (setting them up first if the
   * policy allows a development setup and there are none), and checks that Java's witness layout is
   * the circuit's. Throws {@link NativeException} naming the file and the remedy when the keys are
   * missing or damaged, {@link WitnessLayoutException} when the layouts differ.
   */
  public static GnarkProver open(WitnessLayout layout, Path keyDir, KeyPolicy policy) {
    NativeLibrary.load();
    CircuitKeys keys =
        NativeReport.parse(
            NativeBindings.setup(
                layout.circuit(),
                keyDir.toAbsolutePath().toString(),
                policy == KeyPolicy.DEVELOPMENT_SETUP),
            CircuitKeys.class);
    NativeReport.requireLayout(layout, keys.witness(), keys.handle());
    return new GnarkProver(LoadedKeys.opened(keys), layout);
  }

  public CircuitKeys keys() {
    return keys.keys();
  }

  /** A proof for the bridge's verifier ({@link ProofTarget#BRIDGE}). */
  public Proof prove(Witness witness) {
    return prove(witness, ProofTarget.BRIDGE);
  }

  /** A proof for the bridge's verifier alone, or for an aggregate ({@link ProofTarget}). */
  public Proof prove(Witness witness, ProofTarget target) {
    layout.requireFits(witness);
    byte[] input = witness.fullBytes();
    synchronized (PROVING_LOCK) {
      long start = System.nanoTime();
      byte[] raw = NativeBindings.prove(handle(), input, target == ProofTarget.AGGREGATE);
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new Proof(raw, NativeBindings.proofToSolidity(raw), millis);
    }
  }

  /**
   * Whether the witness satisfies the circuit, by solving its constraint system without proving (a
   * fraction of a proof's time): "this batch is provable", or the first failing constraint.
   */
  public WitnessCheck check(Witness witness) {
    return NativeReport.check(handle(), layout, witness);
  }

  /** Whether the proof verifies for these public inputs as the bridge's verifier checks it. */
  public boolean verify(Proof proof, List<Fr> publicInputs) {
    return verify(proof, publicInputs, ProofTarget.BRIDGE);
  }

  /** Whether the proof verifies for these public inputs as {@code target} checks it. */
  public boolean verify(Proof proof, List<Fr> publicInputs, ProofTarget target) {
    return NativeBindings.verify(
        handle(), proof.raw(), Witness.publicBytes(publicInputs), target == ProofTarget.AGGREGATE);
  }

  /** The gnark-exported Solidity verifier contract for these keys. */
  public String solidityVerifier() {
    return keys.solidityVerifier();
  }

  long handle() {
    return keys.handle();
  }

  @Override
  public void close() {
    keys.close();
  }
}
