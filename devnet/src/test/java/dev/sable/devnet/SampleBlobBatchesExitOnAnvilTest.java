package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.exit.AccountRecovery;
import dev.sable.batch.exit.PublishedBatch;
import dev.sable.batch.exit.RecoveredAccount;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.node.l1.CircuitLayout;
import dev.sable.state.MerkleProof;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Blob batches built by Java's ledger (the sample settlement at TINY_OWNER_BLOB: deposits, a trade,
 * withdrawals; its owner rows encrypted to each trader) posted as type-3 transactions to a
 * SettlementBlobBridge on anvil, then read back as an exit reads L1: each trader's key rebuilds the
 * leaf the ledger holds and a path to the last accepted account root. The settlement verifier is
 * the accepting test verifier (BlobBatchOnAnvilTest posts the same batches with real proofs); the
 * blob openings are checked by the point-evaluation precompile.
 */
class SampleBlobBatchesExitOnAnvilTest {
  static final Capacities CAPS = Capacities.TINY_OWNER_BLOB;

  @Test
  void eachTraderRebuildsItsLeafFromTheLedgersBlobBatchesOnL1() throws Exception {
    Toolchain tools = Toolchain.fromEnvironment();
    try (DevChain chain = SampleSettlement.acceptingBlobChain(tools, CAPS)) {
      SampleSettlement sample = SampleSettlement.on(chain, 3, CAPS);
      SettlementBridgeClient bridge = chain.bridge();
      for (BuiltBatch built : sample.built) {
        bridge.submitBatch(SampleSettlement.forBlobBridge(built, new byte[256]));
      }
      assertThat(bridge.batchCount()).isEqualTo(3);

      eachTraderRebuildsItsLeaf(chain, sample, CAPS);
    }
  }

  /**
   * Reads the bridge's accepted blob batches as an exit reads L1 (their blobs from anvil); each
   * sample trader's key rebuilds its leaf and a path to the last accepted account root.
   */
  static void eachTraderRebuildsItsLeaf(DevChain chain, SampleSettlement sample, Capacities caps) {
    eachOwnerRebuildsItsLeaf(
        chain.bridge(),
        chain.rpcUrl(),
        caps,
        sample.built.getLast().after().accountsRoot(),
        Map.of(
            SampleSettlement.ALICE, sample.world.trader(SampleSettlement.ALICE),
            SampleSettlement.BOB, sample.world.trader(SampleSettlement.BOB)));
  }

  /**
   * Reads the accepted batches of {@code bridge} (at {@code caps}) as an exit reads L1, every blob
   * from the anvil at {@code rpcUrl}: the last batch's account root must be {@code accounts}, and
   * each owner's key rebuilds the leaf of its account and a path to that root. Returns what each
   * rebuilt, by account.
   */
  static Map<Long, RecoveredAccount> eachOwnerRebuildsItsLeaf(
      SettlementBridgeClient bridge,
      String rpcUrl,
      Capacities caps,
      Fr accounts,
      Map<Long, EdDsaPrivateKey> owners) {
    AnvilBlobs blobs = new AnvilBlobs(rpcUrl);
    List<PublishedBatch> fromL1 =
        L1BatchReader.readAll(bridge, CircuitLayout.of(caps), bridge.acceptedBatches(), blobs);
    assertThat(fromL1.getLast().owner().accountsRoot()).isEqualTo(accounts);
    Map<Long, RecoveredAccount> rebuilt = new TreeMap<>();
    owners.forEach(
        (account, key) -> {
          RecoveredAccount r = AccountRecovery.recover(fromL1, key, OptionalLong.empty());
          assertThat(r.account()).isEqualTo(account);
          assertThat(MerkleProof.fold(Poseidon2.INSTANCE, account, r.leaf().hash(), r.siblings()))
              .as("account %d's leaf and path", account)
              .isEqualTo(accounts);
          rebuilt.put(account, r);
        });
    return rebuilt;
  }
}
