package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.PublicInputs;
import dev.sable.batch.SettlementCircuit;
import dev.sable.l1.BatchBlob;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.FeeCaps;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SettlementBatch;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SubmitReceipt;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.prover.Proof;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * {@code -owner-blob} batches posted to a SettlementBlobBridge on anvil by the Java client: each a
 * type-3 transaction carrying its blob (the sidecar with the native library's commitment and cell
 * proofs) and calling {@code submitBlobBatch} with the opening at the batch's z. Three batches of
 * the sample settlement at TINY_OWNER_BLOB, proven with development keys, are accepted: L1's root
 * is each batch's, the bridge emits {@code OwnerDataBlob} with the blob's versioned hash, anvil
 * serves the blob back by that hash, and the receipts' gas and blob gas are printed (the figures of
 * docs/bridge.md). Attacks: batch 2 with batch 3's blob (honestly opened for batch 3) and batch 2
 * with batch 1's blob are refused on L1, and the root does not move; batch 2 then goes through. A
 * replacement (same nonce, every fee cap doubled, the blob again) is taken by anvil's pool. With
 * the blob base fee far above the gas price, the blob fee cap read from the chain lands a batch
 * that the gas price as every cap does not.
 */
class BlobBatchOnAnvilTest {
  static final Capacities CAPS = Capacities.TINY_OWNER_BLOB;
  static final String OWNER_DATA_BLOB = Hash.sha3String("OwnerDataBlob(uint256,bytes32)");

