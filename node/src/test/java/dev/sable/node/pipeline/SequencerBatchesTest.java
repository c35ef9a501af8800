package dev.sable.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.BatchBuilder;
import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.Rule;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SettlementRuleException;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.node.TestMarkets;
import dev.sable.node.clock.DevOracle;
import dev.sable.node.config.MarketConfig;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.node.sequencing.SequencerLoop;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.SettlementState;
import dev.sable.state.store.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The node's batch source on a journal as the node writes it (L1 deposits with their queue records,
 * sealed traders' signed orders and withdrawal, the development oracle's signed prices, time
 * ticks): the batches it seals carry the fills, the builder accepts every one at the Tiny
 * capacities, a replay of the same journal seals exactly the same batches (also after a kill
 * between a batch's seal and L1's acceptance), and an unsigned oracle price stops batching with a
 * clear reason.
 */
class SequencerBatchesTest {
  static final Deployment D = new Deployment(31337, Fr.ofLong(0xb41d9e));
  static final long T0 = 1_780_000_000_000L; // milliseconds, the log's unit
  static final MarketSpec SPEC = TestMarkets.market("ETH-PERP", 1, 1, 1_000_000, 10_000_000);
  static final EdDsaPrivateKey ORACLE = EdDsaPrivateKey.fromSeed(seed(7));
  static final EdDsaPrivateKey ALICE = EdDsaPrivateKey.fromSeed(seed(1));
  static final EdDsaPrivateKey BOB = EdDsaPrivateKey.fromSeed(seed(2));

