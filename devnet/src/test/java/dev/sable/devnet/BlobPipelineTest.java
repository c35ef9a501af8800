package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sable.batch.BatchBuilder;
import dev.sable.crypto.Fr;
import dev.sable.l1.FeeCaps;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.RollupBridge;
import dev.sable.l1.SettlementBatch;
import dev.sable.node.journal.NodeDatabase;
import dev.sable.node.pipeline.BatchProver;
import dev.sable.node.pipeline.L1Pipeline;
import dev.sable.node.pipeline.OwnerBlob;
import dev.sable.node.pipeline.SettlementGenesis;
import dev.sable.prover.GnarkProver;
import dev.sable.state.settlement.SettlementState;
import dev.sable.state.store.rocksdb.RocksDbKeyValueStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * A faulty poster at the blob capacities: the pipeline's first transaction for batch 1 carries
 * another blob than the batch's (other rows, honestly opened at their own z, so the transaction is
 * well formed). L1 mines and reverts it, the node's state stays at genesis and the pipeline reports
 * the rejection (its reason is not decoded: the pipeline replays the batch it holds); its next step
 * posts the same batch (the proof reused) with its own blob, which L1 accepts, and the state and L1
 * agree. A blob batch pending past the receipt wait is replaced with every fee cap doubled.
 */
class BlobPipelineTest {
  @TempDir Path data;

  @Test
  void aBatchSentWithAnotherBlobIsRefusedAndThenPostedWithItsOwn() throws Exception {
    try (Rig rig = new Rig(data)) {
      DevChain chain = rig.chain;
      List<Boolean> sends = new ArrayList<>(); // whether each send carried the batch's own blob
      List<String> hashes = new ArrayList<>();
      PipelineReliabilityTest.LosingBridge faulty =
          new PipelineReliabilityTest.LosingBridge(chain.bridge()) {
            @Override
            public String sendSubmit(SettlementBatch batch, BigInteger nonce, FeeCaps fees) {
              boolean own = !sends.isEmpty();
              sends.add(own);
              String hash = super.sendSubmit(own ? batch : withAnotherBlob(batch), nonce, fees);
              hashes.add(hash);
              return hash;
            }
          };
      SettlementState state = rig.state;
      L1Pipeline pipeline = rig.pipeline(faulty);
      BigInteger genesis = chain.bridge().stateRoot();

      pipeline.step(); // proves, the bridge would take it (its own blob), sends the other blob
      assertThat(sends).containsExactly(false);
      // the reason is not decoded: the pipeline replays the batch it holds, with its own blob
      assertThat(pipeline.problem()).startsWith("the bridge rejected batch 1: ");
      TransactionReceipt refused = BlobBatchOnAnvilTest.receipt(chain.web3j(), hashes.get(0));
      assertThat(refused.getType()).isEqualTo("0x3");
      assertThat(refused.isStatusOK()).as("mined and reverted").isFalse();
      assertThat(chain.bridge().batchCount()).isZero();
      assertThat(chain.bridge().stateRoot()).isEqualTo(genesis);
      assertThat(state.batchNumber()).as("the state did not commit it").isZero();
      assertThat(state.root().toBigInteger()).isEqualTo(genesis);

      for (int i = 0; i < 5 && chain.bridge().batchCount() == 0; i++) {
        pipeline.step(); // the same batch with its own blob
      }
      assertThat(sends).containsExactly(false, true);
      assertThat(chain.bridge().batchCount()).isEqualTo(1);
      assertThat(state.batchNumber()).isEqualTo(1);
      assertThat(chain.bridge().stateRoot()).isEqualTo(state.root().toBigInteger());
      assertThat(pipeline.problem()).isNull();
    }
  }

