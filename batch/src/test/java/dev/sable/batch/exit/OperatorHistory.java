package dev.sable.batch.exit;

import dev.sable.crypto.Ecdh;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.StateLayout;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.GlobalState;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.OwnerData;
import dev.sable.state.settlement.PositionSlot;
import dev.sable.state.settlement.SettlementLayout;
import dev.sable.state.store.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The operator's side in tests: an account tree it keeps, and each batch's public data with the
 * owner-data section written as the layout fixes it (the leaves encrypted with {@code OwnerData}).
 * Two traders: Alice (account 1) and Bob (account 2).
 */
public final class OperatorHistory {
  /**
   * The layout's offsets for 1 deposit slot, 1 withdrawal slot, 1 market row, no steps or request
   * slots and 3 account rows: the market row at 13, the owner data at 14.
   */
  public static final int MARKET_ROW_AT = 13;

  public static final int OWNER_DATA_AT = 14;
  public static final int ACCOUNT_ROWS = 3;
  public static final Fr MARKETS_ROOT = Fr.ofLong(77);
  public static final long MARKET = 3;

  /** Market 3's row: mark 150, funding index 12 (market + 2^80 mark + 2^144 (index + 2^63)). */
  public static final Fr ROW =
      Fr.of(
          BigInteger.valueOf(MARKET)
              .add(BigInteger.valueOf(150).shiftLeft(80))
              .add(BigInteger.valueOf(12).add(BigInteger.ONE.shiftLeft(63)).shiftLeft(144)));

  public static final EdDsaPrivateKey ALICE = key(1);
  public static final EdDsaPrivateKey BOB = key(2);

  /** Alice's leaf after batch 2 (a long position in market 3), unchanged in batch 3. */
  public static final AccountLeafV2 ALICE_LAST =
      leaf(ALICE, 11, 900, List.of(new PositionSlot(MARKET, 2, 200, 10)));

  public static final AccountLeafV2 BOB_LAST = leaf(BOB, 12, 400, List.of());

  private final SparseMerkleTree tree =
      new SparseMerkleTree(
          new InMemoryKeyValueStore(),
          new byte[] {'t'},
          StateLayout.ACCOUNT_DEPTH,
          Poseidon2.INSTANCE);
  private final List<List<Fr>> batches = new ArrayList<>();
  private final long chainId;
  private final Fr bridge;
  private Fr root;

  OperatorHistory(long chainId, Fr bridge) {
    this.chainId = chainId;
    this.bridge = bridge;
    tree.update(SettlementLayout.FUND_ACCOUNT, AccountLeafV2.insuranceFund().hash());
    root = new GlobalState(tree.root(), MARKETS_ROOT, 0, 0, 0, 0).root();
  }

  /** The state root before any batch. */
  public static Fr genesisRoot() {
    return new OperatorHistory(1, Fr.ONE).root;
  }

  /**
   * Three batches for a bridge on chain {@code chainId} at {@code bridge}: both open; Alice trades
   * (market 3's row published); Bob withdraws.
   */
  public static OperatorHistory threeBatches(long chainId, Fr bridge) {
    OperatorHistory h = new OperatorHistory(chainId, bridge);
    h.publish(Map.of(1L, leaf(ALICE, 11, 1_000, List.of()), 2L, leaf(BOB, 12, 500, List.of())));
    h.publish(Map.of(1L, ALICE_LAST));
    h.publish(Map.of(2L, BOB_LAST));
    return h;
  }

  public static OperatorHistory threeBatches() {
    return threeBatches(1, Fr.ONE);
  }

  /**
   * Appends a batch (no deposits, withdrawals or steps) that changes {@code changed}; the second
   * batch publishes market 3's row.
   */
  void publish(Map<Long, AccountLeafV2> changed) {
    long number = batches.size() + 1;
    Fr[] d = new Fr[OWNER_DATA_AT + OwnerDataSection.HEADER + OwnerDataSection.ROW * ACCOUNT_ROWS];
    Arrays.fill(d, Fr.ZERO);
    d[0] = Fr.ofLong(chainId);
    d[1] = bridge;
    d[2] = Fr.ofLong(number);
    d[3] = Fr.ofLong(1_000 * number);
    d[4] = root;
    if (number == 2) {
      d[MARKET_ROW_AT] = ROW;
    }
    BigInteger e = BigInteger.valueOf(1_000 + number);
    Ecdh.Point ephemeral = Ecdh.multiplyBase(e);
    int row = OWNER_DATA_AT + OwnerDataSection.HEADER;
    for (var entry : new java.util.TreeMap<>(changed).entrySet()) {
      long account = entry.getKey();
      AccountLeafV2 leaf = entry.getValue();
      tree.update(account, leaf.hash());
      d[row] = Fr.ofLong((1L << 24) + account);
      d[row + 1] = leaf.hash();
      List<Fr> cipher =
          OwnerData.encrypt(e, leaf.key(), number, account, OwnerData.plaintext(leaf));
      for (int i = 0; i < cipher.size(); i++) {
        d[row + 2 + i] = cipher.get(i);
      }
      row += OwnerDataSection.ROW;
    }
    GlobalState state = new GlobalState(tree.root(), MARKETS_ROOT, 5, -3, 1_000 * number, 0);
    root = state.root();
    d[5] = root;
    List<Fr> owner =
        List.of(
            tree.root(), MARKETS_ROOT, Fr.ofLong(5), Fr.ofLong(-3), ephemeral.x(), ephemeral.y());
    for (int i = 0; i < owner.size(); i++) {
      d[OWNER_DATA_AT + i] = owner.get(i);
    }
    batches.add(new ArrayList<>(Arrays.asList(d)));
  }

  /** The public data of every batch so far (mutable copies, for tampering). */
  public List<List<Fr>> publicData() {
    List<List<Fr>> out = new ArrayList<>();
    batches.forEach(b -> out.add(new ArrayList<>(b)));
    return out;
  }

  Fr accountsRoot() {
    return tree.root();
  }

  public static List<PublishedBatch> read(List<List<Fr>> data) {
    return data.stream().map(d -> PublishedBatch.read(d, OWNER_DATA_AT, ACCOUNT_ROWS)).toList();
  }

  public static AccountLeafV2 leaf(
      EdDsaPrivateKey owner, long blinding, long collateral, List<PositionSlot> positions) {
    List<PositionSlot> slots =
        new ArrayList<>(Collections.nCopies(SettlementLayout.POSITION_SLOTS, PositionSlot.EMPTY));
    for (int p = 0; p < positions.size(); p++) {
      slots.set(p, positions.get(p));
    }
    return AccountLeafV2.opened(KeyPoint.of(owner.publicKey()), Fr.ofLong(blinding))
        .with(collateral, 0, SettlementLayout.EMPTY_FILLS_ROOT, slots);
  }

  public static EdDsaPrivateKey key(int seed) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) seed);
    return EdDsaPrivateKey.fromSeed(s);
  }
}
