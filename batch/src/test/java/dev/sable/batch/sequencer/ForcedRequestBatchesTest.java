package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.CapacityException;
import dev.sable.batch.CompiledSettlement;
import dev.sable.batch.ForcedRequest;
import dev.sable.batch.RequestRow;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.sample.SampleWorld;
import dev.sable.crypto.Fr;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.prover.WitnessCheck;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Forced withdrawal requests from the sequencer through the batcher to the builder and the compiled
 * circuit with request slots ({@link Capacities#FORCED}): each request is served last in its batch,
 * in queue order, with the bridge's request start; the sequencer debits exactly what the circuit
 * pays, so the two states stay equal; requests the circuit pays 0 (an unknown account, the keyless
 * fund, a bad signature, a stale nonce) are refused by the sequencer and still served, and batching
 * goes on after them.
 *
 * <p>Alice (5) buys 1,000 at 50,000 on 5.1 million from Bob (9); Carol (6) holds 1 million.
 */
class ForcedRequestBatchesTest {
  static final long ALICE = SettlementBatcherTest.ALICE;
  static final long BOB = SettlementBatcherTest.BOB;
  static final long CAROL = 6;

  @RegisterExtension
  static final CompiledSettlement circuit = new CompiledSettlement(Capacities.FORCED);

  private static SequencedWorld world() {
    SequencedWorld w = new SequencedWorld(Capacities.FORCED, Long.MAX_VALUE, 2);
    w.time(100);
    w.deposit(ALICE, 5_100_000);
    w.deposit(BOB, 100_000_000);
    w.deposit(CAROL, 1_000_000);
    w.prices(0, 50_000);
    w.prices(1, 50_000);
    SettlementBatcherTest.aliceBuys(w);
    return w;
  }

  /** Builds every sealed batch; each satisfies the compiled circuit and the states agree. */
  private static List<BuiltBatch> buildChecked(SequencedWorld w) {
    List<BuiltBatch> built = w.buildAll();
    for (BuiltBatch b : built) {
      assertThat(circuit.check(b.gnarkWitness())).isEqualTo(new WitnessCheck(""));
    }
    assertThat(w.differences()).isEmpty();
    return built;
  }

  private static long withdrawn(List<Event> events) {
    List<Event.Withdrawn> w =
        events.stream()
            .filter(Event.Withdrawn.class::isInstance)
            .map(Event.Withdrawn.class::cast)
            .toList();
    assertThat(w).hasSize(1);
    return w.getFirst().amount();
  }

  private static RejectReason rejection(List<Event> events) {
    return events.stream()
        .filter(Event.Rejected.class::isInstance)
        .map(e -> ((Event.Rejected) e).reason())
        .findFirst()
        .orElse(null);
  }

  @Test
  void aValidRequestIsServedLastInItsBatchAndPaidWhatTheSequencerDebited() {
    SequencedWorld w = world();
    long bobBefore = w.state().account((int) BOB).collateral();
    long paid = withdrawn(w.force(BOB, 2_000_000));
    assertThat(paid).isEqualTo(2_000_000); // Bob's margin allows more: the maximum
    long alicePaid = withdrawn(w.force(ALICE, 1_000_000_000L));
    // Alice keeps her position's initial margin (10% of 50 million): 5.1 million and her maker
    // rebate of 5,000, less 5 million
    assertThat(alicePaid).isEqualTo(105_000);
    assertThat(w.state().account((int) ALICE).collateral()).isEqualTo(5_000_000);
    assertThat(w.state().account((int) BOB).collateral()).isEqualTo(bobBefore - paid);

    w.time(101); // moves time: the batch serving the requests is sealed before it, at 100
    SealedBatch served = w.sealed.getLast();
    assertThat(served.reason()).isEqualTo(SealedBatch.Reason.FORCED_REQUESTS);
    assertThat(served.batch().time()).isEqualTo(100);
    assertThat(served.batch().requestStart()).isZero();
    assertThat(served.batch().requests())
        .extracting(r -> r.message().accountIndex())
        .containsExactly(BOB, ALICE);

    List<BuiltBatch> built = buildChecked(w);
    List<RequestRow> rows = built.getLast().witness().requests();
    assertThat(rows).extracting(RequestRow::paid).containsExactly(paid, alicePaid);
    assertThat(built.getLast().witness().requestStart()).isZero();

    // the next batch, serving none, starts after them (what the bridge's requestsServed is)
    w.withdraw(BOB, 1_000);
    w.seal();
    assertThat(w.sealed.getLast().batch().requestStart()).isEqualTo(2);
    assertThat(w.sealed.getLast().batch().requests()).isEmpty();
    buildChecked(w);
  }

  /**
   * A snapshot taken while a batch serves requests, after a batch that served one, restores the
   * requests served, the queue position and the open batch's requests: the restored batcher seals
   * the same batch and snapshots to the same bytes before and after.
   */
  @Test
  void aBatchServingRequestsSurvivesASnapshot() {
    SequencedWorld w = world();
    w.force(BOB, 1_000);
    w.force(BOB, 1_000); // seals the first request's batch; the second opens the next
    w.force(ALICE, 1_000);
    byte[] bytes = w.batcher.snapshot();
    SettlementBatcher restored =
        SettlementBatcher.restore(
            Capacities.FORCED, w.state(), w.world.state(), Long.MAX_VALUE, bytes);
    assertThat(restored.snapshot()).isEqualTo(bytes);
    SealedBatch sealed = w.batcher.seal().orElseThrow();
    assertThat(sealed.batch().requestStart()).isEqualTo(1);
    assertThat(sealed.batch().requests())
        .extracting(r -> r.message().accountIndex())
        .containsExactly(BOB, ALICE);
    assertThat(restored.seal()).contains(sealed);
    assertThat(restored.snapshot()).isEqualTo(w.batcher.snapshot());
  }

  @Test
  void aSecondRequestOfAnAccountAndAFullBatchWaitForTheNextBatch() {
    SequencedWorld w = world();
    w.force(BOB, 1_000);
    w.force(BOB, 1_000); // one request per account and batch: sealed before it
    assertThat(w.sealed.getLast().reason()).isEqualTo(SealedBatch.Reason.CAPACITY);
    assertThat(w.sealed.getLast().batch().requests()).hasSize(1);
    w.force(ALICE, 1_000);
    w.force(CAROL, 1_000);
    w.force(ALICE, 1_000); // a fourth slot or Alice's second: the next batch
    w.seal();
    List<SettlementBatch> batches = w.sealed.stream().map(SealedBatch::batch).toList();
    assertThat(batches.getLast().requestStart()).isEqualTo(4);
    assertThat(batches.get(batches.size() - 2).requestStart()).isEqualTo(1);
    assertThat(batches.get(batches.size() - 2).requests()).hasSize(3);
    List<BuiltBatch> built = buildChecked(w);
    assertThat(built.getLast().witness().requests())
        .extracting(RequestRow::paid)
        .containsExactly(1_000L);
  }

  /**
   * Attacks: requests L1 accepts but no owner signed, or that name a stale nonce, from an account
   * that does not exist or from the keyless fund. The sequencer refuses each (pays nothing), the
   * batch still serves each with 0 (as the circuit does: the bridge needs every request served), no
   * balance moves, and the next batches go on.
   */
  @Test
  void requestsTheCircuitPaysNothingAreServedWithZeroAndBatchingGoesOn() {
    SequencedWorld w = world();
    w.withdraw(CAROL, 1_000); // Carol's nonce is now 1
    w.time(101);
    w.seal();
    buildChecked(w);
    ForcedRequest bobs = w.world.forcedRequest(BOB, 1_000, 0);
    ForcedRequest badSignature =
        new ForcedRequest(bobs.message(), bobs.rx(), bobs.ry(), bobs.s().add(BigInteger.ONE));
    WithdrawalMessage bobsMessage = bobs.message();
    ForcedRequest signedByCarol =
        new ForcedRequest(
            bobsMessage,
            w.world.trader(CAROL).sign(bobsMessage.forcedHash(SampleWorld.DEPLOYMENT)));
    ForcedRequest notOnTheCurve =
        new ForcedRequest(bobsMessage, Fr.ofLong(1), Fr.ofLong(2), BigInteger.ONE);
    List<ForcedRequest> attacks =
        List.of(
            w.world.forcedRequest(77, 1_000, 0), // no such account (a row without a key)
            w.world.forcedRequest(Account.INSURANCE_FUND, 1_000, 0), // the fund has no key
            badSignature,
            w.world.forcedRequest(CAROL, 1_000, 0), // stale: her nonce is 1
            signedByCarol,
            notOnTheCurve);
    List<RejectReason> reasons = new ArrayList<>();
    for (ForcedRequest r : attacks) {
      reasons.add(rejection(w.force(r)));
    }
    assertThat(reasons)
        .containsExactly(
            RejectReason.UNKNOWN_ACCOUNT,
            RejectReason.FUND_ACCOUNT,
            RejectReason.UNSIGNED_REQUEST,
            RejectReason.WRONG_NONCE,
            RejectReason.UNSIGNED_REQUEST,
            RejectReason.UNSIGNED_REQUEST);
    // batching goes on: a valid request of Bob and a trade after it
    long paid = withdrawn(w.force(w.world.forcedRequest(BOB, 1_000, 0)));
    w.prices(1, 50_000); // a fresh mark for the trade
    w.limit(CAROL, 1, 2, 0, 50_000, 100);
    w.limit(BOB, 1, 2, 1, 50_000, 100);
    w.seal();
    List<BuiltBatch> built = buildChecked(w);
    List<Long> paidPerRequest = new ArrayList<>();
    built.forEach(b -> b.witness().requests().forEach(r -> paidPerRequest.add(r.paid())));
    assertThat(paidPerRequest).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, paid);
    assertThat(paid).isEqualTo(1_000);
    assertThat(w.lastBuilt.trades()).hasSize(1);
  }

  @Test
  void aCircuitWithoutRequestSlotsCannotServeARequest() {
    SequencedWorld w = new SequencedWorld(Capacities.SMALL);
    w.time(100);
    w.deposit(BOB, 1_000_000);
    assertThatThrownBy(() -> w.force(BOB, 1_000))
        .isInstanceOf(CapacityException.class)
        .hasMessageContaining(Capacities.SMALL.circuitName())
        .hasMessageContaining("no request slots");
  }
}
