package dev.sable.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.batch.Capacities;
import dev.sable.crypto.Fr;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.node.l1.CircuitLayout;
import dev.sable.node.l1.L1Connection;
import dev.sable.node.l1.L1Connector;
import dev.sable.prover.GnarkProver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * Development L1 for `sable node run` without an RPC endpoint: anvil on a free port, with the test
 * collateral token, the settlement verifier exported for this machine's keys, the exit verifier of
 * the same key store's exit keys (set up on first use, as the settlement keys are) and a settlement
 * bridge starting at the node's genesis root. Anvil mines each transaction at once and an empty
 * block every second besides, so deposits gain confirmations on a quiet chain. The chain is kept in
 * {@code chainDir} (anvil's saved state, written every second and on exit, and the deployed
 * addresses), so a restarted node finds its bridge where it left it; a kill loses at most the last
 * second of L1, which the node treats as a reorg.
 */
public final class LocalL1 implements L1Connector {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Toolchain toolchain;
  private final Path chainDir;

  public LocalL1(Toolchain toolchain, Path chainDir) {
    this.toolchain = toolchain;
    this.chainDir = chainDir;
  }

  @Override
  public L1Connection connect(
      Supplier<GnarkProver> prover,
      Capacities capacities,
      Fr genesisRoot,
      int genesisMarkets,
      Consumer<String> progress) {
    Path deployed = chainDir.resolve("deployment.json");
    Path saved = chainDir.resolve("anvil-state.json");
    try {
      Files.createDirectories(chainDir);
    } catch (IOException e) {
      throw new UncheckedIOException("the local L1's directory " + chainDir, e);
    }
    boolean resume = Files.exists(deployed) && Files.exists(saved);
    // a new chain's verifiers are exported from the prover's keys, loaded before anvil starts (a
    // key failure leaves no process behind); a resumed chain does not need them
    GnarkProver settlement = resume ? null : prover.get();
    AnvilNode anvil =
        AnvilNode.start(
            toolchain,
            0,
            List.of(
                "--state",
                saved.toString(),
                "--state-interval",
                "1",
                "--block-time",
                "1",
                "--mixed-mining"));
    DevChain chain;
    if (resume) {
      JsonNode d = read(deployed);
      chain = DevChain.attach(anvil, d.path("bridge").asText(), d.path("token").asText());
      progress.accept("local L1 resumed from " + chainDir);
    } else {
      progress.accept(
          "starting a local L1 (anvil) and deploying the collateral token, the settlement and"
              + " exit verifiers and the settlement bridge");
      chain =
          DevChain.on(
              anvil,
              DevChain.verifierCode(toolchain, settlement),
              DevChain.exitVerifierCode(toolchain, settlement),
              CircuitLayout.of(capacities),
              capacities.blobs(), // 0: owner rows in calldata, a SettlementBridge
              genesisRoot.toBigInteger(),
              genesisMarkets);
      write(deployed, chain);
    }
    progress.accept(
        "local L1 at "
            + chain.rpcUrl()
            + ", bridge "
            + chain.bridge().address()
            + ", collateral token "
            + chain.token().address());
    return new L1Connection() {
      @Override
      public SettlementBridgeClient bridge() {
        return chain.bridge();
      }

      @Override
      public long chainId() {
        return AnvilNode.CHAIN_ID;
      }

      @Override
      public Credentials operator() {
        return chain.operator();
      }

      @Override
      public Web3j web3j() {
        return chain.web3j();
      }

      @Override
      public String rpcUrl() {
        return chain.rpcUrl();
      }

      @Override
      public void close() {
        chain.close();
      }
    };
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("the local L1's deployment record " + file, e);
    }
  }

  private static void write(Path file, DevChain chain) {
    try {
      JSON.writeValue(
          file.toFile(),
          JSON.createObjectNode()
              .put("bridge", chain.bridge().address())
              .put("token", chain.token().address()));
    } catch (IOException e) {
      throw new UncheckedIOException("the local L1's deployment record " + file, e);
    }
  }
}
