package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.BatchBuilder;
import dev.sable.crypto.Fr;
import dev.sable.l1.FeeCaps;
import dev.sable.l1.PublicDataLayout;
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

/**
 * A faulty poster at the blob capacities: the pipeline's first transaction for batch 1 carries
 * another blob than the batch's (other rows, honestly opened at their own z, so the transaction is
 * well formed). L1 mines and reverts it, the node's state stays at genesis and the pipeline reports
 * the rejection (its reason is not decoded: the pipeline replays the batch it holds); its next step
 * posts the same batch (the proof reused) with its own blob, which L1 accepts, and the state and L1
 * agree.
 */
class BlobPipelineTest {
  @TempDir Path data;

  @Test
  void aBatchSentWithAnotherBlobIsRefusedAndThenPostedWithItsOwn() throws Exception {
    Toolchain tools = Toolchain.fromEnvironment();
    try (GnarkProver prover = BlobBatchOnAnvilTest.prover();
        DevChain chain = BlobBatchOnAnvilTest.chain(tools, prover, AnvilNode.start(tools));
        NodeDatabase db = NodeDatabase.open(data.resolve("db"));
        RocksDbKeyValueStore store = RocksDbKeyValueStore.open(data.resolve("settlement"), true)) {
      SampleSettlement sample = SampleSettlement.on(chain, 1, BlobBatchOnAnvilTest.CAPS);
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
      SettlementState state =
          SettlementGenesis.openOrCreate(
              store, SampleSettlement.deployment(chain), SampleSettlement.MARKETS);
      byte[] ownerSecret = new byte[32];
      Arrays.fill(ownerSecret, (byte) 7);
      L1Pipeline pipeline =
          new L1Pipeline(
              sample.source(),
              new BatchProver(
                  state, new BatchBuilder(BlobBatchOnAnvilTest.CAPS, ownerSecret), prover),
              faulty,
              db,
              Duration.ofSeconds(2),
              10,
              () -> {},
              new SimpleMeterRegistry());
      BigInteger genesis = chain.bridge().stateRoot();

      pipeline.step(); // proves, the bridge would take it (its own blob), sends the other blob
      assertThat(sends).containsExactly(false);
      // the reason is not decoded: the pipeline replays the batch it holds, with its own blob
      assertThat(pipeline.problem()).startsWith("the bridge rejected batch 1: ");
      TransactionReceipt refused =
          chain
              .web3j()
              .ethGetTransactionReceipt(hashes.get(0))
              .send()
              .getTransactionReceipt()
              .orElseThrow();
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

  /** The batch with a blob of other rows (each element one more), opened at that blob's own z. */
  static SettlementBatch withAnotherBlob(SettlementBatch batch) {
    List<Fr> rows = new ArrayList<>();
    for (int i = 0; i < PublicDataLayout.OWNER_ROW * BlobBatchOnAnvilTest.CAPS.accounts(); i++) {
      rows.add(Fr.of(BigInteger.valueOf(i + 1)));
    }
    return new SettlementBatch(
        batch.publicData(), batch.commitment(), batch.proof(), OwnerBlob.of(rows));
  }
}
