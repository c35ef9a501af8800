package dev.sable.batch.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.MarketElement;
import dev.sable.crypto.Fr;
import dev.sable.state.settlement.PositionSlot;
import dev.sable.state.vectors.VectorFiles;
import dev.sable.state.vectors.VectorRecord;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/exit.txt, made by Go (circuits/exit: the exit circuit's equity at the bridge's
 * rows, option holders' among them, unsettled and settled): Java's {@link ExitStatement#equity}
 * gives every account the equity Go's does, and {@link MarketRowValue#decode} refuses every row the
 * circuit's one-way decoding refuses.
 */
class ExitVectorsTest {

  @Test
  void everyEquityMatchesGoAndEveryBadRowIsRefused() throws IOException {
    int exits = 0;
    int optionExits = 0;
    int badRows = 0;
    for (VectorRecord r : VectorFiles.read("exit.txt")) {
      switch (r.kind()) {
        case "exit" -> {
          List<Fr> rows = Arrays.stream(r.get("rows").split(",")).map(ExitVectorsTest::fr).toList();
          BigInteger equity = ExitStatement.equity(r.longValue("collateral"), slots(r), rows);
          assertThat(equity)
              .as("equity of %s", r.line())
              .isEqualTo(new BigInteger(r.get("equity")));
          exits++;
          if (rows.stream().anyMatch(ExitVectorsTest::isOptionRow)) {
            optionExits++;
          }
        }
        case "badrow" -> {
          Fr row = fr(r.get("row"));
          assertThatThrownBy(() -> MarketRowValue.decode(row))
              .as("row refused by Go for %s", r.get("reason"))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("not a market row");
          badRows++;
        }
        default -> throw new IllegalArgumentException("unknown record " + r.kind());
      }
    }
    assertThat(exits).as("exits in exit.txt").isPositive();
    assertThat(optionExits).as("exits holding an option").isPositive();
    assertThat(badRows).as("refused rows in exit.txt").isPositive();
  }

  private static List<PositionSlot> slots(VectorRecord r) {
    return Arrays.stream(r.get("slots").split(","))
        .map(
            s -> {
              long[] v = Arrays.stream(s.split(":")).mapToLong(Long::parseLong).toArray();
              return new PositionSlot(v[0], v[1], v[2], v[3]);
            })
        .toList();
  }

  private static boolean isOptionRow(Fr row) {
    return row.toBigInteger().testBit(MarketElement.OPTION_BIT);
  }

  private static Fr fr(String hex) {
    return Fr.of(new BigInteger(hex.substring(2), 16));
  }
}
