package dev.sable.prover;

import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;

/**
 * A circuit compiled in the native library without keys: enough to check that a witness satisfies
 * it ({@link #check}), for the cost of a compilation rather than a key setup. Tests and property
 * checks use it to assert "this batch is provable" without proving; {@link GnarkProver#check} does
 * the same with a prover's keys loaded.
 */
public final class GnarkCircuit implements AutoCloseable {
  private final CompiledCircuit info;
  private final WitnessLayout layout;
  private boolean closed;

  private GnarkCircuit(CompiledCircuit info, WitnessLayout layout) {
    this.info = info;
    this.layout = layout;
  }

  /**
   * Compiles the layout's circuit and checks that Java's witness layout is the circuit's ({@link
   * WitnessLayoutException} names the first difference).
   */
  public static GnarkCircuit compile(WitnessLayout layout) {
    NativeLibrary.load();
    CompiledCircuit info =
        NativeReport.parse(NativeBindings.compile(layout.circuit()), CompiledCircuit.class);
    NativeReport.requireLayout(layout, info.witness(), info.handle());
    return new GnarkCircuit(info, layout);
  }

  public CompiledCircuit info() {
    return info;
  }

  /** Whether the witness satisfies the circuit, or its first failing constraint. */
  public WitnessCheck check(Witness witness) {
    return NativeReport.check(handle(), layout, witness);
  }

  private synchronized long handle() {
    if (closed) {
      throw new IllegalStateException("circuit " + info.circuit() + " is closed");
    }
    return info.handle();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      NativeBindings.release(info.handle());
    }
  }
}