  @Test
  void blobBatchesArePostedAsType3TransactionsAndAWrongBlobIsRefused() throws Exception {
    Toolchain tools = Toolchain.fromEnvironment();
    try (GnarkProver prover = prover()) {
      try (DevChain chain = chain(tools, prover, AnvilNode.start(tools))) {
        Proven proven = Proven.of(chain, prover, 3);
        List<SettlementBatch> batches = proven.batches();
        List<BigInteger> roots = proven.roots();
        SettlementBridgeClient bridge = chain.bridge();

        SubmitReceipt first = bridge.submitBatch(batches.get(0));
        accepted(chain, first, batches.get(0), 1, roots.get(0));

        // Batch 2 carrying batch 3's blob, opened honestly for batch 3; then batch 1's blob.
        for (BatchBlob wrong :
            List.of(batches.get(2).blobs().getFirst(), batches.get(0).blobs().getFirst())) {
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

        // Batch 2 waits in the pool (automine off) and is replaced: same nonce, every cap
        // doubled, the blob again; the replacement is mined, the first transaction never is.
        assertThat(bridge.simulate(batches.get(1))).isEmpty(); // the eth_call carries its blob
        AnvilRpc.call(chain.rpcUrl(), "evm_setAutomine", false);
        BigInteger nonce = bridge.nonce(true);
        FeeCaps fees = bridge.fees(true);
        String pending = bridge.sendSubmit(batches.get(1), nonce, fees);
        String replacement = bridge.sendSubmit(batches.get(1), nonce, fees.replacement(fees));
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

  /**
   * The blob base fee far above the execution gas price (anvil from a genesis with 150M excess blob
   * gas: tens of gwei per blob gas after the set-up's blocks, where the gas price is ~1-2 gwei): a
   * transaction with the gas price as all three caps, what the poster sent before its blob cap was
   * read from the chain, is refused by L1's pool; the caps {@link FeeCaps#blob} sets from {@code
   * eth_blobBaseFee} land the batch, its blob gas charged at the blob base fee, under the cap.
   */
  @Test
  void aBatchLandsWhileTheBlobBaseFeeIsFarAboveTheGasPrice(@TempDir Path dir) throws Exception {
    Toolchain tools = Toolchain.fromEnvironment();
    List<String> expensiveBlobs = List.of("--init", expensiveBlobsGenesis(dir).toString());
    try (GnarkProver prover = prover();
        DevChain chain = chain(tools, prover, AnvilNode.start(tools, 0, expensiveBlobs))) {
      Proven proven = Proven.of(chain, prover, 1);
      SettlementBatch batch = proven.batches().get(0);
      SettlementBridgeClient bridge = chain.bridge();
      BigInteger genesis = bridge.stateRoot();

      FeeCaps now = bridge.fees(true);
      assertThat(now.blobGasPrice())
          .as("the blob base fee, doubled, against the gas price")
          .isGreaterThan(now.gasPrice().multiply(BigInteger.TEN));
      FeeCaps oneFee = new FeeCaps(now.gasPrice(), now.gasPrice());
      assertThatThrownBy(() -> bridge.sendSubmit(batch, bridge.nonce(true), oneFee))
          .hasMessageContaining("L1 refused the blob transaction")
          .hasMessageContaining("max_fee_per_blob_gas");
      assertThat(bridge.stateRoot()).isEqualTo(genesis);
      assertThat(bridge.batchCount()).isZero();

      SubmitReceipt r = bridge.submitBatch(batch);
      accepted(chain, r, batch, 1, proven.roots().get(0));
      TransactionReceipt receipt = receipt(chain.web3j(), r.transactionHash());
      // what the operator paid per blob gas, from its balance (anvil's receipt field is not it)
      BigInteger paid =
          balance(chain, receipt.getBlockNumber().subtract(BigInteger.ONE))
              .subtract(balance(chain, receipt.getBlockNumber()))
              .subtract(
                  receipt
                      .getGasUsed()
                      .multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice())))
              .divide(BigInteger.valueOf(r.blobGasUsed()));
      System.out.printf(
          "expensive blobs: blob base fee x2 %s, gas price %s, paid per blob gas %s, receipt's"
              + " blobGasPrice %s%n",
          now.blobGasPrice(),
          now.gasPrice(),
          paid,
          Numeric.decodeQuantity(receipt.getBlobGasPrice()));
      assertThat(paid).isGreaterThan(now.gasPrice()).isLessThanOrEqualTo(now.blobGasPrice());
    }
  }

  static BigInteger balance(DevChain chain, BigInteger block) throws Exception {
    return chain
        .web3j()
        .ethGetBalance(chain.operator().getAddress(), DefaultBlockParameter.valueOf(block))
        .send()
        .getBalance();
  }

  /**
   * An anvil genesis whose excess blob gas (150M) makes the blob base fee ~1e13 wei at first; it
   * falls by ~15% a block without blobs, so after the set-up's blocks it stays far above the gas
   * price. Its time is now (batches' times are checked against L1's clock).
   */
  static Path expensiveBlobsGenesis(Path dir) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode genesis = json.createObjectNode();
    genesis.putObject("config").put("chainId", AnvilNode.CHAIN_ID);
    genesis
        .put("nonce", "0x0")
        .put("timestamp", "0x" + Long.toHexString(System.currentTimeMillis() / 1000))
        .put("extraData", "0x")
        .put("gasLimit", "0x1c9c380")
        .put("difficulty", "0x0")
        .put("mixHash", "0x" + "0".repeat(64))
        .put("coinbase", "0x" + "0".repeat(40))
        .put("number", "0x0")
        .put("gasUsed", "0x0")
        .put("parentHash", "0x" + "0".repeat(64))
        .put("baseFeePerGas", "0x3b9aca00")
        .put("excessBlobGas", "0x" + Long.toHexString(150_000_000L))
        .put("blobGasUsed", "0x0")
        .putObject("alloc");
    Path file = dir.resolve("genesis.json");
    json.writeValue(file.toFile(), genesis);
    return file;
  }

  /** The receipt of a mined transaction. */
  static TransactionReceipt receipt(Web3j web3j, String transaction) throws IOException {
    return web3j.ethGetTransactionReceipt(transaction).send().getTransactionReceipt().orElseThrow();
  }

  static GnarkProver prover() {
    return GnarkProver.open(
        SettlementCircuit.layout(CAPS), SampleSettlement.testKeys(), KeyPolicy.DEVELOPMENT_SETUP);
  }

  /** A blob bridge for CAPS with the prover's verifier, on {@code anvil}. */
  static DevChain chain(Toolchain tools, GnarkProver prover, AnvilNode anvil) {
    return SampleSettlement.blobChain(anvil, tools, CAPS, DevChain.verifierCode(tools, prover));
  }

  /** The sample settlement's first batches on a chain, proven, and the root after each. */
  record Proven(List<SettlementBatch> batches, List<BigInteger> roots) {
    static Proven of(DevChain chain, GnarkProver prover, int count) {
      SampleSettlement sample = SampleSettlement.on(chain, count, CAPS);
      List<SettlementBatch> batches = new ArrayList<>();
      List<BigInteger> roots = new ArrayList<>();
      for (BuiltBatch built : sample.built) {
        batches.add(proven(prover, built));
        roots.add(built.after().root().toBigInteger());
      }
      return new Proven(batches, roots);
    }
  }

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
    BatchBlob blob = batch.blobs().getFirst();
    String vh = "0x" + HexFormat.of().formatHex(blob.versionedHash());
    TransactionReceipt receipt = receipt(chain.web3j(), r.transactionHash());
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
