package dev.sable.batch;

/**
 * A batch that does not fit the circuit's capacities: split it, or use a circuit of larger
 * capacities. Nothing of the batch reached the state.
 */
public final class CapacityException extends RuntimeException {
  public CapacityException(String what, int have, int capacity, Capacities capacities) {
    super(
        String.format(
            "%d %s exceed the capacity %d of %s", have, what, capacity, capacities.circuitName()));
  }

  public CapacityException(String message) {
    super(message);
  }
}
