package dev.sable.prover;

import dev.sable.crypto.Fr;
import java.util.List;

/**
 * The assignment of the state-update circuit (circuits/stateupdate): replacing oldLeaf by newLeaf
 * at index turns oldRoot into newRoot. Siblings run from the leaf level upwards.
 */
public record StateUpdateWitness(
    Fr oldRoot, Fr newRoot, long index, Fr oldLeaf, Fr newLeaf, List<Fr> siblings) {

  public static final String CIRCUIT = "state-update-d24";
  public static final int DEPTH = 24;

  /** Checked against the Go struct stateupdate.Circuit when a prover opens the keys. */
  public static final WitnessLayout LAYOUT =
      WitnessLayout.of(
          CIRCUIT,
          WitnessField.publicInput("OldRoot"),
          WitnessField.publicInput("NewRoot"),
          WitnessField.secret("Index"),
          WitnessField.secret("OldLeaf"),
          WitnessField.secret("NewLeaf"),
          WitnessField.secret("Siblings", DEPTH));

  public StateUpdateWitness {
    siblings = List.copyOf(siblings);
    if (siblings.size() != DEPTH) {
      throw new IllegalArgumentException("expected " + DEPTH + " siblings, got " + siblings.size());
    }
    if (index < 0 || index >= 1L << DEPTH) {
      throw new IllegalArgumentException("leaf index out of range: " + index);
    }
  }

  /** The public inputs, in the circuit's order. */
  public List<Fr> publicInputs() {
    return List.of(oldRoot, newRoot);
  }

  public Witness toWitness() {
    return LAYOUT
        .assign()
        .set("OldRoot", oldRoot)
        .set("NewRoot", newRoot)
        .set("Index", Fr.ofLong(index))
        .set("OldLeaf", oldLeaf)
        .set("NewLeaf", newLeaf)
        .set("Siblings", siblings)
        .witness();
  }
}
