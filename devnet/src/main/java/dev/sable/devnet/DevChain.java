package dev.sable.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.batch.exit.ExitCircuit;
import dev.sable.l1.Governance;
import dev.sable.l1.L1Rpc;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SettlementDeployment;
import dev.sable.l1.TestCollateral;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * A local L1 for the demo and the tests: anvil with the test collateral token, a timelock with the
 * bridge's minimum delay, the gnark-exported settlement verifier for the prover's keys (compiled on
 * the spot, since its constants come from keys made on this machine), the exit verifier of the same
 * key store's exit keys (compiled likewise) and a SettlementBridge for that circuit's capacities,
 * starting at the given genesis root. Anvil's dev account 0 operates the bridge, proposes and
 * executes governance changes, and is its guardian. Its client waits up to {@link
 * L1Rpc#DEV_TIMEOUT} for each answer (anvil checking a blob transaction under load is slow).
 */
public final class DevChain implements AutoCloseable {
  /** Gas forwarded to the verifier: a 3-input Groth16 check is ~207k. */
  public static final long VERIFY_GAS = 400_000;

  /** Seconds the operator has to serve a forced withdrawal request on a dev chain. */
  public static final long EXIT_DEADLINE = 86_400;

  private final AnvilNode anvil;
  private final Web3j web3j;
  private final SettlementBridgeClient bridge;
  private final TestCollateral token;

  private DevChain(
      AnvilNode anvil, Web3j web3j, SettlementBridgeClient bridge, TestCollateral token) {
    this.anvil = anvil;
    this.web3j = web3j;
    this.bridge = bridge;
    this.token = token;
  }

  /** Starts anvil and deploys the token, the timelock, the verifiers and the bridge. */
  public static DevChain start(
      Toolchain toolchain,
      GnarkProver prover,
      PublicDataLayout layout,
      BigInteger genesisRoot,
      int genesisMarkets) {
    return on(
        AnvilNode.start(toolchain),
        verifierCode(toolchain, prover),
        exitVerifierCode(toolchain, prover),
        layout,
        genesisRoot,
        genesisMarkets);
  }

  /**
   * The creation code of the bridge fixture's exit verifier, from forge's build output in the
   * checkout: its keys are the fixture's, which nobody here holds, so exits cannot be proven
   * against it. For chains whose tests never exit and must not pay the exit keys' setup.
   */
  public static String fixtureExitVerifierCode(Toolchain toolchain) {
    Path artifact =
        toolchain.root().resolve("l1-bridge/contracts/out/ExitVerifier.sol/ExitVerifier.json");
    try {
      return new ObjectMapper()
          .readTree(artifact.toFile())
          .path("bytecode")
          .path("object")
          .asText();
    } catch (IOException e) {
      throw new MissingToolException(artifact + " is missing: build the contracts (forge build)");
    }
  }

  /**
   * The exit verifier of the exit keys ({@code exit-d24}) in the settlement prover's key store,
   * compiled: what {@code sable trader exit} proves with. The keys are set up on first use when the
   * settlement keys are a development setup (as the node sets those up), and must exist otherwise.
   */
  public static String exitVerifierCode(Toolchain toolchain, GnarkProver settlement) {
    // a key set lives in <key store>/<circuit>-<hash> (circuits/keystore)
    Path store = Path.of(settlement.keys().keyDir()).getParent();
    KeyPolicy policy =
        settlement.keys().setup().isDevelopment()
            ? KeyPolicy.DEVELOPMENT_SETUP
            : KeyPolicy.EXISTING_KEYS;
    return exitVerifierCode(toolchain, store, policy);
  }

  /** The exit verifier of the exit keys in key store {@code keyStore}, compiled. */
  public static String exitVerifierCode(Toolchain toolchain, Path keyStore, KeyPolicy policy) {
    try (GnarkProver exit = GnarkProver.open(ExitCircuit.LAYOUT, keyStore, policy)) {
      return verifierCode(toolchain, exit);
    }
  }

  /** The prover's Solidity verifier, compiled: its creation code. */
  public static String verifierCode(Toolchain toolchain, GnarkProver prover) {
    return new SolidityCompiler(toolchain)
        .creationBytecode("Verifier.sol", prover.solidityVerifier(), "Verifier");
  }

  /** Deploys on a running anvil (which the chain then owns and stops). */
  public static DevChain on(
      AnvilNode anvil,
      String verifierCode,
      String exitVerifierCode,
      PublicDataLayout layout,
      BigInteger genesisRoot,
      int genesisMarkets) {
    return on(anvil, verifierCode, exitVerifierCode, layout, 0, genesisRoot, genesisMarkets);
  }

  /**
   * Deploys on a running anvil; with {@code blobs} above 0 the bridge is a SettlementBlobBridge of
   * that blob count (for a {@code -owner-blob} circuit: each batch's owner rows in the blobs its
   * transaction carries).
   */
  public static DevChain on(
      AnvilNode anvil,
      String verifierCode,
      String exitVerifierCode,
      PublicDataLayout layout,
      int blobs,
      BigInteger genesisRoot,
      int genesisMarkets) {
    Web3j web3j = L1Rpc.connect(anvil.rpcUrl(), L1Rpc.DEV_TIMEOUT);
    try {
      Credentials dev = anvil.devAccount();
      String address = dev.getAddress();
      long chain = AnvilNode.CHAIN_ID;
      TestCollateral token = TestCollateral.deploy(web3j, dev, chain);
      String governance =
          Governance.deployTimelock(web3j, dev, chain, Governance.MIN_UPGRADE_DELAY, address);
      String verifier = SettlementBridgeClient.deployVerifier(web3j, dev, chain, verifierCode);
      String exitVerifier =
          SettlementBridgeClient.deployVerifier(web3j, dev, chain, exitVerifierCode);
      SettlementDeployment deployment =
          new SettlementDeployment(
              token.address(),
              verifier,
              layout,
              exitVerifier,
              EXIT_DEADLINE,
              address,
              governance,
              address,
              genesisRoot,
              genesisMarkets,
              VERIFY_GAS);
      SettlementBridgeClient bridge =
          blobs > 0
              ? SettlementBridgeClient.deployBlob(web3j, dev, chain, deployment, blobs)
              : SettlementBridgeClient.deploy(web3j, dev, chain, deployment);
      return new DevChain(anvil, web3j, bridge, token);
    } catch (RuntimeException e) {
      RuntimeException explained = explain(anvil, e);
      web3j.shutdown();
      anvil.close();
      throw explained;
    }
  }

  /** The chain on a running anvil where the token and bridge are deployed already. */
  public static DevChain attach(AnvilNode anvil, String bridge, String token) {
    Web3j web3j = L1Rpc.connect(anvil.rpcUrl(), L1Rpc.DEV_TIMEOUT);
    Credentials dev = anvil.devAccount();
    return new DevChain(
        anvil,
        web3j,
        SettlementBridgeClient.attach(web3j, dev, AnvilNode.CHAIN_ID, bridge),
        TestCollateral.attach(web3j, dev, AnvilNode.CHAIN_ID, token));
  }

  /** The bridge, used by its operator. */
  public SettlementBridgeClient bridge() {
    return bridge;
  }

  /** The test collateral, used by the operator (anyone may mint it). */
  public TestCollateral token() {
    return token;
  }

  public String rpcUrl() {
    return anvil.rpcUrl();
  }

  public Web3j web3j() {
    return web3j;
  }

  public AnvilNode anvil() {
    return anvil;
  }

  /** The funded dev account that operates the bridge. */
  public Credentials operator() {
    return anvil.devAccount();
  }

  /**
   * A failure seen while using this chain, with anvil's state added when anvil has died (then the
   * failure is the chain's, whatever the client reported).
   */
  public RuntimeException explain(RuntimeException failure) {
    return explain(anvil, failure);
  }

  private static RuntimeException explain(AnvilNode anvil, RuntimeException failure) {
    return anvil.isAlive()
        ? failure
        : new DevnetException("the local L1 stopped: " + anvil.diagnosis(), failure);
  }

  @Override
  public void close() {
    web3j.shutdown();
    anvil.close();
  }
}
