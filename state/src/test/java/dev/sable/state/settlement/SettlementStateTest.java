package dev.sable.state.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.state.FillSlotLeaf;
import dev.sable.state.LeafUpdate;
import dev.sable.state.store.InMemoryKeyValueStore;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settlement state over a store: genesis, drafts that touch nothing, atomic commits. */
class SettlementStateTest {
  private static final Deployment DEPLOYMENT = new Deployment(31337, Fr.ofLong(0x5AB1EB41D6EL));
  private static final MarketParams PARAMS =
      new MarketParams(10, 100, 100_000, 50_000, -100, 500, 1L << 40, 1L << 21, 60, 3600, 2000);

  private static SettlementState genesis(InMemoryKeyValueStore store) {
    return SettlementState.genesis(
        store, DEPLOYMENT, List.of(MarketLeafV2.listed(7, PARAMS, List.of()), listed(3)));
  }

  private static MarketLeafV2 listed(long id) {
    KeyPoint key = KeyPoint.of(EdDsaPrivateKey.fromSeed(new byte[32]).publicKey());
    return MarketLeafV2.listed(id, PARAMS, List.of(key));
  }

  @Test
  void genesisHoldsTheFundAndTheMarkets() {
    SettlementState s = genesis(new InMemoryKeyValueStore());
    assertThat(s.marketIds()).containsExactly(3L, 7L);
    assertThat(s.market(3)).contains(listed(3));
    assertThat(s.account(0)).contains(AccountLeafV2.insuranceFund());
    assertThat(s.account(1)).isEmpty();
    assertThat(s.batchNumber()).isZero();
    GlobalState g = s.global();
    assertThat(g.feePool()).isZero();
    assertThat(g.depositCount()).isZero();
    assertThat(s.root()).isEqualTo(g.root());
  }

  /**
   * An option market's leaf keeps its terms through the store (they follow a perpetual's stored
   * bytes) and hashes them into its paramsHash, so it differs from the perpetual with the same
   * parameters.
   */
  @Test
  void anOptionMarketKeepsItsTermsThroughTheStore() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    OptionTerms call = new OptionTerms(3, OptionTerms.CALL, 50_000, 1_000_000, 1);
    MarketLeafV2 option = MarketLeafV2.listedOption(9, PARAMS, List.of(), call);
    SettlementState.genesis(store, DEPLOYMENT, List.of(listed(3), option));
    SettlementState reopened = SettlementState.open(store);
    assertThat(reopened.market(9)).contains(option);
    assertThat(reopened.market(3)).contains(listed(3));
    assertThat(option.hash()).isNotEqualTo(MarketLeafV2.listed(9, PARAMS, List.of()).hash());
    assertThat(option.paramsHash()).isEqualTo(call.paramsHash(PARAMS));
  }

  @Test
  void aSecondGenesisAndAStoreWithoutOneAreRefused() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    assertThatThrownBy(() -> SettlementState.open(store)).hasMessageContaining("no genesis");
    genesis(store);
    assertThatThrownBy(() -> genesis(store)).hasMessageContaining("already holds");
  }

  @Test
  void aDraftChangesNothingUntilCommittedAndCommitsOnlyOnItsRoot() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    SettlementState s = genesis(store);
    Fr before = s.root();
    int keys = store.size();

    StateDraft draft = s.draft();
    AccountLeafV2 alice =
        AccountLeafV2.opened(
            KeyPoint.of(EdDsaPrivateKey.fromSeed(new byte[32]).publicKey()), Fr.ONE);
    LeafUpdate u = draft.putAccount(5, alice);
    assertThat(u.oldLeaf()).isEqualTo(Fr.ZERO);
    assertThat(u.newLeaf()).isEqualTo(alice.hash());
    LeafUpdate fill = draft.putFillSlot(5, 1, new FillSlotLeaf(1, 600));
    assertThat(fill.oldRoot()).isEqualTo(SettlementLayout.EMPTY_FILLS_ROOT);
    assertThat(draft.account(5)).contains(alice);
    assertThat(draft.fillSlot(5, 1)).contains(new FillSlotLeaf(1, 600));
    draft.putHeader(draft.header().after(1, 10, -3, 100, 2));
    StateChange change = draft.change();
    assertThat(change.oldRoot()).isEqualTo(before);
    assertThat(change.newRoot()).isNotEqualTo(before);

    assertThat(store.size()).isEqualTo(keys);
    assertThat(s.root()).isEqualTo(before);
    assertThat(s.account(5)).isEmpty();

    StateDraft other = s.draft();
    other.putAccount(6, alice);
    s.commit(change);
    assertThat(s.root()).isEqualTo(change.newRoot());
    assertThat(SettlementState.open(store).root()).isEqualTo(change.newRoot());
    assertThat(s.account(5)).contains(alice);
    assertThat(s.global().fundingPool()).isEqualTo(-3);
    assertThatThrownBy(() -> s.commit(other.change())).hasMessageContaining("draft it again");
    assertThatThrownBy(() -> s.commit(change)).hasMessageContaining("draft it again");
  }

  @Test
  void onlyListedMarketsCanBeWritten() {
    StateDraft draft = genesis(new InMemoryKeyValueStore()).draft();
    assertThatThrownBy(() -> draft.putMarket(listed(4))).hasMessageContaining("not listed");
  }

  @Test
  void leavesRefuseMalformedContents() {
    assertThatThrownBy(() -> new PositionSlot(3, 0, 5, 0)).hasMessageContaining("all zeros");
    assertThatThrownBy(() -> new PositionSlot(256, 1, 5, 0)).hasMessageContaining("out of range");
    assertThatThrownBy(() -> new OracleRecord(0, 5)).hasMessageContaining("or none");
    assertThatThrownBy(
            () ->
                new AccountLeafV2(
                    KeyPoint.NONE,
                    Fr.ZERO,
                    Fr.ZERO,
                    0,
                    0,
                    0,
                    Fr.ZERO,
                    Collections.nCopies(7, PositionSlot.EMPTY)))
        .hasMessageContaining("8 slots");
    assertThatThrownBy(
            () -> new MarketParams(10, 100, 50_000, 50_000, 0, 500, 1, 1, 60, 3600, 2000))
        .hasMessageContaining("maintenanceMarginPpm");
    assertThatThrownBy(
            () -> new MarketParams(10, 100, 100_000, 50_000, 0, 500, 1L << 40, 1L << 23, 60, 0, 0))
        .hasMessageContaining("2^62");
  }

  /** Go ledger.State.SetMarginMode: an existing account's mode, outside any batch, committed. */
  @Test
  void aMarginModeIsSetOnAnExistingAccountOnly() {
    SettlementState s = genesis(new InMemoryKeyValueStore());
    StateDraft d = s.draft();
    d.putAccount(5, AccountLeafV2.opened(new KeyPoint(Fr.ofLong(3), Fr.ofLong(4)), Fr.ONE));
    s.commit(d.change());
    Fr before = s.root();
    s.setMarginMode(5, AccountLeafV2.MODE_PORTFOLIO);
    assertThat(s.account(5).orElseThrow().mode()).isEqualTo(AccountLeafV2.MODE_PORTFOLIO);
    assertThat(s.root()).isNotEqualTo(before);
    for (long[] bad : new long[][] {{0, 1}, {6, 1}, {5, 2}}) {
      assertThatThrownBy(() -> s.setMarginMode(bad[0], bad[1]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no such account or mode");
    }
  }
}
