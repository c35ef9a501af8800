package dev.sable.state.vectors;

import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.DomainTag;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.InvalidEncodingException;
import dev.sable.crypto.Poseidon2;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.state.AccountLeaf;
import dev.sable.state.FillSlotLeaf;
import dev.sable.state.LeafUpdate;
import dev.sable.state.MarketLeaf;
import dev.sable.state.MerkleProof;
import dev.sable.state.PositionLeaf;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.store.InMemoryKeyValueStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java twin of circuits/vectors.Deriver: computes every vector's outputs from its inputs. The
 * Java generator uses it to fill records, the Go-vector test to recompute Go's; smt records replay
 * on named trees, in file order.
 */
final class VectorDeriver {
  private final Map<String, SparseMerkleTree> trees = new LinkedHashMap<>();

  /** Builds a record from inputs (alternating keys and values) and appends the outputs. */
  VectorRecord complete(String kind, String... inputs) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i + 1 < inputs.length; i += 2) {
      fields.put(inputs[i], inputs[i + 1]);
    }
    VectorRecord r = new VectorRecord(kind, fields);
    for (Map.Entry<String, String> e : derive(r).entrySet()) {
      r = r.with(e.getKey(), e.getValue());
    }
    return r;
  }

  /** Outputs of a record recomputed from its inputs, in file order. */
  Map<String, String> derive(VectorRecord r) {
    Map<String, String> out = new LinkedHashMap<>();
    switch (r.kind()) {
      case "fr.int" -> out.put("fe", Fr.ofLong(r.longValue("x")).toHex());
      case "fr.decode" -> out.put("accepted", Boolean.toString(frDecodes(r.bytes("bytes"))));
      case "tag" -> out.put("fe", DomainTag.of(r.get("name")).toHex());
      case "poseidon2.permutation" -> {
        List<Fr> in = r.frList("in");
        out.put(
            "out", VectorRecord.frs(List.of(Poseidon2.INSTANCE.permutation(in.get(0), in.get(1)))));
      }
      case "poseidon2.compress" ->
          out.put("out", Poseidon2.INSTANCE.compress(r.fr("left"), r.fr("right")).toHex());
      case "poseidon2.hash" ->
          out.put("out", Poseidon2.INSTANCE.hash(r.frList("in").toArray(Fr[]::new)).toHex());
      case "eddsa.key" -> {
        EdDsaPrivateKey k = EdDsaPrivateKey.fromSeed(r.bytes("seed"));
        out.put("pub", VectorRecord.hex(k.publicKey().encode()));
        out.put("x", k.publicKey().x().toHex());
        out.put("y", k.publicKey().y().toHex());
        out.put("scalar", VectorRecord.hex(k.scalarBytes()));
      }
      case "eddsa.sig" -> {
        EdDsaPrivateKey k = EdDsaPrivateKey.fromSeed(r.bytes("seed"));
        out.put("pub", VectorRecord.hex(k.publicKey().encode()));
        out.put("sig", VectorRecord.hex(k.sign(r.fr("msg")).encode()));
      }
      case "eddsa.pubkey.bad" -> out.put("accepted", Boolean.toString(decodes(r.bytes("pub"))));
      case "eddsa.sig.bad" -> out.put("accepted", Boolean.toString(verifies(r)));
      case "leaf.account" ->
          out.put(
              "leaf",
              new AccountLeaf(
                      r.fr("pkx"),
                      r.fr("pky"),
                      r.longValue("collateral"),
                      r.longValue("nonce"),
                      r.fr("positions"),
                      r.fr("fills"))
                  .hash()
                  .toHex());
      case "leaf.position" ->
          out.put(
              "leaf",
              new PositionLeaf(r.longValue("size"), r.longValue("cost"), r.longValue("funding"))
                  .hash()
                  .toHex());
      case "leaf.fill" ->
          out.put(
              "leaf", new FillSlotLeaf(r.longValue("id"), r.longValue("filled")).hash().toHex());
      case "leaf.market" ->
          out.put(
              "leaf",
              new MarketLeaf(
                      r.longValue("tick"),
                      r.longValue("lot"),
                      r.longValue("imr"),
                      r.longValue("mmr"),
                      r.longValue("maker"),
                      r.longValue("taker"),
                      r.longValue("maxpos"),
                      r.longValue("maxprice"),
                      r.longValue("funding"),
                      r.longValue("mark"))
                  .hash()
                  .toHex());
      case "msg.order" -> out.put("hash", VectorMessages.order(r).hash(deployment(r)).toHex());
      case "msg.cancel" ->
          out.put(
              "hash",
              new CancelMessage(r.longValue("account"), r.longValue("id"))
                  .hash(deployment(r))
                  .toHex());
      case "msg.withdraw" ->
          out.put(
              "hash",
              new WithdrawalMessage(
                      r.longValue("account"),
                      r.longValue("amount"),
                      r.fr("recipient"),
                      r.longValue("nonce"))
                  .hash(deployment(r))
                  .toHex());
      case "smt.update" -> {
        LeafUpdate u = tree(r).update(r.longValue("index"), r.fr("new"));
        out.put("old", u.oldLeaf().toHex());
        out.put("oldroot", u.oldRoot().toHex());
        out.put("newroot", u.newRoot().toHex());
        out.put("siblings", VectorRecord.frs(u.siblings()));
      }
      case "smt.proof" -> {
        SparseMerkleTree t = tree(r);
        MerkleProof p = t.proof(r.longValue("index"));
        if (!p.rootFrom(Poseidon2.INSTANCE).equals(t.root())) {
          throw new AssertionError("proof does not fold to the root: " + r.line());
        }
        out.put("leaf", p.leaf().toHex());
        out.put("root", p.root().toHex());
        out.put("siblings", VectorRecord.frs(p.siblings()));
      }
      default -> throw new IllegalArgumentException("unknown vector kind " + r.kind());
    }
    return out;
  }

  private static boolean frDecodes(byte[] bytes) {
    try {
      Fr.fromBytes(bytes);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean decodes(byte[] pub) {
    try {
      EdDsaPublicKey.decode(pub);
      return true;
    } catch (InvalidEncodingException e) {
      return false;
    }
  }

  private static boolean verifies(VectorRecord r) {
    try {
      return EdDsaPublicKey.decode(r.bytes("pub"))
          .verify(r.fr("msg"), EdDsaSignature.decode(r.bytes("sig")));
    } catch (InvalidEncodingException e) {
      return false;
    }
  }

  private static Deployment deployment(VectorRecord r) {
    return new Deployment(r.longValue("chain"), r.fr("contract"));
  }

  private SparseMerkleTree tree(VectorRecord r) {
    return trees.computeIfAbsent(
        r.get("tree"),
        name ->
            new SparseMerkleTree(
                new InMemoryKeyValueStore(),
                new byte[] {1},
                (int) r.longValue("depth"),
                Poseidon2.INSTANCE));
  }
}
