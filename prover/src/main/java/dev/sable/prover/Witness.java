package dev.sable.prover;

import dev.sable.crypto.Fr;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A circuit assignment in gnark's binary witness format: {@code uint32 nbPublic | uint32 nbSecret |
 * uint32 n | n x 32-byte big-endian elements}, public elements first, each group in the order of
 * the circuit struct's field declarations (arrays flattened in index order).
 */
public record Witness(List<Fr> publicInputs, List<Fr> secretInputs) {

  public Witness {
    publicInputs = List.copyOf(publicInputs);
    secretInputs = List.copyOf(secretInputs);
  }

  /** The full witness, as the prover takes it. */
  public byte[] fullBytes() {
    return encode(publicInputs, secretInputs);
  }

  /** The public part alone, as the verifier takes it. */
  public byte[] publicBytes() {
    return encode(publicInputs, List.of());
  }

  /** Encodes a public witness from its inputs alone (what a verifier knows). */
  public static byte[] publicBytes(List<Fr> publicInputs) {
    return new Witness(publicInputs, List.of()).publicBytes();
  }

  private static byte[] encode(List<Fr> pub, List<Fr> secret) {
    int n = pub.size() + secret.size();
    ByteBuffer buf = ByteBuffer.allocate(12 + n * Fr.BYTES); // big-endian by default
    buf.putInt(pub.size()).putInt(secret.size()).putInt(n);
    pub.forEach(v -> buf.put(v.toBytes()));
    secret.forEach(v -> buf.put(v.toBytes()));
    return buf.array();
  }
}
