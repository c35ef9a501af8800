package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.PublicInputs;
import dev.sable.batch.SettlementCircuit;
import dev.sable.l1.BatchBlob;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SettlementBatch;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SubmitReceipt;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.prover.Proof;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * {@code -owner-blob} batches posted to a SettlementBlobBridge on anvil by the Java client: each a
 * type-3 transaction carrying its blob (the sidecar with the native library's commitment and cell
 * proofs) and calling {@code submitBlobBatch} with the opening at the batch's z. Three batches of
 * the sample settlement at TINY_OWNER_BLOB, proven with development keys, are accepted: L1's root
 * is each batch's, the bridge emits {@code OwnerDataBlob} with the blob's versioned hash, anvil
 * serves the blob back by that hash, and the receipts' gas and blob gas are printed (the figures of
 * docs/bridge.md). Attacks: batch 2 with batch 3's blob (honestly opened for batch 3) and batch 2
 * with batch 1's blob are refused on L1, and the root does not move; batch 2 then goes through. A
 * replacement (same nonce, twice the fee, the blob again) is taken by anvil's pool.
 */
class BlobBatchOnAnvilTest {
  static final Capacities CAPS = Capacities.TINY_OWNER_BLOB;
  static final String OWNER_DATA_BLOB = Hash.sha3String("OwnerDataBlob(uint256,bytes32)");

  @Test
  void blobBatchesArePostedAsType3TransactionsAndAWrongBlobIsRefused() throws Exception {
    Toolchain tools = Toolchain.fromEnvironment();
    try (GnarkProver prover =
        GnarkProver.open(
            SettlementCircuit.layout(CAPS),
            SampleSettlement.testKeys(),
            KeyPolicy.DEVELOPMENT_SETUP)) {
      try (DevChain chain =
          SampleSettlement.blobChain(tools, CAPS, DevChain.verifierCode(tools, prover))) {
        SampleSettlement sample = SampleSettlement.on(chain, 3, CAPS);
        List<SettlementBatch> batches = new ArrayList<>();
        List<BigInteger> roots = new ArrayList<>();
        for (BuiltBatch built : sample.built) {
          batches.add(proven(prover, built));
          roots.add(built.after().root().toBigInteger());
        }
        SettlementBridgeClient bridge = chain.bridge();

        SubmitReceipt first = bridge.submitBatch(batches.get(0));
        accepted(chain, first, batches.get(0), 1, roots.get(0));

        // Batch 2 carrying batch 3's blob, opened honestly for batch 3; then batch 1's blob.
        for (BatchBlob wrong :
            List.of(batches.get(2).blob().orElseThrow(), batches.get(0).blob().orElseThrow())) {
          SettlementBatch b = batches.get(1);
          SettlementBatch forged =
              new SettlementBatch(b.publicData(), b.commitment(), b.proof(), wrong);
          assertThat(bridge.simulate(forged))
              .hasValueSatisfying(reason -> assertThat(reason).startsWith("BlobOpeningRefused("));
          assertThatThrownBy(() -> bridge.submitBatch(forged))
              .isInstanceOfSatisfying(
                  BatchRejectedException.class,
                  e -> assertThat(e.reason()).startsWith("BlobOpeningRefused("));
          assertThat(bridge.stateRoot()).isEqualTo(roots.get(0));
          assertThat(bridge.batchCount()).isEqualTo(1);
        }

        // Batch 2 waits in the pool (automine off) and is replaced: same nonce, twice the fee,
        // the blob again; the replacement is mined, the first transaction never is.
        assertThat(bridge.simulate(batches.get(1))).isEmpty(); // the eth_call carries its blob
        AnvilRpc.call(chain.rpcUrl(), "evm_setAutomine", false);
        BigInteger nonce = bridge.nonce(true);
        BigInteger fee = bridge.gasPrice();
        String pending = bridge.sendSubmit(batches.get(1), nonce, fee);
        String replacement = bridge.sendSubmit(batches.get(1), nonce, fee.shiftLeft(1));
        AnvilRpc.call(chain.rpcUrl(), "evm_mine");
        AnvilRpc.call(chain.rpcUrl(), "evm_setAutomine", true);
        assertThat(replacement).isNotEqualTo(pending);
        assertThat(bridge.receipt(pending, batches.get(1))).isEmpty();
        accepted(
            chain,
            bridge.receipt(replacement, batches.get(1)).orElseThrow(),
            batches.get(1),
            2,
            roots.get(1));

        SubmitReceipt third = bridge.submitBatch(batches.get(2));
        accepted(chain, third, batches.get(2), 3, roots.get(2));
      }
    }
  }

  /** The proof of a built batch, with its blob, as the bridge takes it. */
  static SettlementBatch proven(GnarkProver prover, BuiltBatch built) {
    PublicInputs inputs = built.witness().publicInputs();
    Proof proof = prover.prove(built.gnarkWitness());
    assertThat(prover.verify(proof, inputs.asList())).isTrue();
    assertThat(built.witness().blobData()).hasSize(PublicDataLayout.OWNER_ROW * CAPS.accounts());
    return SampleSettlement.forBlobBridge(built, proof.solidity());
  }

  /**
   * The bridge took batch {@code number}: its root, its OwnerDataBlob event naming the blob's
   * versioned hash, one blob's gas in the receipt, and the blob served back by anvil.
   */
  static void accepted(
      DevChain chain, SubmitReceipt r, SettlementBatch batch, long number, BigInteger root)
      throws Exception {
    SettlementBridgeClient bridge = chain.bridge();
    assertThat(bridge.stateRoot()).isEqualTo(root);
    assertThat(bridge.batchCount()).isEqualTo(number);
    assertThat(r.blobGasUsed()).isEqualTo(131_072);
    BatchBlob blob = batch.blob().orElseThrow();
    String vh = "0x" + HexFormat.of().formatHex(blob.versionedHash());
    TransactionReceipt receipt =
        chain
            .web3j()
            .ethGetTransactionReceipt(r.transactionHash())
            .send()
            .getTransactionReceipt()
            .orElseThrow();
    assertThat(receipt.getType()).isEqualTo("0x3");
    List<Log> events =
        receipt.getLogs().stream()
            .filter(l -> l.getTopics().get(0).equals(OWNER_DATA_BLOB))
            .toList();
    assertThat(events).hasSize(1);
    assertThat(new BigInteger(events.get(0).getTopics().get(1).substring(2), 16))
        .isEqualTo(BigInteger.valueOf(number));
    assertThat(events.get(0).getData()).isEqualTo(vh);
    assertThat(new AnvilBlobs(chain.rpcUrl()).blob(blob.versionedHash())).isEqualTo(blob.blob());
    System.out.printf(
        "blob batch %d: gasUsed %d, blobGasUsed %d, blobGasPrice %s, calldata elements %d%n",
        number, r.gasUsed(), r.blobGasUsed(), receipt.getBlobGasPrice(), batch.publicData().size());
  }
}
