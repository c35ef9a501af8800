package dev.sable.prover;

import dev.sable.crypto.Fr;
import java.util.List;

/**
 * One batch of an aggregate: its public data d_i and its inner proof, made with {@link
 * ProofTarget#AGGREGATE} for the bridge's challenge (the one the node's batch witness has).
 */
public record AggregateSegment(List<Fr> publicData, Proof proof) {
  public AggregateSegment {
    publicData = List.copyOf(publicData);
  }
}
