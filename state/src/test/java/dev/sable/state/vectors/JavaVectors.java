package dev.sable.state.vectors;

import dev.sable.crypto.Fr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The Java-made vectors (testdata/vectors/java.txt), checked by circuits/vectors on the Go side.
 * java.util.Random's algorithm is specified, so a fixed seed gives the same file on every JDK.
 */
final class JavaVectors {
  static final String HEADER =
      """
      # Sable cross-language test vectors, made by Java (dev.sable.crypto/state).
      # Regenerate: mvn -q -pl state -am test -Dtest=JavaVectorsTest -Dsurefire.failIfNoSpecifiedTests=false -Dsable.vectors.write=true
      # Checked by: cd circuits && go test ./vectors (TestJavaVectors, TestJavaMadeInCircuit).
      """;

  private final Random random = new Random(20261124L);
  private final VectorDeriver deriver = new VectorDeriver();
  private final List<VectorRecord> out = new ArrayList<>();

  static List<VectorRecord> generate() {
    JavaVectors g = new JavaVectors();
    g.poseidon2();
    g.eddsa();
    g.leaves();
    g.messages();
    g.tree("java-a", 24, 30);
    return g.out;
  }

  static String render(List<VectorRecord> records) {
    StringBuilder b = new StringBuilder(HEADER);
    records.forEach(r -> b.append(r.line()).append('\n'));
    return b.toString();
  }

  private void add(String kind, String... inputs) {
    out.add(deriver.complete(kind, inputs));
  }

  private Fr element() {
    return Fr.of(new BigInteger(256, random).mod(Fr.MODULUS));
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static String num(long x) {
    return Long.toString(x);
  }

  private void poseidon2() {
    for (int i = 0; i < 6; i++) {
      add("poseidon2.compress", "left", element().toHex(), "right", element().toHex());
    }
    for (int n = 1; n <= 6; n++) {
      List<Fr> in = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        in.add(element());
      }
      add("poseidon2.hash", "in", VectorRecord.frs(in));
    }
  }

  private void eddsa() {
    for (int i = 0; i < 5; i++) {
      String seed = VectorRecord.hex(bytes(32));
      add("eddsa.key", "seed", seed);
      add("eddsa.sig", "seed", seed, "msg", element().toHex());
      add("eddsa.sig", "seed", seed, "msg", Fr.ofLong(i).toHex());
    }
  }

  private void leaves() {
    add(
        "leaf.account",
        "pkx",
        element().toHex(),
        "pky",
        element().toHex(),
        "collateral",
        num(random.nextLong(Long.MAX_VALUE)),
        "nonce",
        num(7),
        "positions",
        element().toHex(),
        "fills",
        element().toHex());
    add("leaf.position", "size", num(-3_000), "cost", num(-19_500_000), "funding", num(42));
    add("leaf.position", "size", num(0), "cost", num(0), "funding", num(0));
    add("leaf.fill", "id", num(random.nextLong(Long.MAX_VALUE)), "filled", num(250));
    add(
        "leaf.market",
        "tick",
        num(1),
        "lot",
        num(10),
        "imr",
        num(50_000),
        "mmr",
        num(25_000),
        "maker",
        num(0),
        "taker",
        num(700),
        "maxpos",
        num(50_000_000),
        "maxprice",
        num(10_000_000),
        "funding",
        num(99),
        "mark",
        num(123_456));
  }

  private void messages() {
    String contract = Fr.of(new BigInteger(1, bytes(20))).toHex();
    add(
        "msg.order",
        "chain",
        num(8453),
        "contract",
        contract,
        "account",
        num(99),
        "market",
        num(1),
        "id",
        num(random.nextLong(Long.MAX_VALUE)),
        "side",
        num(1),
        "type",
        num(2),
        "price",
        num(1_234_000),
        "quantity",
        num(10),
        "reduceonly",
        num(1),
        "expiry",
        num(1_800_000_000),
        "stp",
        num(1));
    add("msg.cancel", "chain", num(8453), "contract", contract, "account", num(99), "id", num(5));
    add(
        "msg.withdraw",
        "chain",
        num(8453),
        "contract",
        contract,
        "account",
        num(99),
        "amount",
        num(1_000),
        "recipient",
        Fr.of(new BigInteger(1, bytes(20))).toHex(),
        "nonce",
        num(2));
  }

  private void tree(String name, int depth, int n) {
    String d = num(depth);
    List<Long> indices = new ArrayList<>(List.of(0L, 5L, 6L, (1L << depth) - 1));
    while (indices.size() < n) {
      indices.add(random.nextLong(1L << depth));
    }
    for (int i = 0; i < indices.size(); i++) {
      long index = i % 7 == 6 ? indices.get(i / 2) : indices.get(i);
      Fr leaf = i % 9 == 8 ? Fr.ZERO : element();
      add("smt.update", "tree", name, "depth", d, "index", num(index), "new", leaf.toHex());
      if (i % 5 == 4) {
        add("smt.proof", "tree", name, "depth", d, "index", num(indices.get(i / 3)));
      }
    }
  }
}
