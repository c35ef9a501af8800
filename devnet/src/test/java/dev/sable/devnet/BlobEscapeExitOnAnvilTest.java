package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.Capacities;
import dev.sable.batch.exit.ExitCircuit;
import dev.sable.batch.exit.ExitRefusedException;
import dev.sable.batch.exit.ExitStatement;
import dev.sable.batch.exit.RecoveredAccount;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.Fr;
import dev.sable.devnet.demo.EscapeSummary;
import dev.sable.l1.SettlementEvents;
import dev.sable.l1.SubmittedBatch;
import dev.sable.node.config.NodeConfig;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.prover.WitnessCheck;
import dev.sable.sdk.TraderKey;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.PositionSlot;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escape hatch from real proven blob batches, end to end: a node at {@code
 * tiny_l2_q1_owner_blob} (the shared test keys) posts its batches as type-3 transactions, each with
 * its owner rows in the blob and a real proof; Alice and Bob deposit and trade, the node stops.
 * Every owner row is read back from the calldata and the blobs anvil serves by versioned hash, and
 * a source serving another blob, a tampered one or none is refused. Then {@link
 * EscapeScenarioOnAnvilTest#escapesWithTheirProvenEquity}: a forced request left unserved, the
 * deadline passed on anvil's clock, a freeze by another account, Alice's exit through {@link
 * EscapeExit} (what {@code sable trader exit --blob-rpc} runs) with a real exit proof, paid exactly
 * the equity the stopped node's proven state gives her, a second exit refused, Bob's exit. Last, an
 * exit with a wrong leaf against that root cannot be proven.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlobEscapeExitOnAnvilTest extends TradedOnAnvil {
  private static final HexFormat HEX = HexFormat.of();

  Path dir;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    NodeConfig config =
        LocalNodes.config(dir, Map.of("SABLE_PIPELINE_CAPACITIES", "tiny_l2_q1_owner_blob"));
    assertThat(config.pipeline().capacities().capacities())
        .isEqualTo(Capacities.TINY_L2_Q1_OWNER_BLOB);
    trade(dir, config);
  }

  private AnvilBlobs anvil() {
    return new AnvilBlobs(l1.rpcUrl());
  }

  private byte[] versionedHash(SettlementEvents.AcceptedBatch b) {
    return HEX.parseHex(bridge.ownerDataBlob(b).substring(2));
  }

  private RecoveredAccount recover(TraderKey owner, BlobSource blobs) {
    return EscapeExit.recover(
        bridge, bridge.layout(), owner.privateKey(), OptionalLong.empty(), blobs);
  }

  @Test
  @Order(1)
  void everyBatchIsABlobBatchWithARealProofAndItsBlobOnL1() {
    List<SettlementEvents.AcceptedBatch> batches = bridge.acceptedBatches();
    assertThat(batches).hasSizeGreaterThanOrEqualTo(2); // each deposit waited for its batch
    for (SettlementEvents.AcceptedBatch b : batches) {
      SubmittedBatch s = bridge.submitted(b);
      assertThat(s.blob()).isPresent();
      assertThat(s.proof()).hasSize(384); // a -blob circuit's Groth16 proof, with its commitment
      assertThat(anvil().blob(versionedHash(b))).hasSize(131_072);
    }
  }

  @Test
  @Order(2)
  void eachTraderRebuildsItsLeafFromL1AndABlobSourceServingAnotherBlobIsRefused() {
    RecoveredAccount alice = recover(traded.alice().key(), anvil());
    assertThat(alice.account()).isEqualTo(traded.alice().account());
    assertThat(alice.stateRoot()).isEqualTo(Fr.of(bridge.stateRoot()));
    assertThat(recover(traded.bob().key(), anvil()).account()).isEqualTo(traded.bob().account());

    List<SettlementEvents.AcceptedBatch> batches = bridge.acceptedBatches();
    // batches without account changes carry the same (empty) blob: distinct hashes only
    List<byte[]> hashes =
        batches.stream()
            .map(bridge::ownerDataBlob)
            .distinct()
            .map(h -> HEX.parseHex(h.substring(2)))
            .toList();
    assertThat(hashes).hasSizeGreaterThanOrEqualTo(2);
    // a source answering each hash with a real blob anvil holds, under another hash
    BlobSource another =
        vh ->
            anvil()
                .blob(hashes.stream().filter(h -> !Arrays.equals(h, vh)).findFirst().orElseThrow());
    assertThatThrownBy(() -> recover(traded.alice().key(), another))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining(bridge.ownerDataBlob(batches.get(0)))
        .hasMessageContaining("does not hold the rows the batch proved");
    BlobSource tampering =
        vh -> {
          byte[] b = anvil().blob(vh);
          b[2 * Fr.BYTES - 1] ^= 1; // in the first row
          return b;
        };
    assertThatThrownBy(() -> recover(traded.alice().key(), tampering))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("does not hold the rows the batch proved");
    // a blob the source does not hold (a pruned one): anvil answers null for another hash
    BlobSource pruned =
        vh -> {
          byte[] other = vh.clone();
          other[31] ^= 1;
          return anvil().blob(other);
        };
    assertThatThrownBy(() -> recover(traded.alice().key(), pruned))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining(bridge.ownerDataBlob(batches.get(0)))
        .hasMessageContaining("holds no blob")
        .hasMessageContaining("~18 days");
  }

  @Test
  @Order(3)
  void afterTheFreezeATraderExitsFromTheBlobsWithTheEquityTheNodeLastProved() {
    EscapeSummary escape = EscapeScenarioOnAnvilTest.escapesWithTheirProvenEquity(l1, traded, dir);
    assertThat(escape.amount()).isPositive();
  }

  @Test
  @Order(4)
  void anExitWithAWrongLeafCannotBeProven() {
    RecoveredAccount alice = recover(traded.alice().key(), anvil());
    RecoveredAccount bob = recover(traded.bob().key(), anvil());
    AccountLeafV2 l = alice.leaf();
    RecoveredAccount richer =
        new RecoveredAccount(
            alice.account(),
            l.with(l.collateral() + 1_000, l.nonce(), l.fillsRoot(), l.slots()),
            alice.siblings(),
            alice.state(),
            alice.stateRoot());
    // Bob's leaf and path, in the root, claimed at Alice's index and signed by Bob
    RecoveredAccount bobsAtAlices =
        new RecoveredAccount(
            alice.account(), bob.leaf(), bob.siblings(), bob.state(), bob.stateRoot());
    Deployment deployment =
        new Deployment(
            AnvilNode.CHAIN_ID, Fr.of(new BigInteger(bridge.address().substring(2), 16)));
    Map<Long, Fr> rows = new HashMap<>(); // the rows the bridge stores for their positions
    for (PositionSlot s : l.slots()) {
      rows.put(s.market(), Fr.of(bridge.marketRow(s.market())));
    }
    Fr to = Fr.ofLong(0xa11ce);
    try (GnarkProver exitKeys =
        GnarkProver.open(
            ExitCircuit.LAYOUT, SampleSettlement.testKeys(), KeyPolicy.EXISTING_KEYS)) {
      assertThat(exitKeys.keys().verifyingKeyHash())
          .isEqualToIgnoringCase(bridge.exitVerifyingKeyHash());
      ExitStatement honest =
          ExitStatement.prepare(deployment, alice, to, rows, traded.alice().key().privateKey());
      assertThat(exitKeys.check(ExitCircuit.witness(honest)).satisfied()).isTrue();
      for (ExitStatement forged :
          List.of(
              ExitStatement.prepare(
                  deployment, richer, to, rows, traded.alice().key().privateKey()),
              ExitStatement.prepare(
                  deployment, bobsAtAlices, to, rows, traded.bob().key().privateKey()))) {
        WitnessCheck check = exitKeys.check(ExitCircuit.witness(forged));
        assertThat(check.satisfied()).as("a wrong leaf's exit solves").isFalse();
        assertThat(check.failure()).contains("is not satisfied");
      }
    }
  }
}
