package dev.sable.bench;

import dev.sable.batch.Capacities;
import dev.sable.batch.sequencer.AccountKeys;
import dev.sable.batch.sequencer.OrderCommands;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.node.clock.DevOracle;
import dev.sable.node.config.MarketConfig;
import dev.sable.node.intake.IntakeGate;
import dev.sable.node.intake.MarketCatalog;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.NodeSnapshot;
import dev.sable.node.journal.Provenance;
import dev.sable.node.journal.SnapshotStore;
import dev.sable.node.pipeline.SequencerBatches;
import dev.sable.node.pipeline.SettlementGenesis;
import dev.sable.node.sequencing.AccountFeed;
import dev.sable.node.sequencing.MarketData;
import dev.sable.node.sequencing.Publisher;
import dev.sable.node.sequencing.Replica;
import dev.sable.node.sequencing.SequencerLoop;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.SettlementView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a restart of a node with L1 batches does before it serves (docs/node.md, "Snapshots"),
 * measured in process on a generated journal as the node writes it (L1 deposits, traders' signed
 * crossing orders, the development oracle's signed prices, time ticks): the sequencer, intake's
 * gate and the batch source brought to the journal's end either by replaying the whole journal from
 * genesis (what such a node did before snapshots held the batcher) or by restoring a snapshot file
 * taken {@code tail} entries before the end and replaying those. The journal is held in memory:
 * RocksDB's reads of the replayed entries are not in either figure.
 */
public final class RestartReplay {
  static final Deployment D = new Deployment(31337, Fr.ofLong(0xb41d9e));
  static final long T0 = 1_780_000_000_000L;
  static final MarketSpec SPEC =
      new MarketSpec(
          "ETH-PERP",
          1,
          1,
          100_000,
          50_000,
          0,
          500,
          1_000_000_000,
          10_000_000,
          1,
          60_000,
          3_600_000,
          2_000,
          100);
  private static final int TRADERS = 8;

  private final List<JournalEntry> entries = new ArrayList<>();
  private final EdDsaPrivateKey oracleKey = EdDsaPrivateKey.fromSeed(seed(99));
  private final SettlementView genesis;
  private final Capacities capacities;

  /** A journal of about {@code orders} signed orders (crossing in pairs) and what they need. */
  public RestartReplay(int orders, Capacities capacities) {
    this.capacities = capacities;
    this.genesis =
        SettlementGenesis.view(
            SettlementGenesis.markets(
                List.of(new MarketConfig(SPEC, 3_000, null)),
                DevOracle.source(oracleKey),
                capacities));
    DevOracle oracle = new DevOracle(oracleKey, D, new long[] {3_000});
    EdDsaPrivateKey[] keys = new EdDsaPrivateKey[TRADERS];
    add(new Command.ListMarket(SPEC), Provenance.NODE);
    long now = T0;
    add(new Command.TimeTick(now), Provenance.NODE);
    price(oracle, now);
    for (int a = 1; a <= TRADERS; a++) {
      keys[a - 1] = EdDsaPrivateKey.fromSeed(seed(a));
      deposit(a, keys[a - 1]);
    }
    long[] clientIds = new long[TRADERS + 1];
    for (int i = 0; i < orders; i++) {
      int account = 1 + i % TRADERS;
      int side = (i / TRADERS) % 2 == 0 ? i % 2 : 1 - i % 2;
      OrderMessage m =
          new OrderMessage(account, 0, ++clientIds[account], side, 0, 3_000, 1, 0, 0, 0);
      add(
          OrderCommands.place(m),
          new Provenance.Signed(new SignedRequest.Order(m, keys[account - 1].sign(m.hashV2(D)))));
      if (i % 20 == 19) {
        now += 100;
        add(new Command.TimeTick(now), Provenance.NODE);
      }
      if (i % 2_000 == 1_999) {
        price(oracle, now);
      }
    }
  }

  private static byte[] seed(int b) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) b);
    return s;
  }

  private void add(Command c, Provenance p) {
    entries.add(new JournalEntry(entries.size() + 1, c, p));
  }

  private void price(DevOracle oracle, long now) {
    DevOracle.Signed s = oracle.sign(0, now);
    add(s.command(), s.signature());
  }

  private void deposit(int account, EdDsaPrivateKey key) {
    KeyPoint k = KeyPoint.of(key.publicKey());
    byte[] sender = new byte[20];
    sender[19] = (byte) account;
    add(
        new Command.Deposit(account, 1_000_000_000_000L, AccountKeys.of(k)),
        new Provenance.L1Deposit(
            account - 1,
            account,
            sender,
            k.x().toBytes(),
            k.y().toBytes(),
            Fr.ofLong(0xB1D + account).toBytes(),
            10,
            new byte[32]));
  }

  public int entries() {
    return entries.size();
  }

  private SequencerBatches source() {
    return new SequencerBatches(capacities, genesis, 2_000);
  }

  /**
   * Takes the snapshot a node's snapshotter would have written {@code tail} entries before the end
   * into {@code dir}; returns its size in bytes.
   */
  public long writeSnapshot(Path dir, int tail) {
    Replica replica = Replica.fresh(source().counting());
    entries.subList(0, entries.size() - tail).forEach(replica::apply);
    return new SnapshotStore(dir).write(replica.snapshot());
  }

  /**
   * Brings a node's sequencer, gate and batch source to the journal's end, from the newest snapshot
   * in {@code dir} (null: from genesis); returns the batches sealed since genesis.
   */
  public long restart(Path dir) {
    IntakeGate gate = new IntakeGate(new dev.sable.node.intake.AccountKeys());
    AccountFeed feed = new AccountFeed(Publisher.NONE);
    MarketData markets = new MarketData(Publisher.NONE, new MarketCatalog());
    SequencerBatches source = source();
    NodeSnapshot snapshot = dir == null ? null : new SnapshotStore(dir).latest().orElseThrow();
    long sealed;
    try (SequencerLoop loop =
        snapshot == null
            ? new SequencerLoop()
            : Replica.restore(snapshot, gate, feed, markets, source)) {
      loop.addListener(feed);
      loop.addListener(markets);
      loop.addListener(source);
      int from = snapshot == null ? 0 : (int) snapshot.sequence();
      for (JournalEntry e : entries.subList(from, entries.size())) {
        gate.observe(e);
        loop.replay(e);
      }
      sealed = source.sealedCount();
    }
    return sealed;
  }
}