  /**
   * A blob batch pending past the receipt wait (anvil's automine off): the pipeline sends it again
   * with the same nonce, its blob again and both fee caps doubled, the first blob fee cap being
   * twice L1's blob base fee (not the gas price); the pool holds the replacement with those caps,
   * and once mined it is the batch L1 holds and the state follows.
   */
  @Test
  void aPendingBlobBatchIsReplacedWithEveryCapDoubled() throws Exception {
    try (Rig rig = new Rig(data)) {
      DevChain chain = rig.chain;
      List<FeeCaps> caps = new ArrayList<>();
      List<String> hashes = new ArrayList<>();
      PipelineReliabilityTest.LosingBridge recording =
          new PipelineReliabilityTest.LosingBridge(chain.bridge()) {
            @Override
            public String sendSubmit(SettlementBatch batch, BigInteger nonce, FeeCaps fees) {
              caps.add(fees);
              hashes.add(super.sendSubmit(batch, nonce, fees));
              return hashes.get(hashes.size() - 1);
            }
          };
      SettlementState state = rig.state;
      L1Pipeline pipeline = rig.pipeline(recording);
      String rpc = chain.rpcUrl();
      BigInteger blobBaseFee =
          Numeric.decodeQuantity(AnvilRpc.call(rpc, "eth_blobBaseFee").asText());

      AnvilRpc.call(rpc, "evm_setAutomine", false);
      pipeline.step(); // proves, sends, waits 2 s for a receipt, then sends again
      assertThat(caps).hasSize(2);
      FeeCaps first = caps.get(0);
      assertThat(first.blobGasPrice()).isEqualTo(blobBaseFee.shiftLeft(1));
      assertThat(caps.get(1))
          .isEqualTo(new FeeCaps(first.gasPrice().shiftLeft(1), first.blobGasPrice().shiftLeft(1)));
      JsonNode pooled = AnvilRpc.call(rpc, "eth_getTransactionByHash", hashes.get(1));
      assertThat(Numeric.decodeQuantity(pooled.path("maxFeePerBlobGas").asText()))
          .isEqualTo(caps.get(1).blobGasPrice());
      assertThat(Numeric.decodeQuantity(pooled.path("maxFeePerGas").asText()))
          .isEqualTo(caps.get(1).gasPrice());
      assertThat(state.batchNumber()).as("the state waits for L1").isZero();

      AnvilRpc.call(rpc, "evm_mine");
      AnvilRpc.call(rpc, "evm_setAutomine", true);
      pipeline.step(); // the replacement's receipt: commit
      assertThat(chain.bridge().batchCount()).isEqualTo(1);
      assertThat(state.batchNumber()).isEqualTo(1);
      assertThat(chain.bridge().stateRoot()).isEqualTo(state.root().toBigInteger());
      assertThat(chain.bridge().acceptedBatches().get(0).at().transactionHash())
          .isEqualTo(hashes.get(1));
    }
  }

  /**
   * What each test runs on: a blob bridge for the blob capacities on a new anvil, the node's
   * database and settlement state (at genesis) in a directory, the sample's one batch. Closing it
   * closes what it opened, in reverse; so does a failure while opening.
   */
  static final class Rig implements AutoCloseable {
    private final List<AutoCloseable> opened = new ArrayList<>();
    final GnarkProver prover;
    final DevChain chain;
    final NodeDatabase db;
    final SampleSettlement sample;
    final SettlementState state;

    Rig(Path data) {
      try {
        Toolchain tools = Toolchain.fromEnvironment();
        prover = own(BlobBatchOnAnvilTest.prover());
        chain = own(BlobBatchOnAnvilTest.chain(tools, prover, AnvilNode.start(tools)));
        db = own(NodeDatabase.open(data.resolve("db")));
        RocksDbKeyValueStore store =
            own(RocksDbKeyValueStore.open(data.resolve("settlement"), true));
        sample = SampleSettlement.on(chain, 1, BlobBatchOnAnvilTest.CAPS);
        state =
            SettlementGenesis.openOrCreate(
                store, SampleSettlement.deployment(chain), SampleSettlement.MARKETS);
      } catch (RuntimeException | Error e) {
        try {
          close();
        } catch (RuntimeException c) {
          e.addSuppressed(c);
        }
        throw e;
      }
    }

    private <T extends AutoCloseable> T own(T resource) {
      opened.add(resource);
      return resource;
    }

    /** The pipeline at the blob capacities, posting the sample's batches through {@code bridge}. */
    L1Pipeline pipeline(RollupBridge bridge) {
      byte[] ownerSecret = new byte[32];
      Arrays.fill(ownerSecret, (byte) 7);
      return new L1Pipeline(
          sample.source(),
          new BatchProver(state, new BatchBuilder(BlobBatchOnAnvilTest.CAPS, ownerSecret), prover),
          bridge,
          db,
          Duration.ofSeconds(2),
          10,
          () -> {},
          new SimpleMeterRegistry());
    }

    @Override
    public void close() {
      IllegalStateException failed = null;
      for (int i = opened.size() - 1; i >= 0; i--) {
        try {
          opened.get(i).close();
        } catch (Exception e) {
          if (failed == null) {
            failed = new IllegalStateException("closing " + opened.get(i), e);
          } else {
            failed.addSuppressed(e);
          }
        }
      }
      if (failed != null) {
        throw failed;
      }
    }
  }

  /** The batch with a blob of other rows (each element one more), opened at that blob's own z. */
  static SettlementBatch withAnotherBlob(SettlementBatch batch) {
    List<Fr> rows = new ArrayList<>();
    for (int i = 0; i < PublicDataLayout.OWNER_ROW * BlobBatchOnAnvilTest.CAPS.accounts(); i++) {
      rows.add(Fr.of(BigInteger.valueOf(i + 1)));
    }
    return new SettlementBatch(
        batch.publicData(), batch.commitment(), batch.proof(), OwnerBlob.of(rows, 1));
  }
}
