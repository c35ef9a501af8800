package dev.sable.node;

import dev.sable.batch.BatchBuilder;
import dev.sable.batch.Capacities;
import dev.sable.batch.SettlementCircuit;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.sealed.NodeIntakeKey;
import dev.sable.crypto.sealed.NodeKeyEndorsement;
import dev.sable.l1.PublicDataLayout;
import dev.sable.node.api.ApiContext;
import dev.sable.node.api.ApiServer;
import dev.sable.node.api.NodeIdentity;
import dev.sable.node.clock.DevOracle;
import dev.sable.node.clock.NodeClock;
import dev.sable.node.config.MarketConfig;
import dev.sable.node.config.NodeConfig;
import dev.sable.node.intake.AccountKeys;
import dev.sable.node.intake.Intake;
import dev.sable.node.intake.IntakeGate;
import dev.sable.node.intake.MarketCatalog;
import dev.sable.node.intake.SignatureCheck;
import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.Journal;
import dev.sable.node.journal.JournalException;
import dev.sable.node.journal.NodeDatabase;
import dev.sable.node.journal.NodeSnapshot;
import dev.sable.node.journal.Provenance;
import dev.sable.node.journal.SnapshotStore;
import dev.sable.node.l1.CircuitLayout;
import dev.sable.node.l1.DepositWatcher;
import dev.sable.node.l1.L1Connection;
import dev.sable.node.l1.L1Connector;
import dev.sable.node.l1.L1Deposits;
import dev.sable.node.l1.L1Position;
import dev.sable.node.l1.L1Requests;
import dev.sable.node.l1.L1Withdrawals;
import dev.sable.node.pipeline.BatchLedger;
import dev.sable.node.pipeline.BatchProver;
import dev.sable.node.pipeline.BridgeFit;
import dev.sable.node.pipeline.L1Pipeline;
import dev.sable.node.pipeline.SequencerBatches;
import dev.sable.node.pipeline.SettlementGenesis;
import dev.sable.node.sequencing.AccountFeed;
import dev.sable.node.sequencing.MarketData;
import dev.sable.node.sequencing.PublisherRelay;
import dev.sable.node.sequencing.Replica;
import dev.sable.node.sequencing.SequencerLoop;
import dev.sable.node.sequencing.Snapshotter;
import dev.sable.prover.CircuitKeys;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.prover.NativeEdDsa;
import dev.sable.prover.NativePoseidon2;
import dev.sable.prover.WitnessLayout;
import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.SettlementState;
import dev.sable.state.store.KeyValueStore;
import dev.sable.state.store.rocksdb.RocksDbKeyValueStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the node's stages in order and owns them. Intake (verifier threads)
 * -> journal (one thread, group commit) -> sequencer (one thread, the single writer) -> the feeds
 * the API reads, and the batch pipeline (its own thread) -> prover -> L1; the clock (its own
 * thread) journals time, oracle prices, funding and sweeps. docs/node.md has the table of threads
 * and what each owns.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final List<AutoCloseable> stages = new ArrayList<>(); // closed in reverse
  private final NodeIdentity identity;
  private final ApiServer api;
  private final SequencerLoop sequencer;
  private final Journal journal;
  private final Report report;
  private final DevOracle oracle;
  private volatile boolean stopping;

  /**
   * What a run reports: the proving keys (null without L1), the bridge and L1's RPC endpoint (empty
   * without L1) and the batches.
   */
  public record Report(
      CircuitKeys keys, String bridgeAddress, String rpcUrl, BatchLedger batches) {}

  private Node(
      NodeIdentity identity,
      ApiServer api,
      SequencerLoop sequencer,
      Journal journal,
      List<AutoCloseable> stages,
      Report report,
      DevOracle oracle) {
    this.identity = identity;
    this.oracle = oracle;
    this.api = api;
    this.sequencer = sequencer;
    this.journal = journal;
    this.report = report;
    this.stages.addAll(stages);
  }

  /**
   * Starts a node; {@code progress} gets one line per long step (replay, keys, L1). {@code l1} is
   * how to reach L1 (null: no L1, no batches; signatures are then bound to the configured chain id
   * and bridge).
   */
  public static Node start(NodeConfig config, L1Connector l1, Consumer<String> progress) {
    Starter s = new Starter(config, l1, progress);
    try {
      return s.start();
    } catch (RuntimeException | Error e) {
      s.closeAll();
      throw e;
    }
  }

  public Report report() {
    return report;
  }

  /** The development oracle: its prices can be moved (docs/node.md, "Oracle prices"). */
  public DevOracle oracle() {
    return oracle;
  }

  public int httpPort() {
    return api.port();
  }

  public NodeIdentity identity() {
    return identity;
  }

  public long appliedSequence() {
    return sequencer.appliedSequence();
  }

  public long journaledSequence() {
    return journal.lastSequence();
  }

  @Override
  public void close() {
    stopping = true;
    for (int i = stages.size() - 1; i >= 0; i--) {
      try {
        stages.get(i).close();
      } catch (Exception e) {
        LOG.warn("stopping {}: {}", stages.get(i).getClass().getSimpleName(), e.toString());
      }
    }
  }

  boolean stopping() {
    return stopping;
  }

  /** Builds the stages in order, remembering each so a failure closes what was started. */
  private static final class Starter {
    private final NodeConfig config;
    private final L1Connector l1;
    private final Consumer<String> progress;
    private final List<AutoCloseable> stages = new ArrayList<>();
    private CircuitKeys circuitKeys;
    private GnarkProver prover; // loaded on first use: prover(layout)
    private String bridgeAddress = "";
    private String rpcUrl = "";

    Starter(NodeConfig config, L1Connector l1, Consumer<String> progress) {
      this.config = config;
      this.l1 = l1;
      this.progress = progress;
    }

    <T extends AutoCloseable> T own(T stage) {
      stages.add(stage);
      return stage;
    }

    void closeAll() {
      for (int i = stages.size() - 1; i >= 0; i--) {
        try {
          stages.get(i).close();
        } catch (Exception e) {
          LOG.warn("cleanup: {}", e.toString());
        }
      }
    }

    Node start() {
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      NodeDatabase db = own(NodeDatabase.open(config.dataDir().resolve("db")));
      Journal journal = new Journal(db);

      AccountKeys keys = new AccountKeys();
      IntakeGate gate = new IntakeGate(keys);
      L1Deposits l1Deposits = new L1Deposits(keys);
      L1Requests l1Requests = new L1Requests(keys);
      L1Withdrawals l1Withdrawals = new L1Withdrawals();
      MarketCatalog catalog = new MarketCatalog();
      PublisherRelay publisher = new PublisherRelay();
      AccountFeed feed = new AccountFeed(publisher);
      MarketData marketData = new MarketData(publisher, catalog);
      SnapshotStore snapshots = new SnapshotStore(config.dataDir().resolve("snapshots"));
      if (snapshots.removeTemporaries() > 0) {
        progress.accept("removed a snapshot left incomplete by a crash");
      }
      boolean batches = l1 != null && config.pipeline().enabled();
      Capacities capacities = config.pipeline().capacities().capacities();
      EdDsaPrivateKey oracleKey =
          NodeKeys.loadOrCreate(config.dataDir().resolve("oracle.key"), EdDsaPrivateKey::fromSeed);
      List<MarketLeafV2> markets =
          batches
              ? SettlementGenesis.markets(config.markets(), DevOracle.source(oracleKey), capacities)
              : List.of();
      SequencerBatches batchSource =
          batches
              ? new SequencerBatches(
                  capacities, SettlementGenesis.view(markets), config.pipeline().maxBatchAgeMs())
              : null;
      NodeSnapshot snapshot = snapshots.latest().orElse(null);
      if (batches && snapshot != null && snapshot.batches().length == 0) {
        // taken without L1 batches: it lacks the batcher's state, so the batcher starts at genesis
        progress.accept("the newest snapshot holds no batcher state: replaying the whole journal");
        snapshot = null;
      }
      SequencerLoop sequencer =
          restore(snapshot, journal, gate, feed, marketData, batchSource, l1Deposits, l1Requests);
      if (batches && snapshot != null) {
        // what the snapshot's entries journaled: the deposits the batcher took, the withdrawals the
        // sequencer accepted (some perhaps in no batch on L1 yet)
        l1Deposits.queue().settled(batchSource.nextDepositIndex());
        l1Requests.queue().settled(batchSource.nextRequestIndex());
        sequencer.readBeforeStart(
            s -> {
              for (int a = 0; a < s.state().accountBound(); a++) {
                if (s.state().account(a) != null) {
                  l1Withdrawals.restored(a, s.state().account(a).nonce());
                }
              }
              return null;
            });
      }
      sequencer.addListener(feed);
      sequencer.addListener(marketData);
      if (batches) {
        sequencer.addListener(l1Withdrawals);
        sequencer.addListener(batchSource);
      }

      long from = sequencer.appliedSequence();
      long last = journal.lastSequence();
      if (last > from) {
        progress.accept("replaying journal entries " + (from + 1) + " to " + last);
      }
      long replayStart = System.nanoTime();
      journal.replay(
          from,
          e -> {
            gate.observe(e);
            l1Deposits.observe(e);
            l1Requests.observe(e);
            if (batches) {
              l1Withdrawals.observe(e);
            }
            sequencer.replay(e);
          });
      if (last > from) {
        progress.accept(
            "replayed to entry "
                + last
                + " in "
                + (System.nanoTime() - replayStart) / 1_000_000
                + " ms");
      }
      sequencer.registerMetrics(metrics, journal::lastSequence);
      own(sequencer);
      sequencer.start();

      GroupCommitter committer =
          own(
              new GroupCommitter(
                  journal,
                  batches ? l1Withdrawals.before(l1Deposits.before(l1Requests.before(gate))) : gate,
                  sequencer::enqueue,
                  config.intake().queueCapacity(),
                  metrics));
      committer.start();
      Deployment deployment;
      BigInteger operatorKey;
      L1Pipeline pipeline = null;
      DepositWatcher watcher = null;
      if (batches) {
        WitnessLayout layout = SettlementCircuit.layout(capacities);
        KeyValueStore store =
            own(RocksDbKeyValueStore.open(config.dataDir().resolve("settlement"), true));
        boolean newState = SettlementGenesis.isEmpty(store);
        Fr root = newState ? SettlementGenesis.root(markets) : SettlementState.open(store).root();
        byte[] ownerSecret = OwnerDataSecret.forCapacities(capacities, config.dataDir(), newState);
        PublicDataLayout dataLayout = CircuitLayout.of(capacities);
        // the keys load only when first needed (a local L1 deploying its verifier, or after the
        // checks below), so a misfit bridge is refused in seconds, not after minutes of key setup
        L1Connection chain =
            own(l1.connect(() -> prover(layout), capacities, root, markets.size(), progress));
        BridgeFit.checkKind(
            chain.bridge(),
            capacities.blobs(),
            layout.circuit(),
            config.pipeline().capacities().name().toLowerCase(Locale.ROOT));
        BridgeFit.checkDeployment(chain.bridge(), dataLayout, layout.circuit(), markets.size());
        deployment =
            new Deployment(
                chain.chainId(), Fr.of(new BigInteger(strip(chain.bridge().address()), 16)));
        if (newState) {
          // before the genesis is written: a refused bridge, or keys that do not load, leave no
          // state bound to the bridge
          BridgeFit.checkGenesis(chain.bridge(), root);
          prover(layout);
        }
        SettlementState state = SettlementGenesis.openOrCreate(store, deployment, markets);
        if (!newState) {
          BridgeFit.checkRestart(chain.bridge(), db, state.batchNumber(), root);
        }
        // what a restart from a snapshot did not replay, the settlement state holds
        l1Deposits.queue().settled(state.header().depositCount());
        l1Requests.deployment(deployment);
        l1Requests.queue().settled(chain.bridge().requestsServed());
        l1Withdrawals.settledBy(a -> state.account(a).map(AccountLeafV2::nonce).orElse(0L));
        operatorKey = chain.operator().getEcKeyPair().getPrivateKey();
        pipeline =
            own(
                new L1Pipeline(
                    batchSource,
                    new BatchProver(
                        state, new BatchBuilder(capacities, ownerSecret), prover(layout)),
                    chain.bridge(),
                    db,
                    java.time.Duration.ofSeconds(config.l1().receiptWaitSeconds()),
                    config.pipeline().intervalMs(),
                    () -> {},
                    metrics));
        watcher =
            own(
                new DepositWatcher(
                    chain.bridge().events(),
                    committer::submit,
                    l1Deposits,
                    l1Requests,
                    capacities.requests() > 0,
                    chain.bridge()::requestsQueued,
                    config.l1().confirmations(),
                    config.l1().pollMs(),
                    DepositWatcher.BLOCKS_PER_SCAN));
        bridgeAddress = chain.bridge().address();
        rpcUrl = chain.rpcUrl();
      } else {
        deployment =
            new Deployment(
                config.l1().chainId(), Fr.of(new BigInteger(strip(config.l1().bridge()), 16)));
        operatorKey = operatorKey();
      }
      // after the L1 checks: a node that refuses its bridge journals nothing
      listNewMarkets(committer, catalog);
      NodeIntakeKey intakeKey =
          NodeKeys.loadOrCreate(
              config.dataDir().resolve("intake.key"), NodeIntakeKey::fromPrivateKey);
      NodeIdentity identity =
          new NodeIdentity(
              deployment,
              intakeKey.publicKey(),
              NodeKeyEndorsement.sign(operatorKey, deployment, intakeKey.publicKey()));

      // 0 verifier threads: each request is opened and verified on the event loop that read it
      Executor verifiers =
          config.intake().verifierThreads() == 0
              ? Runnable::run
              : own(new ClosingExecutor(verifierPool(config.intake().verifierThreads())))
                  .executor();
      Intake intake =
          new Intake(
              intakeKey,
              deployment,
              keys,
              catalog,
              committer,
              verifiers,
              System::currentTimeMillis,
              new SignatureCheck(NativePoseidon2.preferred(), NativeEdDsa.preferred()),
              config.intake().sessionCache(),
              metrics);

      if (pipeline != null) {
        pipeline.start();
        watcher.start();
      }
      NodeConfig.Snapshot snap = config.snapshot();
      if (snap.intervalMs() > 0) {
        own(new Snapshotter(
                journal,
                snapshots,
                snapshot,
                new Snapshotter.Settings(
                    snap.intervalMs(), snap.minEntries(), snap.keep(), snap.pruneJournal()),
                pipeline == null
                    ? Snapshotter.Batches.NONE
                    : new Snapshotter.Batches(
                        batchSource::counting, pipeline::retentionFloor, pipeline::batchesHeld),
                metrics))
            .start();
      }
      long[] devPrices = new long[config.markets().size()];
      for (int m = 0; m < devPrices.length; m++) {
        devPrices[m] = config.markets().get(m).devOraclePrice();
      }
      DevOracle devOracle = new DevOracle(oracleKey, deployment, devPrices);
      L1Pipeline batchPipeline = pipeline;
      DepositWatcher depositWatcher = watcher;
      NodeClock clock =
          own(
              new NodeClock(
                  committer,
                  devOracle,
                  System::currentTimeMillis,
                  0,
                  timers(),
                  config.schedule().tickMs(),
                  config.schedule().sweepMs()));
      clock.start();

      Vertx vertx =
          Vertx.builder()
              .with(
                  new io.vertx.core.VertxOptions()
                      // the file cache in the data directory, not the system's temp directory:
                      // a killed node leaves nothing behind there
                      .setFileSystemOptions(
                          new io.vertx.core.file.FileSystemOptions()
                              .setFileCacheDir(config.dataDir().resolve("vertx-cache").toString()))
                      // no vertx_http_server_*: per request they cost a gauge registration, tag
                      // merges and a timer sample; the intake's own sable_intake_* cover orders
                      .setMetricsOptions(
                          new MicrometerMetricsOptions()
                              .setEnabled(true)
                              .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)))
              .withMetrics(new MicrometerMetricsFactory(metrics))
              .build();
      own(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      Node[] self = new Node[1];
      ApiContext ctx =
          new ApiContext(
              identity,
              intake,
              sequencer,
              feed,
              marketData,
              publisher,
              keys,
              batchPipeline != null ? batchPipeline : BatchLedger.NONE,
              batches ? l1Withdrawals::nextNonce : null,
              !batches || capacities.switches() > 0, // else the batcher refuses a switch
              config.devFaucet() && !batches ? faucet(committer, journal) : null,
              () -> health(committer, sequencer),
              () -> readiness(self[0], committer, sequencer, batchPipeline, depositWatcher),
              journal::lastSequence,
              System::currentTimeMillis,
              metrics);
      ApiServer api = own(ApiServer.start(vertx, config.http(), ctx));
      progress.accept("listening on http://" + config.http().host() + ":" + api.port());
      self[0] =
          new Node(
              identity,
              api,
              sequencer,
              journal,
              stages,
              new Report(
                  circuitKeys,
                  bridgeAddress,
                  rpcUrl,
                  batchPipeline != null ? batchPipeline : BatchLedger.NONE),
              devOracle);
      return self[0];
    }

    /**
     * The settlement circuit's prover, its keys loaded (or, for development keys, set up) on the
     * first call: minutes on a cold cache.
     */
    private GnarkProver prover(WitnessLayout layout) {
      if (prover != null) {
        return prover;
      }
      progress.accept(
          "loading the proving keys of "
              + layout.circuit()
              + (config.prover().keys() == NodeConfig.KeySource.DEVELOPMENT
                  ? " (development keys: set up on first use)"
                  : " (existing keys only)"));
      prover =
          own(
              GnarkProver.open(
                  layout,
                  config.prover().keyDir(),
                  config.prover().keys() == NodeConfig.KeySource.DEVELOPMENT
                      ? KeyPolicy.DEVELOPMENT_SETUP
                      : KeyPolicy.EXISTING_KEYS));
      circuitKeys = prover.keys();
      progress.accept(
          (circuitKeys.reused() ? "proving keys reused from " : "proving keys set up in ")
              + circuitKeys.keyDir()
              + " ("
              + circuitKeys.constraints()
              + " constraints): "
              + circuitKeys.setupDescription());
      if (!circuitKeys.note().isEmpty()) {
        progress.accept("keys: " + circuitKeys.note());
      }
      return prover;
    }

    /**
     * The sequencer loop at the newest snapshot (its gate, feeds, batch source and the watcher's L1
     * position restored with it), or a fresh one; the journal after it is replayed next.
     */
    private SequencerLoop restore(
        NodeSnapshot snapshot,
        Journal journal,
        IntakeGate gate,
        AccountFeed feed,
        MarketData marketData,
        SequencerBatches batches,
        L1Deposits deposits,
        L1Requests requests) {
      if (snapshot == null) {
        return new SequencerLoop();
      }
      if (snapshot.sequence() > journal.lastSequence()) {
        throw new JournalException(
            "the snapshot of entry "
                + snapshot.sequence()
                + " is ahead of the journal, which ends at "
                + journal.lastSequence()
                + ": the data directory is not one node's");
      }
      long begin = System.nanoTime();
      SequencerLoop loop = Replica.restore(snapshot, gate, feed, marketData, batches);
      L1Position.restore(snapshot.l1(), deposits, requests);
      progress.accept(
          "restored the snapshot of entry "
              + snapshot.sequence()
              + " in "
              + (System.nanoTime() - begin) / 1_000_000
              + " ms");
      return loop;
    }

    private void listNewMarkets(GroupCommitter committer, MarketCatalog catalog) {
      List<MarketConfig> markets = config.markets();
      List<CompletableFuture<Long>> listed = new ArrayList<>();
      if (markets.subList(catalog.all().size(), markets.size()).stream()
          .anyMatch(MarketConfig::isOption)) {
        // an option's expiry is measured from the log's now, 0 until the clock's first tick
        listed.add(
            committer.submit(new Command.TimeTick(System.currentTimeMillis()), Provenance.NODE));
      }
      for (int m = catalog.all().size(); m < markets.size(); m++) {
        MarketConfig mc = markets.get(m);
        Command listing =
            mc.isOption()
                ? new Command.ListOption(mc.spec(), mc.option())
                : new Command.ListMarket(mc.spec());
        listed.add(committer.submit(listing, Provenance.NODE));
      }
      for (int m = 0; m < Math.min(catalog.all().size(), markets.size()); m++) {
        if (!catalog.spec(m).equals(markets.get(m).spec())) {
          LOG.warn(
              "market {} is listed with other parameters than configured; the listing stands", m);
        }
      }
      listed.forEach(CompletableFuture::join);
    }

    private List<NodeClock.MarketTimers> timers() {
      List<NodeClock.MarketTimers> out = new ArrayList<>();
      for (int m = 0; m < config.markets().size(); m++) {
        MarketConfig mc = config.markets().get(m);
        out.add(
            new NodeClock.MarketTimers(
                m, mc.spec().fundingInterval(), mc.spec().oracleStaleness(), mc.isOption()));
      }
      return out;
    }

    private BigInteger operatorKey() {
      if (!config.l1().operatorKey().isEmpty()) {
        return new BigInteger(strip(config.l1().operatorKey()), 16);
      }
      return NodeKeys.loadOrCreate(
          config.dataDir().resolve("operator.key"), b -> new BigInteger(1, b));
    }

    private static ApiContext.Faucet faucet(GroupCommitter committer, Journal journal) {
      return (EdDsaPublicKey key, long amount) ->
          committer
              .submit(
                  new Command.Deposit(IntakeGate.NEW_ACCOUNT, amount, AccountKey.of(key.encode())),
                  new Provenance.Registration(key.encode()))
              .thenApply(
                  seq ->
                      new long[] {((Command.Deposit) journal.entry(seq).command()).account(), seq});
    }

    private static String readiness(
        Node node,
        GroupCommitter committer,
        SequencerLoop sequencer,
        L1Pipeline pipeline,
        DepositWatcher watcher) {
      if (node == null || node.stopping()) {
        return "starting or stopping";
      }
      String problem = health(committer, sequencer);
      if (problem == null && pipeline != null) {
        problem = pipeline.problem();
      }
      if (problem == null && watcher != null) {
        problem = watcher.problem();
      }
      return problem;
    }

    private static String health(GroupCommitter committer, SequencerLoop sequencer) {
      if (committer.failure() != null) {
        return "journal stopped: " + committer.failure().getClass().getSimpleName();
      }
      if (sequencer.failure() != null) {
        return "sequencer stopped: " + sequencer.failure().getClass().getSimpleName();
      }
      return null;
    }

    private static ThreadPoolExecutor verifierPool(int threads) {
      AtomicInteger n = new AtomicInteger();
      return new ThreadPoolExecutor(
          threads,
          threads,
          0,
          TimeUnit.MILLISECONDS,
          new LinkedBlockingQueue<>(65_536),
          r -> {
            Thread t = new Thread(r, "sable-verify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
    }
  }

  static String strip(String hex) {
    return hex.startsWith("0x") ? hex.substring(2) : hex;
  }

  /** An executor stage: shut down with the node. */
  record ClosingExecutor(ExecutorService executor) implements AutoCloseable {
    @Override
    public void close() {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
