package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.BlobSection;
import dev.sable.batch.PublicInputs;
import dev.sable.batch.exit.AccountRecovery;
import dev.sable.batch.exit.ExitCircuit;
import dev.sable.batch.exit.ExitRefusedException;
import dev.sable.batch.exit.OperatorHistory;
import dev.sable.batch.exit.OwnerDataSection;
import dev.sable.batch.exit.PublishedBatch;
import dev.sable.batch.exit.RecoveredAccount;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.l1.BatchBlob;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SettlementBatch;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SettlementEvents;
import dev.sable.node.pipeline.OwnerBlob;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * The escape hatch from blob batches on anvil, from L1 data alone: the operator history of {@link
 * EscapeExitOnAnvilTest} posted to a SettlementBlobBridge, each batch's owner rows in the blob of
 * its type-3 transaction (the node's poster); every owner rebuilds its leaf from the calldata, the
 * OwnerDataBlob events and the blobs anvil serves; a tampered blob, another batch's blob and a blob
 * nobody serves are refused; after the freeze a trader exits and is paid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlobEscapeExitOnAnvilTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final int SECTION_AT = OperatorHistory.OWNER_DATA_AT + OwnerDataSection.HEADER;

  DevChain chain;
  GnarkProver exitKeys;
  SettlementBridgeClient bridge;
  final List<String> versionedHashes = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path keys) throws IOException {
    Toolchain toolchain = Toolchain.fromEnvironment();
    String exitVerifier = DevChain.exitVerifierCode(toolchain, keys, KeyPolicy.DEVELOPMENT_SETUP);
    exitKeys = GnarkProver.open(ExitCircuit.LAYOUT, keys, KeyPolicy.EXISTING_KEYS);
    chain = EscapeExitOnAnvilTest.operatorHistoryChain(toolchain, exitVerifier, true);
    bridge = chain.bridge();
    OperatorHistory history =
        OperatorHistory.threeBatches(
            AnvilNode.CHAIN_ID, Fr.of(new BigInteger(bridge.address().substring(2), 16)));
    for (List<Fr> d : history.publicData()) {
      // the same batch with its rows moved to a blob: the owner header, then the blob section
      List<Fr> rows = d.subList(SECTION_AT, d.size());
      BatchBlob blob = OwnerBlob.of(rows);
      List<Fr> blobData = new ArrayList<>(d.subList(0, SECTION_AT));
      blobData.addAll(BlobSection.of(rows, blob.commitment()).asList());
      bridge.submitBatch(
          new SettlementBatch(
              blobData.stream().map(Fr::toBigInteger).toList(),
              PublicInputs.bind(blobData).commitment().toBigInteger(),
              new byte[256],
              blob));
      versionedHashes.add("0x" + HEX.formatHex(blob.versionedHash()));
    }
    chain.token().mint(bridge.address(), BigInteger.valueOf(10_000)); // what deposits would hold
  }

  @AfterAll
  void stop() {
    if (chain != null) {
      chain.close();
    }
    if (exitKeys != null) {
      exitKeys.close();
    }
  }

  private List<PublishedBatch> fromL1(BlobSource blobs) {
    PublicDataLayout layout = bridge.layout();
    return bridge.acceptedBatches().stream()
        .map(b -> L1BatchReader.read(bridge, layout, b, blobs))
        .toList();
  }

  private RecoveredAccount recover(EdDsaPrivateKey owner, BlobSource blobs) {
    return AccountRecovery.recover(fromL1(blobs), owner, OptionalLong.empty());
  }

  @Test
  @Order(1)
  void everyBatchIsABlobBatchWithItsOwnerDataBlobEvent() {
    List<SettlementEvents.AcceptedBatch> batches = bridge.acceptedBatches();
    assertThat(batches).hasSize(3);
    for (int i = 0; i < batches.size(); i++) {
      assertThat(bridge.submitted(batches.get(i)).blob()).isPresent();
      assertThat(bridge.ownerDataBlob(batches.get(i))).isEqualTo(versionedHashes.get(i));
    }
  }

  @Test
  @Order(2)
  void eachOwnerRebuildsItsLatestLeafFromL1Alone() {
    AnvilBlobs anvil = new AnvilBlobs(chain.rpcUrl());
    RecoveredAccount alice = recover(OperatorHistory.ALICE, anvil);
    assertThat(alice.account()).isEqualTo(1);
    assertThat(alice.leaf().hash()).isEqualTo(OperatorHistory.ALICE_LAST.hash());
    RecoveredAccount bob = recover(OperatorHistory.BOB, anvil);
    assertThat(bob.account()).isEqualTo(2);
    assertThat(bob.leaf().hash()).isEqualTo(OperatorHistory.BOB_LAST.hash());
  }

  @Test
  @Order(3)
  void aTamperedBlobAnotherBatchsBlobAndAMissingBlobAreRefused() {
    AnvilBlobs anvil = new AnvilBlobs(chain.rpcUrl());
    BlobSource tampering =
        vh -> {
          byte[] b = anvil.blob(vh);
          b[2 * Fr.BYTES - 1] ^= 1; // the first row's leaf hash
          return b;
        };
    assertThatThrownBy(() -> recover(OperatorHistory.ALICE, tampering))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("does not hold the rows the batch proved");
    byte[] first = HEX.parseHex(versionedHashes.get(0).substring(2));
    BlobSource firstBlobAlways = vh -> anvil.blob(first);
    assertThatThrownBy(() -> recover(OperatorHistory.ALICE, firstBlobAlways))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining(versionedHashes.get(1))
        .hasMessageContaining("does not hold the rows the batch proved");
    // a blob the RPC does not hold (a pruned one): anvil answers null for another hash
    BlobSource pruned =
        vh -> {
          byte[] other = vh.clone();
          other[31] ^= 1;
          return anvil.blob(other);
        };
    assertThatThrownBy(() -> recover(OperatorHistory.ALICE, pruned))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("batch 1's owner rows are in the blob with versioned hash")
        .hasMessageContaining(versionedHashes.get(0))
        .hasMessageContaining("holds no blob")
        .hasMessageContaining("~18 days");
  }

  @Test
  @Order(4)
  void afterTheFreezeATraderExitsFromTheBlobsAndIsPaid() throws IOException {
    EscapeExitOnAnvilTest.freezeAfterAnOverdueRequest(chain, bridge);

    Credentials alice = AnvilNode.devAccount(3);
    EscapeExit.Result paid =
        EscapeExit.run(
            bridge.as(alice),
            AnvilNode.CHAIN_ID,
            OperatorHistory.ALICE,
            alice.getAddress(),
            OptionalLong.empty(),
            exitKeys,
            new AnvilBlobs(chain.rpcUrl()));
    assertThat(paid.account()).isEqualTo(1);
    assertThat(paid.amount()).isEqualTo(999);
    assertThat(chain.token().balanceOf(alice.getAddress())).isEqualTo(BigInteger.valueOf(999));
  }
}
