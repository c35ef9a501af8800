package dev.sable.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.Deposit;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SettlementCircuit;
import dev.sable.batch.sample.SampleWorld;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.Fr;
import dev.sable.l1.PublicDataLayout;
import dev.sable.node.l1.CircuitLayout;
import dev.sable.node.pipeline.BatchSource;
import dev.sable.node.pipeline.OwnerBlob;
import dev.sable.node.pipeline.SealedBatch;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.MarketLeafV2;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;

/**
 * Settlement batches of the sample world (Go batchgen's keys) for a bridge on a dev chain, at the
 * Tiny capacities: two traders deposit through the bridge from anvil's dev accounts 1 and 2, then a
 * price and both deposits, a trade with a withdrawal, and withdrawals after it, each batch signed
 * for that bridge. A stand-in for the sequencer's batches where a test needs real ones on L1.
 */
final class SampleSettlement {
  static final Capacities CAPS = Capacities.TINY;
  static final PublicDataLayout LAYOUT =
      new PublicDataLayout(CAPS.deposits(), CAPS.withdrawals(), CAPS.markets());
  static final long MARKET = 3;
  static final long ALICE = 5;
  static final long BOB = 9;
  static final long ALICE_FUNDS = 100_000_000;
  static final long BOB_FUNDS = 80_000_000;
  static final List<MarketLeafV2> MARKETS = SampleWorld.markets(MARKET);

  final SampleWorld world;
  final List<SettlementBatch> batches = new ArrayList<>();

  /** Each of {@link #batches} as the world built it, on the state the one before left. */
  final List<BuiltBatch> built = new ArrayList<>();

  private SampleSettlement(SampleWorld world) {
    this.world = world;
  }

  /**
   * The key directory the tests of the checkout share ({@code .sable/test-keys}): development keys
   * of the Tiny circuit set up once, not once per test class.
   */
  static Path testKeys() {
    return Toolchain.fromEnvironment().root().resolve(".sable/test-keys");
  }

  /** The prover of the Tiny settlement circuit with development keys in keyDir. */
  static GnarkProver prover(Path keyDir) {
    return GnarkProver.open(SettlementCircuit.layout(CAPS), keyDir, KeyPolicy.DEVELOPMENT_SETUP);
  }

  /**
   * The creation code of the bridge fixture's settlement verifier (Tiny capacities, keys of another
   * setup than the tests'), from forge's build output.
   */
  static String fixtureVerifierCode() throws IOException {
    return new ObjectMapper()
        .readTree(
            Toolchain.fromEnvironment()
                .root()
                .resolve("l1-bridge/contracts/out/SettlementVerifier.sol/SettlementVerifier.json")
                .toFile())
        .path("bytecode")
        .path("object")
        .asText();
  }

  /** The genesis root of the sample state (the same for every deployment). */
  static BigInteger genesisRoot() {
    return genesisRoot(CAPS);
  }

  /** {@link #genesisRoot()} for a circuit at other capacities. */
  static BigInteger genesisRoot(Capacities caps) {
    return new SampleWorld(caps, MARKET).state().root().toBigInteger();
  }

  /**
   * A dev chain on {@code anvil} with a SettlementBlobBridge for the {@code -owner-blob} circuit at
   * {@code caps} (its layout, the sample's genesis, one market) verifying with {@code
   * verifierCode}, and the fixture's exit verifier (no exit is proven on it).
   */
  static DevChain blobChain(
      AnvilNode anvil, Toolchain tools, Capacities caps, String verifierCode) {
    return DevChain.on(
        anvil,
        verifierCode,
        DevChain.fixtureExitVerifierCode(tools),
        CircuitLayout.of(caps),
        caps.blobs(),
        genesisRoot(caps),
        1);
  }

  /** {@link #blobChain} on a new anvil, its bridge behind a verifier that accepts any proof. */
  static DevChain acceptingBlobChain(Toolchain tools, Capacities caps) throws IOException {
    return blobChain(
        AnvilNode.start(tools),
        tools,
        caps,
        SettlementBridgeOnAnvilTest.creationCode(
            tools.root(), "SyntheticBatches", "AcceptingVerifier"));
  }

  /** A built blob batch as a SettlementBlobBridge takes it, with {@code proof}. */
  static dev.sable.l1.SettlementBatch forBlobBridge(BuiltBatch built, byte[] proof) {
    return new dev.sable.l1.SettlementBatch(
        built.witness().publicData().stream().map(Fr::toBigInteger).toList(),
        built.witness().publicInputs().commitment().toBigInteger(),
        proof,
        OwnerBlob.of(built.witness().blobData(), built.witness().capacities().blobs()));
  }

  static Deployment deployment(DevChain chain) {
    return new Deployment(
        AnvilNode.CHAIN_ID, Fr.of(new BigInteger(chain.bridge().address().substring(2), 16)));
  }

  /**
   * Queues both traders' deposits on the chain's bridge and prepares {@code count} batches (at
   * least 2): the deposits with a price, a trade and a withdrawal, then a withdrawal each.
   */
  static SampleSettlement on(DevChain chain, int count) {
    return on(chain, count, CAPS);
  }

  /** {@link #on(DevChain, int)} for a circuit at other capacities (with the Tiny's slots). */
  static SampleSettlement on(DevChain chain, int count, Capacities caps) {
    SampleSettlement s = new SampleSettlement(new SampleWorld(deployment(chain), caps, MARKET));
    Deposit alice = s.depositOnL1(chain, 1, ALICE, ALICE_FUNDS);
    Deposit bob = s.depositOnL1(chain, 2, BOB, BOB_FUNDS);
    SampleWorld w = s.world;
    s.add(
        new SettlementBatch(
            100,
            List.of(),
            List.of(w.price(MARKET, 0, 50_000, 99)),
            List.of(alice, bob),
            List.of(),
            List.of()));
    s.add(
        new SettlementBatch(
            120,
            List.of(),
            List.of(),
            List.of(),
            List.of(
                SampleWorld.trade(
                    w.order(ALICE, MARKET, 1, 0, 50_000, 1_000),
                    w.order(BOB, MARKET, 1, 1, 50_000, 600),
                    600,
                    50_000)),
            List.of(w.withdraw(ALICE, 1_000_000))));
    for (int i = 2; i < count; i++) {
      s.add(
          new SettlementBatch(
              120 + i,
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of(w.withdraw(i % 2 == 0 ? BOB : ALICE, 1_000))));
    }
    return s;
  }

  private void add(SettlementBatch b) {
    built.add(world.apply(b));
    batches.add(b);
  }

  /** Mints and deposits from anvil's dev account {@code from}; returns the queue's record. */
  private Deposit depositOnL1(DevChain chain, int from, long account, long amount) {
    Credentials sender = AnvilNode.devAccount(from);
    KeyPoint key = KeyPoint.of(world.trader(account).publicKey());
    chain.token().mint(sender.getAddress(), BigInteger.valueOf(amount));
    chain
        .bridge()
        .as(sender)
        .deposit(
            account, key.x().toBigInteger(), key.y().toBigInteger(), BigInteger.valueOf(amount));
    return new Deposit(
        account,
        amount,
        Fr.of(new BigInteger(sender.getAddress().substring(2), 16)),
        key,
        Fr.ofLong(0xB11D0000L + account),
        false);
  }

  /** The batches as a source: batch n + 1 on a state at batch n, through journal entry n + 1. */
  BatchSource source() {
    return state -> {
      int n = (int) state.batchNumber();
      return n < batches.size()
          ? Optional.of(new SealedBatch(n + 1, batches.get(n)))
          : Optional.empty();
    };
  }
}
