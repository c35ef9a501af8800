package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.prover.WitnessField;
import dev.sable.state.vectors.VectorFiles;
import dev.sable.state.vectors.VectorRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/settlement.txt, made by Go (circuits/batchvectors), rebuilt by Java: genesis
 * from its records, then each batch's operations through the builder, and every row, result, the
 * public data, the public inputs and the witness (its digest, and element by element where the file
 * lists them) compared. Every mismatch is reported with the record it contradicts.
 */
class SettlementVectorsTest {

  @Test
  void javaRebuildsEveryGoBatchValueForValue() throws IOException {
    VectorReplay replay = replay("settlement.txt");
    assertThat(replay.mismatches).as("mismatches with settlement.txt").isEmpty();
    assertThat(replay.batches).as("batches replayed").isEqualTo(9);
    assertThat(replay.witnessElementsChecked)
        .as("witness elements compared one by one")
        .isPositive();
  }

  /** Replays a vector file through the builder. */
  static VectorReplay replay(String file) throws IOException {
    List<VectorRecord> records = VectorFiles.read(file);
    VectorReplay replay = new VectorReplay();
    for (VectorRecord r : records) {
      replay.accept(r);
    }
    replay.finishBatch();
    return replay;
  }

  /** gnark's element names, in witness order: a field of n > 1 elements is name_0 .. name_n-1. */
  static List<String> elementNames(Capacities caps) {
    List<String> names = new ArrayList<>();
    for (WitnessField f : SettlementCircuit.layout(caps).fields()) {
      if (f.length() == 1) {
        names.add(f.name());
      } else {
        for (int i = 0; i < f.length(); i++) {
          names.add(f.name() + "_" + i);
        }
      }
    }
    return names;
  }
}
