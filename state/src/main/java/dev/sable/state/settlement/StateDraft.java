package dev.sable.state.settlement;

import dev.sable.crypto.Fr;
import dev.sable.state.FillSlotLeaf;
import dev.sable.state.LeafUpdate;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.store.KeyValueStore;
import dev.sable.state.store.OverlayStore;
import dev.sable.state.store.StoreBatch;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A batch's changes to the settlement state, drafted in memory on top of the committed store: reads
 * see the draft's writes, each tree write returns its witness (the path at the moment of the
 * write), and nothing reaches the store until {@link SettlementState#commit} of {@link #change()}.
 * Dropping a draft drops its changes. One thread owns a draft.
 */
public final class StateDraft extends SettlementView {
  private final OverlayStore overlay;
  private final Fr oldRoot;
  private final Map<String, SparseMerkleTree> trees = new HashMap<>();

  StateDraft(KeyValueStore base, Fr oldRoot) {
    this(new OverlayStore(base), oldRoot);
  }

  private StateDraft(OverlayStore overlay, Fr oldRoot) {
    super(overlay);
    this.overlay = overlay;
    this.oldRoot = oldRoot;
  }

  @Override
  SparseMerkleTree tree(byte[] namespace, int depth) {
    return trees.computeIfAbsent(
        Arrays.toString(namespace), k -> newTree(overlay, namespace, depth));
  }

  /** Writes an account and returns its change in the account tree. */
  public LeafUpdate putAccount(long index, AccountLeafV2 account) {
    overlay.write(new StoreBatch().put(accountKey(index), StateCodec.account(account)));
    return accountTree().update(index, account.hash());
  }

  /**
   * The change of an account that does not exist and stays so (its leaf 0): the path of a row a
   * batch reads only to serve a forced request naming it.
   */
  public LeafUpdate absentAccount(long index) {
    if (account(index).isPresent()) {
      throw new IllegalArgumentException("account " + index + " exists");
    }
    return accountTree().update(index, Fr.ZERO);
  }

  /** Writes a listed market and returns its change in the market tree. */
  public LeafUpdate putMarket(MarketLeafV2 market) {
    if (!marketIds().contains(market.id())) {
      throw new IllegalArgumentException("market " + market.id() + " is not listed");
    }
    overlay.write(new StoreBatch().put(marketKey(market.id()), StateCodec.market(market)));
    return marketTree().update(market.id(), market.hash());
  }

  /** Writes an account's fill slot and returns its change in the account's fill tree. */
  public LeafUpdate putFillSlot(long account, long slot, FillSlotLeaf leaf) {
    overlay.write(new StoreBatch().put(fillKey(account, slot), StateCodec.fill(leaf)));
    return fillTree(account).update(slot, leaf.hash());
  }

  public void putHeader(StateHeader header) {
    overlay.write(new StoreBatch().put(HEADER, StateCodec.header(header)));
  }

  /** Everything drafted so far, to be committed on the state this draft started from. */
  public StateChange change() {
    return new StateChange(oldRoot, root(), overlay.pending());
  }
}