  static byte[] seed(int b) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) b);
    return s;
  }

  static List<MarketLeafV2> markets() {
    return SettlementGenesis.markets(
        List.of(new MarketConfig(SPEC, 3_000, null)), DevOracle.source(ORACLE), Capacities.TINY);
  }

  /** Builds journal entries in order, numbering them. */
  static final class Journal {
    final List<JournalEntry> entries = new ArrayList<>();
    final DevOracle oracle;
    long queueIndex;

    Journal(EdDsaPrivateKey oracleKey) {
      this(new DevOracle(oracleKey, D, new long[] {3_000}));
    }

    Journal(DevOracle oracle) {
      this.oracle = oracle;
    }

    Journal() {
      this(ORACLE);
    }

    void add(Command c, Provenance p) {
      entries.add(new JournalEntry(entries.size() + 1, c, p));
    }

    void time(long t) {
      add(new Command.TimeTick(t), Provenance.NODE);
    }

    void price(long price, long t) {
      oracle.move(0, price);
      DevOracle.Signed s = oracle.sign(0, t);
      add(s.command(), s.signature());
    }

    void deposit(int account, EdDsaPrivateKey key, long amount) {
      KeyPoint k = KeyPoint.of(key.publicKey());
      byte[] sender = new byte[20];
      sender[19] = (byte) account;
      add(
          new Command.Deposit(account, amount, dev.sable.batch.sequencer.AccountKeys.of(k)),
          new Provenance.L1Deposit(
              queueIndex++,
              account,
              sender,
              k.x().toBytes(),
              k.y().toBytes(),
              Fr.ofLong(0xB1D + account).toBytes(),
              10,
              new byte[32]));
    }

    void order(EdDsaPrivateKey key, OrderMessage m) {
      add(
          dev.sable.batch.sequencer.OrderCommands.place(m),
          new Provenance.Signed(new SignedRequest.Order(m, key.sign(m.hashV2(D)))));
    }

    void withdraw(EdDsaPrivateKey key, WithdrawalMessage w) {
      add(
          new Command.Withdraw((int) w.accountIndex(), w.amount(), w.nonce()),
          new Provenance.Signed(new SignedRequest.Withdrawal(w, key.sign(w.hashV2(D)))));
    }
  }

  /** Two traders fund through L1, trade twice, the mark moves, one withdraws. */
  static Journal trading() {
    return trading(new Journal());
  }

  static Journal trading(Journal j) {
    j.add(new Command.ListMarket(SPEC), Provenance.NODE);
    j.time(T0);
    j.price(3_000, T0);
    j.deposit(1, ALICE, 1_000_000_000);
    j.deposit(2, BOB, 1_000_000_000);
    j.time(T0 + 100);
    j.order(ALICE, new OrderMessage(1, 0, 1, 0, 0, 3_000, 10, 0, 0, 0));
    j.order(BOB, new OrderMessage(2, 0, 1, 1, 0, 3_000, 10, 0, 0, 0));
    j.order(ALICE, new OrderMessage(1, 0, 2, 0, 0, 3_000, 5, 0, 0, 0));
    j.order(BOB, new OrderMessage(2, 0, 2, 1, 0, 2_990, 5, 0, 0, 0));
    j.time(T0 + 1_000);
    j.price(3_100, T0 + 1_000);
    j.withdraw(BOB, new WithdrawalMessage(2, 1_000, Fr.ofLong(0xE0A1), 0));
    j.time(T0 + 5_000); // past the maximum age: the open batch is sealed
    return j;
  }

  /** A sequencer and a source fed the entries at the Tiny capacities; the source. */
  static SequencerBatches replay(List<JournalEntry> entries) {
    return replay(Capacities.TINY, markets(), entries);
  }

  /**
   * A sequencer and a source for a circuit of these capacities and genesis markets, fed the
   * entries; the source. The sequencer applies every entry (a batching stop does not stop it).
   */
  static SequencerBatches replay(
      Capacities capacities, List<MarketLeafV2> markets, List<JournalEntry> entries) {
    SequencerBatches source =
        new SequencerBatches(capacities, SettlementGenesis.view(markets), 2_000);
    try (SequencerLoop loop = new SequencerLoop()) {
      loop.addListener(source);
      entries.forEach(loop::replay);
      assertThat(loop.appliedSequence()).isEqualTo(entries.getLast().sequence());
      assertThat(loop.failure()).isNull();
    }
    return source;
  }

  static SettlementState genesis() {
    return genesis(markets());
  }

  static SettlementState genesis(List<MarketLeafV2> markets) {
    return SettlementState.genesis(new InMemoryKeyValueStore(), D, markets);
  }

  /** Builds and commits every batch the source gives at the Tiny capacities; returns them. */
  static List<SettlementBatch> buildAll(SequencerBatches source, SettlementState state) {
    return buildAll(Capacities.TINY, source, state).stream().map(Built::batch).toList();
  }

  /** A sealed batch and what the builder made of it. */
  record Built(SettlementBatch batch, BuiltBatch built) {}

  /** Builds and commits every batch the source gives, as the pipeline would; returns them. */
  static List<Built> buildAll(
      Capacities capacities, SequencerBatches source, SettlementState state) {
    BatchBuilder builder = new BatchBuilder(capacities);
    List<Built> out = new ArrayList<>();
    for (Optional<SealedBatch> s = source.next(state); s.isPresent(); s = source.next(state)) {
      BuiltBatch built = builder.build(state, s.get().batch());
      assertThat(built.number()).isEqualTo(state.batchNumber() + 1);
      state.commit(built.change());
      out.add(new Built(s.get().batch(), built));
    }
    return out;
  }

  @Test
  void theSequencersFillsPricesDepositsAndWithdrawalsReachBatchesTheBuilderAccepts() {
    SequencerBatches source = replay(trading().entries);
    SettlementState state = genesis();
    List<SettlementBatch> built = buildAll(source, state);

    assertThat(built.stream().mapToLong(b -> b.trades().size()).sum()).isEqualTo(2);
    assertThat(built.stream().mapToLong(b -> b.deposits().size()).sum()).isEqualTo(2);
    assertThat(built.stream().mapToLong(b -> b.prices().size()).sum()).isEqualTo(2);
    assertThat(built.stream().mapToLong(b -> b.withdrawals().size()).sum()).isEqualTo(1);
    assertThat(source.sealedCount()).isEqualTo(built.size());
    assertThat(state.batchNumber()).isEqualTo(built.size());
    assertThat(built).allSatisfy(b -> assertThat(b.time()).isGreaterThanOrEqualTo(T0));
    // the mark in the settlement state comes from the oracle key the genesis listed
    assertThat(state.market(0).orElseThrow().params())
        .isEqualTo(dev.sable.batch.sequencer.SettlementMarkets.params(SPEC));
  }

  @Test
  void aReplayOfTheSameJournalSealsExactlyTheSameBatches() {
    List<JournalEntry> entries = trading().entries;
    List<SettlementBatch> first = buildAll(replay(entries), genesis());
    List<SettlementBatch> again = buildAll(replay(entries), genesis());
    assertThat(again).isEqualTo(first);
  }

  /**
   * A kill after batch 2 was sealed (and posted) but before L1 accepted it: the settlement state
   * holds batch 1 only. The restarted node replays the journal from the start; its source gives
   * batch 2 again, the same batch, and goes on with the rest.
   */
  @Test
  void aKillBetweenSealAndL1AcceptanceGivesTheSameNextBatchAfterRestart() {
    List<JournalEntry> entries = trading().entries;
    List<SettlementBatch> first = buildAll(replay(entries), genesis());
    assertThat(first).hasSize(2); // Tiny: one fill per batch

    SettlementState state = genesis();
    SequencerBatches before = replay(entries);
    BuiltBatch one =
        new BatchBuilder(Capacities.TINY).build(state, before.next(state).get().batch());
    state.commit(one.change()); // L1 accepted batch 1; batch 2 was sealed, then the kill

    SequencerBatches restarted = replay(entries);
    assertThat(restarted.next(state).get().batch()).isEqualTo(first.get(1));
    assertThat(buildAll(restarted, state)).isEqualTo(first.subList(1, first.size()));
  }

  /**
   * Prices signed by a key the settlement state's market does not list (an oracle the operator made
   * up) reach a batch the builder refuses: the mark comes only from the listed sources.
   */
  @Test
  void pricesSignedByAKeyTheMarketDoesNotListAreRefused() {
    SequencerBatches source = replay(trading(new Journal(BOB)).entries);
    SettlementState state = genesis();
    SettlementBatch first = source.next(state).orElseThrow().batch();
    assertThat(first.prices()).isNotEmpty();
    assertThatThrownBy(() -> new BatchBuilder(Capacities.TINY).build(state, first))
        .isInstanceOfSatisfying(
            SettlementRuleException.class,
            e -> assertThat(e.breaks(Rule.ORACLE_SIGNATURE)).isTrue());
  }

  /**
   * A signed switch to portfolio margin in the journal (a data directory that ran without L1
   * batches): the sequencer applies it, and batching stops there with the reason (the command's
   * kind: a trader's command is not described further outside the sequencer), so no batch proves
   * the account under cross rules while the sequencer margins it as a portfolio.
   */
  @Test
  void aJournaledPortfolioMarginSwitchStopsBatchingWithItsReason() {
    Journal j = new Journal();
    j.entries.addAll(trading().entries.subList(0, 6)); // listed, priced, both funded
    MarginModeMessage toPortfolio = new MarginModeMessage(1, 1, 7);
    j.add(
        new Command.SetMarginMode(1, true, 7),
        new Provenance.Signed(
            new SignedRequest.MarginMode(toPortfolio, ALICE.sign(toPortfolio.hash(D)))));
    j.time(T0 + 200);
    assertThat(j.entries).hasSize(8);
    SequencerBatches source = replay(j.entries); // applies all 8
    assertThatThrownBy(() -> source.next(genesis()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "batching stopped at journal entry 7: a trader's SetMarginMode cannot be proven"
                + " (UnprovableCommandException)");
  }

  @Test
  void anUnsignedOraclePriceStopsBatchingWithItsReasonWhileTheSequencerGoesOn() {
    Journal j = trading();
    List<JournalEntry> entries = new ArrayList<>(j.entries.subList(0, 6));
    entries.add(
        new JournalEntry(7, new Command.OraclePrice(0, 0, 3_050, T0 + 100), Provenance.NODE));
    entries.add(new JournalEntry(8, new Command.TimeTick(T0 + 200), Provenance.NODE));
    SequencerBatches source = replay(entries); // applies all 8
    assertThatThrownBy(() -> source.next(genesis()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("batching stopped at journal entry 7")
        .hasMessageContaining("evidence does not match the command OraclePrice");
  }
}
