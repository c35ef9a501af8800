package dev.sable.cli;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.l1.BridgeRevertedException;
import dev.sable.l1.ClaimReceipt;
import dev.sable.l1.CollateralToken;
import dev.sable.l1.DepositReceipt;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.TestCollateral;
import dev.sable.sdk.NodeInfo;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sable trader deposit|withdraw|claim}: collateral in through the bridge's deposit queue,
 * out through a signed withdrawal that a verified batch credits to an L1 recipient, who claims it
 * from the bridge (docs/node.md, "Deposits from L1", "Withdrawals").
 */
final class TraderTransfers {
  private TraderTransfers() {}

  /** The trader's L1 account: the endpoint and the key that signs its transactions. */
  abstract static class L1Action extends TraderCommand.Action {
    @Option(
        names = "--l1-key-file",
        paramLabel = "FILE",
        description =
            "File holding the L1 account's private key in hex (default: the SABLE_L1_KEY"
                + " environment variable).")
    Path l1KeyFile;

    Credentials l1Account() throws IOException {
      return credentials(l1KeyFile);
    }

    /** The L1 account of a key file, or of SABLE_L1_KEY when {@code l1KeyFile} is null. */
    static Credentials credentials(Path l1KeyFile) throws IOException {
      String hex;
      if (l1KeyFile != null) {
        hex = Files.readString(l1KeyFile, StandardCharsets.US_ASCII).strip();
      } else {
        hex = System.getenv("SABLE_L1_KEY");
        if (hex == null || hex.isBlank()) {
          throw new UsageException(
              "an L1 transaction needs the L1 account's key: --l1-key-file FILE or SABLE_L1_KEY");
        }
      }
      String bare = hex.startsWith("0x") ? hex.substring(2) : hex;
      if (!bare.matches("[0-9a-fA-F]{64}")) {
        throw new UsageException("the L1 key is not 32 bytes of hex");
      }
      return Credentials.create(bare);
    }

    /** The L1 account on the node's chain: its key, and the node's bridge used by it. */
    record L1Session(
        Web3j web3j, Credentials account, long chainId, SettlementBridgeClient bridge) {
      String address() {
        return account.getAddress();
      }

      CollateralToken token() {
        return CollateralToken.attach(web3j, account, chainId, bridge.token());
      }
    }

    /** Runs {@code use} on the node's bridge at --l1-rpc, used by the L1 account. */
    <T> T onBridge(NodeInfo node, Function<L1Session, T> use) throws IOException {
      if (l1Rpc == null) {
        throw new UsageException("--l1-rpc URL is required: this is an L1 transaction");
      }
      Credentials account = l1Account();
      Web3j web3j = l1Timeout.connect(l1Rpc);
      try {
        long chain = web3j.ethChainId().send().getChainId().longValueExact();
        if (chain != node.chainId()) {
          throw new L1Exception(
              "L1 at "
                  + l1Rpc
                  + " is chain "
                  + chain
                  + ", the node's bridge is on "
                  + node.chainId(),
              null);
        }
        return use.apply(
            new L1Session(
                web3j,
                account,
                chain,
                SettlementBridgeClient.attach(web3j, account, chain, "0x" + node.bridge())));
      } catch (IOException | UncheckedIOException e) {
        throw l1Timeout.unreachable(l1Rpc, "for the transaction", e);
      } finally {
        web3j.shutdown();
      }
    }
  }

  @Command(
      name = "deposit",
      mixinStandardHelpOptions = true,
      description =
          "Deposit collateral through the bridge on L1 (the token is pulled from your L1 account);"
              + " the node credits it to your key's account once it has its confirmations.")
  static final class Deposit extends L1Action {
    @Option(names = "--amount", required = true, description = "Collateral base units.")
    long amount;

    @Option(
        names = "--mint",
        description =
            "Development chains: mint that much test collateral to your L1 account first.")
    boolean mint;

