package dev.sable.state.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every vector Go made (testdata/vectors/go.txt) recomputed in Java. */
class GoVectorsTest {

  @Test
  void everyGoVectorMatches() throws IOException {
    List<VectorRecord> records = VectorFiles.read("go.txt");
    VectorDeriver deriver = new VectorDeriver();
    Map<String, Integer> kinds = new TreeMap<>();
    for (VectorRecord r : records) {
      kinds.merge(r.kind(), 1, Integer::sum);
      deriver
          .derive(r)
          .forEach(
              (key, expected) ->
                  assertThat(r.get(key)).as("%s of %s", key, r.line()).isEqualTo(expected));
    }
    assertThat(kinds.keySet())
        .contains(
            "fr.int",
            "fr.decode",
            "tag",
            "poseidon2.permutation",
            "poseidon2.compress",
            "poseidon2.hash",
            "eddsa.key",
            "eddsa.sig",
            "eddsa.pubkey.bad",
            "eddsa.sig.bad",
            "leaf.account",
            "leaf.position",
            "leaf.fill",
            "leaf.market",
            "msg.order",
            "msg.cancel",
            "msg.withdraw",
            "smt.update",
            "smt.proof");
  }
}
