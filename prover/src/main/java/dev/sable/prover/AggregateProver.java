package dev.sable.prover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * An aggregate circuit ({@code agg<k>-<settlement name>}, docs/aggregation.md) with its Groth16
 * keys loaded in the native library, over the keys of its inner settlement circuit: proves k
 * consecutive batches' inner proofs (each made with {@link ProofTarget#AGGREGATE}) as one proof for
 * the bridge's aggregate verifier. The library refuses, before proving, a segment count that is not
 * the circuit's k, public data of another length, and an inner proof that does not verify under the
 * inner key for its own data as the aggregate verifies it.
 */
public final class AggregateProver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoadedKeys keys;

  private AggregateProver(LoadedKeys keys) {
    this.keys = keys;
  }

  /**
   * Compiles the aggregate {@code circuit} for {@code inner}'s verifying key and opens its checked
   * keys from keyDir (setting them up first if the policy allows a development setup and there are
   * none: minutes to tens of minutes, GBs of memory). Throws {@link NativeException} when the name
   * is not an aggregate's of inner's circuit, or the keys are missing or damaged.
   */
  public static AggregateProver open(
      String circuit, GnarkProver inner, Path keyDir, KeyPolicy policy) {
    NativeLibrary.load();
    CircuitKeys keys =
        NativeReport.parse(
            NativeBindings.setupAggregate(
                circuit,
                keyDir.toAbsolutePath().toString(),
                inner.handle(),
                policy == KeyPolicy.DEVELOPMENT_SETUP),
            CircuitKeys.class);
    return new AggregateProver(LoadedKeys.opened(keys));
  }

  public CircuitKeys keys() {
    return keys.keys();
  }

  /** The aggregate of the segments, in batch order. */
  public AggregateProof prove(List<AggregateSegment> segments) {
    String request = request(segments);
    JsonNode out;
    synchronized (GnarkProver.PROVING_LOCK) { // gnark spreads one proof over every core
      out = read(NativeBindings.proveAggregate(handle(), request));
    }
    byte[] raw = HexFormat.of().parseHex(out.path("proof").asText());
    return new AggregateProof(
        new Proof(raw, NativeBindings.proofToSolidity(raw), out.path("proveMs").asLong()),
        new BigInteger(out.path("commitment").asText()),
        new BigInteger(out.path("challenge").asText()),
        new BigInteger(out.path("evaluation").asText()));
  }

  /** The gnark-exported Solidity verifier of the aggregate's keys (for setAggregateVerifier). */
  public String solidityVerifier() {
    return keys.solidityVerifier();
  }

  /** The library's request for the segments: each one's data (decimal) and raw proof (hex). */
  static String request(List<AggregateSegment> segments) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("segments");
    for (AggregateSegment s : segments) {
      ObjectNode segment = list.addObject();
      ArrayNode data = segment.putArray("data");
      s.publicData().forEach(e -> data.add(e.toBigInteger().toString()));
      segment.put("proof", HexFormat.of().formatHex(s.proof().raw()));
    }
    return root.toString();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the native library's aggregate answer is not JSON", e);
    }
  }

  private long handle() {
    return keys.handle();
  }

  @Override
  public void close() {
    keys.close();
  }
}
