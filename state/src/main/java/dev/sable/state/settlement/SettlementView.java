package dev.sable.state.settlement;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.state.FillSlotLeaf;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.StateLayout;
import dev.sable.state.store.KeyValueStore;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the settlement state held in a key-value store: the account tree (depth 24), the market
 * tree (depth 8), each account's fill-slot tree (depth 10), the contents of their leaves (the trees
 * hold only hashes) and the header. {@link SettlementState} reads the committed store, {@link
 * StateDraft} a draft of a batch on top of it.
 */
public abstract class SettlementView {
  // Key prefixes: trees (lower case) and leaf contents (upper case) never share a first byte.
  static final byte ACCOUNT_TREE = 'a';
  static final byte MARKET_TREE = 'm';
  static final byte FILL_TREE = 'f';
  static final byte ACCOUNT = 'A';
  static final byte MARKET = 'M';
  static final byte FILL = 'F';
  static final byte[] HEADER = {'H'};

  final KeyValueStore store;

  SettlementView(KeyValueStore store) {
    this.store = store;
  }

  /**
   * The tree under namespace: a fresh one, or one the view keeps while its store does not change.
   */
  abstract SparseMerkleTree tree(byte[] namespace, int depth);

  public StateHeader header() {
    byte[] h = store.get(HEADER);
    if (h == null) {
      throw new IllegalStateException("the store holds no settlement state (no genesis)");
    }
    return StateCodec.header(h);
  }

  public Deployment deployment() {
    return header().deployment();
  }

  /** The number of the last batch applied (0 at genesis). */
  public long batchNumber() {
    return header().batchNumber();
  }

  public GlobalState global() {
    StateHeader h = header();
    return new GlobalState(
        accountTree().root(),
        marketTree().root(),
        h.feePool(),
        h.fundingPool(),
        h.time(),
        h.depositCount());
  }

  /** The global state root: what the bridge stores. */
  public Fr root() {
    return global().root();
  }

  public Optional<AccountLeafV2> account(long index) {
    return Optional.ofNullable(store.get(accountKey(index))).map(StateCodec::account);
  }

  public Optional<MarketLeafV2> market(long id) {
    return Optional.ofNullable(store.get(marketKey(id))).map(StateCodec::market);
  }

  public List<Long> marketIds() {
    return header().marketIds();
  }

  /** The fill slot of an account, or empty if no order ever used it. */
  public Optional<FillSlotLeaf> fillSlot(long account, long slot) {
    return Optional.ofNullable(store.get(fillKey(account, slot))).map(StateCodec::fill);
  }

  SparseMerkleTree accountTree() {
    return tree(new byte[] {ACCOUNT_TREE}, StateLayout.ACCOUNT_DEPTH);
  }

  SparseMerkleTree marketTree() {
    return tree(new byte[] {MARKET_TREE}, StateLayout.MARKET_DEPTH);
  }

  SparseMerkleTree fillTree(long account) {
    return tree(
        ByteBuffer.allocate(5).put(FILL_TREE).putInt((int) account).array(),
        StateLayout.FILL_DEPTH);
  }

  static SparseMerkleTree newTree(KeyValueStore store, byte[] namespace, int depth) {
    return new SparseMerkleTree(store, namespace, depth, Poseidon2.INSTANCE);
  }

  static byte[] accountKey(long index) {
    return ByteBuffer.allocate(9).put(ACCOUNT).putLong(index).array();
  }

  static byte[] marketKey(long id) {
    return ByteBuffer.allocate(9).put(MARKET).putLong(id).array();
  }

  static byte[] fillKey(long account, long slot) {
    return ByteBuffer.allocate(17).put(FILL).putLong(account).putLong(slot).array();
  }
}