    @Override
    void act() throws Exception {
      if (amount <= 0) {
        throw new UsageException("--amount must be positive");
      }
      Trader t = trader();
      long account = t.depositAccount();
      EdDsaPublicKey key = t.key().publicKey();
      BigInteger units = BigInteger.valueOf(amount);
      DepositReceipt r =
          onBridge(
              t.node(),
              l1 -> {
                String holder = l1.address();
                if (mint) {
                  TestCollateral.attach(l1.web3j(), l1.account(), l1.chainId(), l1.bridge().token())
                      .mint(holder, units);
                }
                BigInteger balance = l1.token().balanceOf(holder);
                if (balance.compareTo(units) < 0) {
                  throw new L1Exception(
                      "L1 account "
                          + holder
                          + " holds "
                          + balance
                          + " of the collateral token, less than "
                          + amount
                          + (mint ? "" : " (on a development chain, add --mint)"),
                      null);
                }
                return l1.bridge()
                    .deposit(account, key.x().toBigInteger(), key.y().toBigInteger(), units);
              });
      System.out.println(
          "deposit of "
              + amount
              + " for account "
              + account
              + " queued on L1 at index "
              + r.index()
              + " (tx "
              + r.transactionHash()
              + "); the node credits it once its block has l1.confirmations blocks on top");
    }
  }

  @Command(
      name = "withdraw",
      mixinStandardHelpOptions = true,
      description =
          "Sign, seal and send a withdrawal to an L1 address; once a batch carrying it is"
              + " verified on L1, claim it with sable trader claim.")
  static final class Withdraw extends TraderCommand.Action {
    @Option(names = "--amount", required = true, description = "Collateral base units.")
    long amount;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "ADDRESS",
        description = "The L1 address to pay (20 bytes of hex).")
    String to;

    @Override
    void act() throws Exception {
      if (amount <= 0) {
        throw new UsageException("--amount must be positive");
      }
      byte[] recipient = address(to, "--to");
      Trader t = trader();
      t.findAccount();
      long seq = t.withdraw(amount, recipient).get(30, TimeUnit.SECONDS);
      System.out.println(
          "withdrawal of "
              + amount
              + " to 0x"
              + HexFormat.of().formatHex(recipient)
              + " acknowledged: journal sequence "
              + seq
              + "; once a batch carrying it is verified on L1 (GET /v1/batches), claim it with"
              + " sable trader claim --to 0x"
              + HexFormat.of().formatHex(recipient));
    }
  }

  @Command(
      name = "claim",
      mixinStandardHelpOptions = true,
      description =
          "Pay an L1 address everything the bridge credited to it (withdrawals, refunded"
              + " deposits); anyone may send this, the tokens go to the address only.")
  static final class Claim extends L1Action {
    @Option(
        names = "--to",
        paramLabel = "ADDRESS",
        description = "The address to pay (default: your L1 account's).")
    String to;

    @Override
    void act() throws Exception {
      NodeInfo node = new SableClient(this.node).info();
      ClaimReceipt r =
          onBridge(
              node,
              l1 -> {
                String recipient =
                    to == null
                        ? l1.address()
                        : "0x" + HexFormat.of().formatHex(address(to, "--to"));
                try {
                  return l1.bridge().claim(recipient);
                } catch (BridgeRevertedException e) {
                  if (e.reason().startsWith("NothingToClaim")) {
                    throw new L1Exception(
                        "nothing to claim for "
                            + recipient
                            + ": no batch verified on L1 has credited it yet (see the node's"
                            + " GET /v1/batches)",
                        e);
                  }
                  throw e;
                }
              });
      System.out.println("claimed " + r.amount() + " (tx " + r.transactionHash() + ")");
    }
  }

  /** A 20-byte L1 address from hex (with or without 0x), never the zero address. */
  static byte[] address(String hex, String option) {
    String bare = hex.startsWith("0x") ? hex.substring(2) : hex;
    if (!bare.matches("[0-9a-fA-F]{40}")) {
      throw new UsageException(option + " must be an L1 address: 20 bytes of hex");
    }
    byte[] a = HexFormat.of().parseHex(bare);
    if (new BigInteger(1, a).signum() == 0) {
      throw new UsageException(option + " is the zero address, which can never be paid");
    }
    return a;
  }
}
