package dev.sable.crypto;

/**
 * The SNARK-friendly hash of Sable: the one definition the state tree, the leaf encodings and the
 * signed messages use. {@link Poseidon2} is the pure-Java implementation.
 */
public interface FieldHasher {
  /** Two-to-one compression for Merkle nodes: gnark-crypto's Poseidon2 Compress. */
  Fr compress(Fr left, Fr right);

  /**
   * Merkle-Damgard over the elements from a zero state, no length padding: callers use fixed arity
   * and a leading domain tag.
   */
  default Fr hash(Fr... elements) {
    return fold(Fr.ZERO, elements);
  }

  /**
   * Merkle-Damgard continued from a state: {@code fold(hash(a, b), c, d) == hash(a, b, c, d)}, so a
   * record's constant prefix (tag, chain id, bridge) can be hashed once.
   */
  default Fr fold(Fr state, Fr... elements) {
    for (Fr e : elements) {
      state = compress(state, e);
    }
    return state;
  }
}
