package dev.sable.node.pipeline;

import static dev.sable.node.pipeline.SequencerBatchesTest.ALICE;
import static dev.sable.node.pipeline.SequencerBatchesTest.BOB;
import static dev.sable.node.pipeline.SequencerBatchesTest.D;
import static dev.sable.node.pipeline.SequencerBatchesTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.BatchBuilder;
import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.RequestRow;
import dev.sable.batch.SettlementCircuit;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.node.intake.AccountKeys;
import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.Provenance;
import dev.sable.node.l1.L1Deposits;
import dev.sable.node.l1.L1Requests;
import dev.sable.node.l1.L1Withdrawals;
import dev.sable.node.pipeline.SequencerBatchesTest.Journal;
import dev.sable.node.sequencing.SequencerLoop;
import dev.sable.prover.GnarkCircuit;
import dev.sable.prover.WitnessCheck;
import dev.sable.sequencer.command.Command;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.SettlementState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forced withdrawal requests from L1 through the node: journaled as the watcher drafts them, with
 * {@code signed} decided by the journal's gate from the key it bound to the account, applied by the
 * sequencer, sealed by the node's batch source at a circuit with request slots ({@link
 * Capacities#FORCED}) and built into batches the compiled circuit accepts. A request the owner
 * signed is paid what the circuit pays and takes the account's nonce; one its owner did not sign is
 * served with 0, and batching goes on after it.
 */
class ForcedRequestBatchesTest {
  static final Capacities CAPS = Capacities.FORCED;
  static GnarkCircuit circuit;

  @BeforeAll
  static void compile() {
    circuit = GnarkCircuit.compile(SettlementCircuit.layout(CAPS));
  }

  @AfterAll
  static void close() {
    circuit.close();
  }

  final AccountKeys keys = new AccountKeys();
  final L1Deposits deposits = new L1Deposits(keys);
  final L1Requests requests = new L1Requests(keys);
  final GroupCommitter.Gate gate = deposits.before(requests.before((draft, p) -> draft));
  long requestIndex;

  /** Journals a request signed by {@code signer} as the watcher drafts it, through the gate. */
  Command.ForcedWithdrawal force(
      Journal j, EdDsaPrivateKey signer, long account, long maxAmount, long nonce) {
    WithdrawalMessage m = new WithdrawalMessage(account, maxAmount, Fr.ofLong(0xF00D), nonce);
    EdDsaSignature s = signer.sign(m.forcedHash(D));
    byte[] recipient = Arrays.copyOfRange(Fr.ofLong(0xF00D).toBytes(), 12, 32);
    Provenance.L1Request p =
        new Provenance.L1Request(
            requestIndex++,
            recipient,
            s.rx().toBytes(),
            s.ry().toBytes(),
            Fr.of(s.s()).toBytes(),
            20,
            new byte[32]);
    Command c = gate.admit(new Command.ForcedWithdrawal((int) account, maxAmount, nonce, false), p);
    j.add(c, p);
    return (Command.ForcedWithdrawal) c;
  }

  @Test
  void aSignedRequestIsPaidAsTheCircuitPaysAnUnsignedOneWithZeroAndBatchingGoesOn() {
    requests.deployment(D);
    Journal j = SequencerBatchesTest.trading(); // Bob's withdrawal took his nonce 0
    j.entries.forEach(deposits::observe); // the keys the L1 deposits bound
    Command.ForcedWithdrawal alices = force(j, ALICE, 1, 1_000_000_000_000L, 0);
    Command.ForcedWithdrawal forged = force(j, ALICE, 2, 5_000, 1); // Bob's account, Alice's key
    assertThat(alices.signed()).isTrue();
    assertThat(forged.signed()).isFalse();
    j.time(T0 + 6_000); // time moves: the batch serving the requests is sealed
    j.withdraw(BOB, new WithdrawalMessage(2, 1_000, Fr.ofLong(0xE0A1), 1));
    j.time(T0 + 10_000);

    L1Withdrawals nonces = new L1Withdrawals();
    SequencerBatches source =
        new SequencerBatches(CAPS, SettlementGenesis.view(SequencerBatchesTest.markets()), 2_000);
    long aliceInSequencer;
    try (SequencerLoop loop = new SequencerLoop()) {
      loop.addListener(nonces);
      loop.addListener(source);
      j.entries.forEach(loop::replay);
      aliceInSequencer = loop.readBeforeStart(s -> s.state().account(1).collateral());
    }

    SettlementState state = SequencerBatchesTest.genesis();
    BatchBuilder builder = new BatchBuilder(CAPS);
    List<BuiltBatch> built = new ArrayList<>();
    long aliceBefore = 0;
    for (Optional<SealedBatch> s = source.next(state); s.isPresent(); s = source.next(state)) {
      if (!s.get().batch().requests().isEmpty()) {
        aliceBefore = state.account(1).map(AccountLeafV2::collateral).orElseThrow();
      }
      BuiltBatch b = builder.build(state, s.get().batch());
      assertThat(circuit.check(b.gnarkWitness())).isEqualTo(new WitnessCheck(""));
      state.commit(b.change());
      built.add(b);
    }

    List<BuiltBatch> serving =
        built.stream().filter(b -> !b.witness().requests().isEmpty()).toList();
    assertThat(serving).hasSize(1);
    List<RequestRow> rows = serving.getFirst().witness().requests();
    assertThat(rows).extracting(r -> r.request().message().accountIndex()).containsExactly(1L, 2L);
    long paid = rows.getFirst().paid();
    assertThat(paid).isPositive().isLessThan(alices.maxAmount()); // margin keeps the rest
    assertThat(rows.get(1).paid()).isZero();
    long aliceAfter = state.account(1).map(AccountLeafV2::collateral).orElseThrow();
    assertThat(aliceBefore - aliceAfter).isEqualTo(paid);
    assertThat(aliceAfter).isEqualTo(aliceInSequencer); // the sequencer debited what L1 pays
    assertThat(state.account(1).orElseThrow().nonce()).isEqualTo(1);
    assertThat(nonces.nextNonce(1)).isEqualTo(1); // the paid request took Alice's nonce
    assertThat(nonces.nextNonce(2)).isEqualTo(2); // the forged one took none of Bob's
    // Bob's next withdrawal, after the requests, reached a later batch
    assertThat(built.getLast().witness().requests()).isEmpty();
    assertThat(state.account(2).orElseThrow().nonce()).isEqualTo(2);
    assertThat(source.nextRequestIndex()).isEqualTo(2);
    assertThat(new BigInteger(1, rows.getFirst().request().message().recipient().toBytes()))
        .isEqualTo(BigInteger.valueOf(0xF00D));
  }
}
