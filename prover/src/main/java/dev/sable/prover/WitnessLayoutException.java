package dev.sable.prover;

/** Java's encoding of a circuit's witness differs from the circuit's own layout. */
public final class WitnessLayoutException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public WitnessLayoutException(String message) {
    super(message);
  }
}
