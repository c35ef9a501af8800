package dev.sable.cli;

import dev.sable.batch.exit.ExitCircuit;
import dev.sable.devnet.AnvilBlobs;
import dev.sable.devnet.EscapeExit;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.sdk.TraderKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sable trader exit}: leave a frozen bridge with the account's equity under the last
 * accepted root, from L1 data alone, no node needed (docs/bridge.md, "Exits"; {@link EscapeExit}).
 */
@Command(
    name = "exit",
    mixinStandardHelpOptions = true,
    description =
        "On a frozen bridge: rebuild your account from L1 data alone (every batch's calldata, and"
            + " the blobs of blob batches),"
            + " prove your exit with the exit circuit's keys, send it and claim the equity."
            + " Needs no node.")
final class TraderExit implements Callable<Integer> {
  @Option(
      names = "--key",
      defaultValue = ".sable/trader.key",
      paramLabel = "FILE",
      description = "Your trader key file (default: ${DEFAULT-VALUE}).")
  Path key;

  @Mixin BridgeOnL1 l1;

  @Option(
      names = "--l1-key-file",
      paramLabel = "FILE",
      description =
          "File holding the L1 account's private key in hex, which sends the exit and the claim"
              + " (default: the SABLE_L1_KEY environment variable).")
  Path l1KeyFile;

  @Option(
      names = "--to",
      paramLabel = "ADDRESS",
      description = "The address to pay (default: your L1 account's).")
  String to;

  @Option(
      names = "--account",
      paramLabel = "INDEX",
      description = "The account to exit, when your key owns several.")
  Long account;

  @Option(
      names = "--key-dir",
      defaultValue = ".sable/keys",
      paramLabel = "DIR",
      description =
          "The key store holding the exit circuit's keys ("
              + ExitCircuit.NAME
              + "): they must be"
              + " the bridge's exit verifier's (default: ${DEFAULT-VALUE}).")
  Path keyDir;

  @Option(
      names = "--blob-rpc",
      paramLabel = "URL",
      description =
          "Where to fetch the blobs of blob batches (their owner rows) by versioned hash, with"
              + " anvil's anvil_getBlobByHash (default: --l1-rpc). Not needed for calldata batches.")
  URI blobRpc;

  @Option(
      names = "--setup-keys",
      description =
          "Development only: set the exit circuit's keys up in --key-dir when absent (whoever runs"
              + " the setup can forge proofs).")
  boolean setupKeys;

  @Override
  public Integer call() throws Exception {
    TraderKey owner;
    try {
      owner = TraderKey.load(key);
    } catch (IOException e) {
      throw new UsageException("--key " + key + ": " + e.getMessage());
    }
    String bridgeAddress = l1.bridgeAddress();
    Credentials sender = TraderTransfers.L1Action.credentials(l1KeyFile);
    String recipient =
        to == null
            ? sender.getAddress()
            : "0x" + HexFormat.of().formatHex(TraderTransfers.address(to, "--to"));
    Web3j web3j = l1.connect();
    try {
      long chain = web3j.ethChainId().send().getChainId().longValueExact();
      SettlementBridgeClient client =
          SettlementBridgeClient.attach(web3j, sender, chain, bridgeAddress);
      EscapeExit.requireOpen(client); // before the keys are loaded or set up
      return exit(client, chain, owner, recipient);
    } catch (IOException | UncheckedIOException e) {
      throw l1.unreachable("for the exit", e);
    } finally {
      web3j.shutdown();
    }
  }

  private int exit(SettlementBridgeClient client, long chain, TraderKey owner, String recipient)
      throws IOException {
    try (GnarkProver prover =
        GnarkProver.open(
            ExitCircuit.LAYOUT,
            keyDir,
            setupKeys ? KeyPolicy.DEVELOPMENT_SETUP : KeyPolicy.EXISTING_KEYS)) {
      EscapeExit.Result r =
          EscapeExit.run(
              client,
              chain,
              owner.privateKey(),
              recipient,
              account == null ? OptionalLong.empty() : OptionalLong.of(account),
              prover,
              new AnvilBlobs(
                  (blobRpc == null ? l1.l1Rpc : blobRpc).toString(), l1.timeout.timeout()));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("account", r.account());
      out.put("amount", r.amount());
      out.put("recipient", recipient);
      out.put("claimed", r.claimed());
      out.put("exit_tx", r.exitTransaction());
      out.put("claim_tx", r.claimTransaction());
      System.out.println(TraderCommand.JSON.writeValueAsString(out));
      return ExitCode.OK.code();
    }
  }
}
