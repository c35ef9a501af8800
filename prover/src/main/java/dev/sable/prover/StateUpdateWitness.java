package dev.sable.prover;

import dev.sable.crypto.Fr;
import java.util.ArrayList;
import java.util.List;

/**
 * The assignment of the state-update circuit (circuits/stateupdate): replacing oldLeaf by newLeaf
 * at index turns oldRoot into newRoot. Siblings run from the leaf level upwards.
 */
public record StateUpdateWitness(
    Fr oldRoot, Fr newRoot, long index, Fr oldLeaf, Fr newLeaf, List<Fr> siblings) {

  public static final String CIRCUIT = "state-update-d24";
  public static final int DEPTH = 24;

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

  /** Field order of stateupdate.Circuit: OldRoot, NewRoot | Index, OldLeaf, NewLeaf, Siblings. */
  public Witness toWitness() {
    List<Fr> secret = new ArrayList<>(3 + DEPTH);
    secret.add(Fr.ofLong(index));
    secret.add(oldLeaf);
    secret.add(newLeaf);
    secret.addAll(siblings);
    return new Witness(publicInputs(), secret);
  }
}
