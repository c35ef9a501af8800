package dev.sable.node.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Fr;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.node.Node;
import dev.sable.node.TestNodes;
import dev.sable.sdk.RequestSealer;
import dev.sable.sdk.RequestSigner;
import dev.sable.sdk.SableApiException;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trader's withdrawal to L1 over the node's API, through the SDK: sealed and signed over the
 * settlement circuit's message with the account's next nonce, journaled, and decided by the
 * sequencer. Attacks: a stale nonce, a signature over another message, another key's signature, a
 * withdrawal sent to the order endpoint; each refused with its code, the account untouched.
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
  void start() {
    node = TestNodes.start(dir, "");
    client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
    alice = new Trader(client, TraderKey.generate(new SecureRandom()), null);
    alice.devDeposit(10_000);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  long nextNonce() {
    return alice.read("/withdrawals").path("nextNonce").asLong();
  }

  void await(BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(done.getAsBoolean()).isTrue();
  }

  /** A withdrawal signed as given and sealed to the node, sent to {@code path}. */
  long send(String path, SignedRequest request) {
    try {
      return client
          .submitAsync(
              path,
              new RequestSealer(client.info().intakeKey(), client.info().deployment())
                  .seal(request))
          .join();
    } catch (CompletionException e) {
      throw (RuntimeException) e.getCause();
    }
  }

  static String code(Runnable r) {
    try {
      r.run();
    } catch (SableApiException e) {
      return e.code();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void withdrawalsTakeTheNextNonceAndTheSequencerDecides() throws Exception {
    long start = nextNonce();
    long seq = alice.withdraw(1_000, RECIPIENT).get(10, TimeUnit.SECONDS);
    assertThat(seq).isPositive();
    await(() -> nextNonce() == start + 1);
    assertThat(alice.read("").path("collateral").asLong()).isEqualTo(10_000 - 1_000 * (start + 1));

    alice.withdraw(1_000_000, RECIPIENT).get(10, TimeUnit.SECONDS); // more than it holds
    await(() -> node.appliedSequence() >= node.journaledSequence());
    assertThat(nextNonce()).as("a refused withdrawal leaves its nonce").isEqualTo(start + 1);

    long collateral = alice.read("").path("collateral").asLong();
    WithdrawalMessage stale =
        new WithdrawalMessage(alice.account(), 10, Fr.of(new BigInteger(1, RECIPIENT)), start);
    RequestSigner signer = new RequestSigner(alice.key().privateKey(), alice.node().deployment());
    assertThat(code(() -> send("/v1/withdrawals", signer.withdraw(stale))))
        .isEqualTo("WRONG_NONCE");
    assertThat(alice.read("").path("collateral").asLong()).isEqualTo(collateral);
    assertThat(nextNonce()).isEqualTo(start + 1);
  }

  @Test
  void aWithdrawalSignedOverAnotherMessageOrByAnotherKeyIsRefused() {
    long collateral = alice.read("").path("collateral").asLong();
    long nonce = nextNonce();
    WithdrawalMessage m =
        new WithdrawalMessage(
            alice.account(), 10, Fr.of(new BigInteger(1, RECIPIENT)), nextNonce());
    SignedRequest.Withdraw oldHash =
        new SignedRequest.Withdraw(
            m, alice.key().privateKey().sign(m.hash(alice.node().deployment())));
    assertThat(code(() -> send("/v1/withdrawals", oldHash))).isEqualTo("BAD_SIGNATURE");
    RequestSigner mallory =
        new RequestSigner(
            TraderKey.generate(new SecureRandom()).privateKey(), alice.node().deployment());
    assertThat(code(() -> send("/v1/withdrawals", mallory.withdraw(m)))).isEqualTo("BAD_SIGNATURE");
    RequestSigner own = new RequestSigner(alice.key().privateKey(), alice.node().deployment());
    assertThat(code(() -> send("/v1/orders", own.withdraw(m)))).isEqualTo("WRONG_REQUEST_KIND");
    assertThat(alice.read("").path("collateral").asLong()).isEqualTo(collateral);
    assertThat(nextNonce()).isEqualTo(nonce);
  }

  @Test
  void theNonceIsReadWithTheAccountsSessionOnly() {
    Trader bob = new Trader(client, TraderKey.generate(new SecureRandom()), null);
    bob.devDeposit(1);
    assertThatThrownBy(
            () -> client.get("/v1/accounts/" + alice.account() + "/withdrawals", bob.token()))
        .isInstanceOfSatisfying(
            SableApiException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
  }
}
