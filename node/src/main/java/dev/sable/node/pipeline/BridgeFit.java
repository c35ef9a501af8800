package dev.sable.node.pipeline;

import dev.sable.crypto.Fr;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.RollupBridge;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.node.journal.NodeDatabase;
import java.math.BigInteger;

/**
 * What the node checks at start, before it journals anything, that a bridge is its own: the
 * circuit's capacities, the markets its genesis lists, and a history the node's state can follow
 * (docs/node.md "Startup checks"). Each refusal is one line naming both sides. The chain id (an RPC
 * endpoint's), the verifying key ({@link L1Pipeline#checkVerifier}) and the settlement state's
 * deployment ({@link SettlementGenesis#openOrCreate}) are checked where they are read.
 */
public final class BridgeFit {
  private BridgeFit() {}

  /**
   * Refuses a bridge of the other kind than the node's circuit: a {@code -owner-blob} circuit's
   * batches carry their owner rows in a blob, which only a SettlementBlobBridge takes, and other
   * circuits' rows are calldata, which a SettlementBlobBridge refuses; the two kinds' layouts read
   * the same, so {@link #checkDeployment} alone would let the node start and fail at its first
   * post. For the same reason a blob bridge must take as many blobs per batch as the circuit fills.
   *
   * @param blobs the blobs each of the circuit's batches carries (0: owner rows in calldata)
   * @param preset the node's {@code pipeline.capacities}, named in the refusal
   */
  public static void checkKind(
      SettlementBridgeClient bridge, int blobs, String circuit, String preset) {
    boolean blobCircuit = blobs > 0;
    boolean blobBridge;
    try {
      blobBridge = bridge.blobBatches();
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "the bridge at "
              + bridge.address()
              + " does not say which kind of batch it takes (blobBatches() failed: "
              + e.getMessage()
              + "): it is no settlement bridge of this version; configure one deployed from this"
              + " version's contracts",
          e);
    }
    if (blobBridge == blobCircuit) {
      checkBlobCount(bridge, blobs, circuit, preset);
      return;
    }
    throw new IllegalStateException(
        "the bridge at "
            + bridge.address()
            + " is a "
            + (blobBridge
                ? "SettlementBlobBridge (owner rows in a blob)"
                : "SettlementBridge (owner rows in calldata)")
            + ", the node's preset "
            + preset
            + " (circuit "
            + circuit
            + ") posts its owner rows "
            + (blobCircuit ? "in a blob" : "in calldata")
            + ": set l1.bridge to a "
            + (blobCircuit ? "SettlementBlobBridge" : "SettlementBridge")
            + "'s address, or pipeline.capacities to a preset "
            + (blobCircuit ? "without" : "with")
            + " -owner-blob");
  }

  private static void checkBlobCount(
      SettlementBridgeClient bridge, int blobs, String circuit, String preset) {
    if (blobs == 0) {
      return;
    }
    int bridgeBlobs = bridge.blobCount();
    if (bridgeBlobs != blobs) {
      throw new IllegalStateException(
          "the bridge at "
              + bridge.address()
              + " takes batches of "
              + bridgeBlobs
              + " blobs, the node's preset "
              + preset
              + " (circuit "
              + circuit
              + ") posts "
              + blobs
              + ": set l1.bridge to a SettlementBlobBridge whose blobCount is "
              + blobs);
    }
  }

  /**
   * Refuses a bridge that reads the public data with other capacities than the node's circuit, or
   * whose genesis lists another number of markets than the node's configuration (markets are listed
   * at genesis only: the sequencer's listings must be the genesis state's).
   */
  public static void checkDeployment(
      SettlementBridgeClient bridge, PublicDataLayout layout, String circuit, int markets) {
    if (!bridge.layout().equals(layout)) {
      throw new IllegalStateException(
          "the bridge at "
              + bridge.address()
              + " takes batches of layout "
              + bridge.layout()
              + ", the node's circuit "
              + circuit
              + " makes "
              + layout);
    }
    int genesis = bridge.genesisMarkets();
    if (genesis != markets) {
      throw new IllegalStateException(
          "the bridge at "
              + bridge.address()
              + " was deployed for a genesis of "
              + genesis
              + " markets, the node lists "
              + markets
              + " (markets are listed at genesis only): configure its markets, or use a bridge"
              + " deployed for these");
    }
  }

  /**
   * Refuses, for a node without settlement state, a bridge that is not at its genesis: no batch
   * yet, at the root of the genesis the node's markets make.
   */
  public static void checkGenesis(RollupBridge bridge, Fr genesisRoot) {
    BigInteger l1 = bridge.stateRoot();
    long count = bridge.batchCount();
    if (count != 0 || !l1.equals(genesisRoot.toBigInteger())) {
      throw new IllegalStateException(
          String.format(
              "the bridge at %s is at batch %d, root %s; this node starts a new state at genesis"
                  + " root %s: use a bridge deployed for this genesis, or the data directory of"
                  + " the node that posted to it",
              bridge.address(), count, Fr.of(l1), genesisRoot));
    }
  }

  /**
   * Refuses, for a node restarted at batch {@code batches} and root {@code root}, a bridge whose
   * history its state cannot follow. The pipeline goes on from a bridge at the same batch and root,
   * where the submission the node has pending leaves it (taken while the node was down, or not
   * yet), or behind after a reorg at the root the node's next stored batch starts from (it posts
   * again); any other bridge holds a history this node did not make.
   */
  public static void checkRestart(RollupBridge bridge, NodeDatabase db, long batches, Fr root) {
    BigInteger l1 = bridge.stateRoot();
    long count = bridge.batchCount();
    PipelineStore store = new PipelineStore(db);
    boolean follows =
        count == batches && l1.equals(root.toBigInteger())
            || store
                .pending()
                .filter(s -> s.takenAt(count, l1) || s.awaitedAt(count, l1))
                .isPresent()
            || count < batches && store.batch(count + 1).filter(b -> b.startsFrom(l1)).isPresent();
    if (!follows) {
      throw new IllegalStateException(
          String.format(
              "the bridge at %s is at batch %d, root %s; this node's state is at batch %d, root %s,"
                  + " a history the bridge did not accept: use the bridge this node posted to",
              bridge.address(), count, Fr.of(l1), batches, root));
    }
  }
}
