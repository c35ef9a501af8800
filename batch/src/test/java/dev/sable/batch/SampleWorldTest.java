package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.sample.SampleWorld;
import dev.sable.crypto.OrderMessage;
import dev.sable.state.vectors.VectorFiles;
import dev.sable.state.vectors.VectorMessages;
import dev.sable.state.vectors.VectorRecord;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Java's sample world signs as Go's batchgen does (same keys, deterministic signatures): every
 * signature and key in settlement.txt is what SampleWorld makes from the same inputs.
 */
class SampleWorldTest {

  @Test
  void theSampleWorldSignsExactlyAsGosBatchgen() throws IOException {
    SampleWorld w = new SampleWorld(Capacities.SMALL, 3, 7);
    int compared = 0;
    for (VectorRecord r : VectorFiles.read("settlement.txt")) {
      switch (r.kind()) {
        case "op.oracle" -> {
          SignedPrice p =
              w.price(
                  r.longValue("market"),
                  (int) r.longValue("source"),
                  r.longValue("price"),
                  r.longValue("published"));
          assertThat(p.signature().encode()).as(r.line()).isEqualTo(r.bytes("sig"));
          compared++;
        }
        case "op.order" -> {
          OrderMessage o = VectorMessages.order(r);
          assertThat(w.sign(o).signature().encode()).as(r.line()).isEqualTo(r.bytes("sig"));
          compared++;
        }
        case "op.withdraw" -> {
          Withdrawal wd =
              w.withdrawWithNonce(
                  r.longValue("account"), r.longValue("amount"), r.longValue("nonce"));
          assertThat(wd.message().recipient()).isEqualTo(r.fr("recipient"));
          assertThat(wd.signature().encode()).as(r.line()).isEqualTo(r.bytes("sig"));
          compared++;
        }
        case "op.deposit" -> {
          if (r.longValue("account") != 0) { // the fund's deposit names no key
            Deposit d = w.deposit(r.longValue("account"), r.longValue("amount"));
            assertThat(d.key().x()).as(r.line()).isEqualTo(r.fr("keyx"));
            assertThat(d.sender()).isEqualTo(r.fr("sender"));
            assertThat(d.blinding()).isEqualTo(r.fr("blinding"));
            compared++;
          }
        }
        default -> {}
      }
    }
    assertThat(compared).isGreaterThan(40);
  }
}
