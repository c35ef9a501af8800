package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.node.Node;
import dev.sable.sdk.SableApiException;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trader's withdrawals to L1 over a node that posts settlement batches, through the SDK: each
 * takes the account's next nonce; one the sequencer refuses leaves its nonce to the next, which the
 * node then takes although intake's replay guard admitted that nonce before; a replayed and a
 * skipped nonce are refused with their codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WithdrawalRequestTest {
  static final byte[] RECIPIENT =
      HexFormat.of().parseHex("70997970c51812dc3a010c7d01b50e0d17dc79c8");

  @TempDir static Path dir;
  Node node;
  SableClient client;
  Trader alice;

  @BeforeAll
  void start() throws Exception {
    node = LocalNodes.start(dir);
    client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
    alice = LocalNodes.funded(node, client, 1, 10_000);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  long nextNonce() {
    return alice.read("/withdrawals").path("nextNonce").asLong();
  }

  static String code(Runnable r) {
    try {
      r.run();
    } catch (CompletionException e) {
      return ((SableApiException) e.getCause()).code();
    } catch (SableApiException e) {
      return e.code();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void aRefusedWithdrawalLeavesItsNonceToTheNextAndReplaysAreRefused() throws Exception {
    alice.withdraw(1_000, RECIPIENT).get(10, TimeUnit.SECONDS);
    LocalNodes.await("the first withdrawal taken", () -> nextNonce() == 1);
    assertThat(alice.read("").path("collateral").asLong()).isEqualTo(9_000);

    alice.withdraw(1_000_000, RECIPIENT, 1).get(10, TimeUnit.SECONDS); // more than it holds
    LocalNodes.await(
        "the sequencer's refusal", () -> node.appliedSequence() >= node.journaledSequence());
    assertThat(nextNonce()).as("a refused withdrawal leaves its nonce").isEqualTo(1);
    alice.withdraw(500, RECIPIENT, 1).get(10, TimeUnit.SECONDS); // the same nonce, taken
    LocalNodes.await("the second withdrawal taken", () -> nextNonce() == 2);
    assertThat(alice.read("").path("collateral").asLong()).isEqualTo(8_500);

    assertThat(code(() -> alice.withdraw(500, RECIPIENT, 1).join())).isEqualTo("REPLAYED");
    assertThat(code(() -> alice.withdraw(500, RECIPIENT, 7).join())).isEqualTo("WRONG_NONCE");
    assertThat(alice.read("").path("collateral").asLong()).isEqualTo(8_500);
  }
}
