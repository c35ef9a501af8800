package dev.sable.batch;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Keccak256;
import dev.sable.crypto.Poseidon2;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The settlement circuit's three public inputs, bound to the public data d (docs/settlement.md,
 * "Public data and its binding"): the commitment c = H(TAG_PUBDATA, d...), the challenge z =
 * keccak256(c || d_0 || ... || d_{n-1}) mod r, which the bridge derives from its calldata, and the
 * evaluation y = sum d_i z^i mod r.
 */
public record PublicInputs(Fr commitment, Fr challenge, Fr evaluation) {

  /** The public inputs of d, as the circuit and the bridge compute them. */
  public static PublicInputs bind(List<Fr> d) {
    return bind(DomainTag.PUBDATA, d);
  }

  /**
   * The public inputs of data d committed under {@code tag} (TAG_EXIT_DATA for an exit's data,
   * circuits/exit): the same binding with another commitment tag.
   */
  public static PublicInputs bind(Fr tag, List<Fr> d) {
    List<Fr> committed = new ArrayList<>(d.size() + 1);
    committed.add(tag);
    committed.addAll(d);
    Fr c = Poseidon2.INSTANCE.hash(committed.toArray(Fr[]::new));
    byte[][] words = new byte[d.size() + 1][];
    words[0] = c.toBytes();
    for (int i = 0; i < d.size(); i++) {
      words[i + 1] = d.get(i).toBytes();
    }
    BigInteger z = new BigInteger(1, Keccak256.hash(words)).mod(Fr.MODULUS);
    BigInteger y = BigInteger.ZERO;
    for (int i = d.size() - 1; i >= 0; i--) {
      y = y.multiply(z).add(d.get(i).toBigInteger()).mod(Fr.MODULUS);
    }
    return new PublicInputs(c, Fr.of(z), Fr.of(y));
  }

  /** In the circuit's order: c, z, y. */
  public List<Fr> asList() {
    return List.of(commitment, challenge, evaluation);
  }
}
