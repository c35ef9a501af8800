package dev.sable.devnet.demo;

import dev.sable.batch.exit.ExitCircuit;
import dev.sable.batch.exit.ExitRefusedException;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.devnet.AnvilBlobs;
import dev.sable.devnet.AnvilNode;
import dev.sable.devnet.EscapeExit;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.TestCollateral;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.sdk.TraderKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * The escape hatch after the node stopped (docs/bridge.md, "Forced requests", "Exits"): the trader
 * registers a forced withdrawal that nobody serves, L1's clock passes its deadline, another account
 * freezes the bridge, and the trader exits as {@code sable trader exit} does ({@link EscapeExit},
 * from the bridge's calldata alone, proven with the exit keys the dev chain's exit verifier was
 * made from), then tries a second time. The exit's amount is checked against the account's equity
 * in the stopped node's last proven state ({@link ProvenAccount}).
 */
public final class EscapeScenario {
  /** The dev account that freezes the bridge: neither the operator (0) nor a demo trader. */
  static final int FREEZER = 9;

  /** What the forced withdrawal asks for (never served: the node is gone). */
  static final long FORCED_AMOUNT = 1_000;

  /** The trader who escapes: its trading key, its account, and its L1 account (paid there). */
  public record Escapee(TraderKey key, long account, Credentials l1) {}

  private final String rpcUrl;
  private final String bridgeAddress;
  private final Path keyStore;
  private final Consumer<String> log;

  /**
   * On the L1 at {@code rpcUrl} with the bridge at {@code bridgeAddress}, proving with the exit
   * keys in key store {@code keyStore} (they must exist: the dev chain set them up).
   */
  public EscapeScenario(String rpcUrl, String bridgeAddress, Path keyStore, Consumer<String> log) {
    this.rpcUrl = rpcUrl;
    this.bridgeAddress = bridgeAddress;
    this.keyStore = keyStore;
    this.log = log;
  }

  /**
   * Runs the escape of {@code escapee}, then the exits of {@code others} (each with equity in the
   * last proven state, through the same path with its own key), and checks the bridge's balance
   * against what the exits paid and what stays; {@code nodeData} is the stopped node's data
   * directory.
   */
  public EscapeSummary run(Escapee escapee, List<Escapee> others, Path nodeData) {
    ProvenState state =
        ProvenState.read(
            nodeData,
            Stream.concat(Stream.of(escapee), others.stream()).map(Escapee::account).toList());
    ProvenAccount proven = state.account(escapee.account());
    UnownedShare unowned = state.unowned();
    Web3j web3j = Web3j.build(new HttpService(rpcUrl));
    try {
      SettlementBridgeClient bridge =
          SettlementBridgeClient.attach(web3j, escapee.l1(), AnvilNode.CHAIN_ID, bridgeAddress);
      if (!Fr.of(bridge.stateRoot()).equals(proven.root())) {
        throw new IllegalStateException(
            "the node stopped at root "
                + proven.root()
                + ", L1 holds "
                + Fr.of(bridge.stateRoot())
                + ": its proven state is not L1's last root");
      }
      log.accept(
          "the node's last proven state (its settlement store, root "
              + proven.root()
              + ") gives account "
              + escapee.account()
              + " an equity of "
              + proven.equity());
      force(bridge, escapee, proven.nonce());
      passDeadline(web3j, bridge.exitDeadline());
      bridge.as(AnvilNode.devAccount(FREEZER)).freeze();
      log.accept("anvil's dev account " + FREEZER + " froze the bridge: the request is overdue");
      TestCollateral token =
          TestCollateral.attach(web3j, escapee.l1(), AnvilNode.CHAIN_ID, bridge.token());
      List<String> recipients =
          Stream.concat(Stream.of(escapee), others.stream())
              .map(e -> e.l1().getAddress())
              .distinct()
              .toList();
      BridgeBalance before = BridgeBalance.read(bridge, token, recipients);
      try (GnarkProver prover =
          GnarkProver.open(ExitCircuit.LAYOUT, keyStore, KeyPolicy.EXISTING_KEYS)) {
        First first = exit(bridge, token, escapee, proven.equity(), prover);
        long paid = first.amount();
        int exits = first.paid() ? 1 : 0;
        int optionHolderExits = first.paid() && proven.optionPositions() > 0 ? 1 : 0;
        for (Escapee other : others) {
          ProvenAccount account = state.account(other.account());
          long equity = account.equity();
          if (equity <= 0) {
            log.accept("account " + other.account() + " has no equity to exit (" + equity + ")");
            continue;
          }
          EscapeExit.Result r =
              exitOnce(bridge.as(other.l1()), other, OptionalLong.empty(), prover);
          if (r.amount() != equity) {
            throw new IllegalStateException(
                "account "
                    + other.account()
                    + " exited "
                    + r.amount()
                    + ", its proven equity is "
                    + equity);
          }
          log.accept(
              "trader "
                  + r.account()
                  + " exits too: "
                  + r.amount()
                  + (account.optionPositions() > 0
                      ? " (an option holder: " + account.optionPositions() + " option position(s))"
                      : ""));
          paid = Math.addExact(paid, r.amount());
          exits++;
          if (account.optionPositions() > 0) {
            optionHolderExits++;
          }
        }
        BigInteger left = token.balanceOf(bridge.address());
        boolean holds = before.holds(paid, unowned, log);
        return new EscapeSummary(
            first.paid(),
            first.amount(),
            proven.equity(),
            first.secondExitRefused(),
            escapee.account(),
            first.exitMs(),
            exits,
            optionHolderExits,
            left.longValueExact(),
            holds);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("L1 at " + rpcUrl, e);
    } finally {
      web3j.shutdown();
    }
  }

  /** The trader registers a forced withdrawal signed with its trading key. */
  private void force(SettlementBridgeClient bridge, Escapee escapee, long nonce) {
    String to = escapee.l1().getAddress();
    WithdrawalMessage m =
        new WithdrawalMessage(
            escapee.account(), FORCED_AMOUNT, Fr.of(new BigInteger(to.substring(2), 16)), nonce);
    Deployment deployment =
        new Deployment(AnvilNode.CHAIN_ID, Fr.of(new BigInteger(bridgeAddress.substring(2), 16)));
    EdDsaSignature s = escapee.key().privateKey().sign(m.forcedHash(deployment));
    long index =
        bridge.forceWithdrawal(
            escapee.account(),
            nonce,
            BigInteger.valueOf(FORCED_AMOUNT),
            to,
            s.rx().toBigInteger(),
            s.ry().toBigInteger(),
            s.s());
    log.accept(
        "trader "
            + escapee.account()
            + " registers forced withdrawal request "
            + index
            + " on L1; no node serves it");
  }

  /** Moves anvil's clock past the request's deadline and mines a block at the new time. */
  private void passDeadline(Web3j web3j, long deadlineSeconds) throws IOException {
    HttpService rpc = new HttpService(rpcUrl);
    for (Request<?, VoidResponse> r :
        List.of(
            new Request<>(
                "evm_increaseTime", List.of(deadlineSeconds + 1), rpc, VoidResponse.class),
            new Request<>("evm_mine", List.of(), rpc, VoidResponse.class))) {
      VoidResponse response = r.send();
      if (response.hasError()) {
        throw new IllegalStateException(r.getMethod() + ": " + response.getError().getMessage());
      }
    }
    log.accept(
        "anvil's clock moves "
            + (deadlineSeconds + 1)
            + " s ahead (evm_increaseTime, evm_mine): past the request's deadline, block "
            + web3j.ethBlockNumber().send().getBlockNumber());
  }

  /** The first exit's figures. */
  private record First(boolean paid, long amount, boolean secondExitRefused, long exitMs) {}

  /** The exit as `sable trader exit` makes it, then a second one, which must be refused. */
  private First exit(
      SettlementBridgeClient bridge,
      TestCollateral token,
      Escapee escapee,
      long expected,
      GnarkProver prover) {
    String recipient = escapee.l1().getAddress();
    BigInteger before = token.balanceOf(recipient);
    long start = System.nanoTime();
    EscapeExit.requireOpen(bridge);
    EscapeExit.Result r = exitOnce(bridge, escapee, OptionalLong.empty(), prover);
    long exitMs = (System.nanoTime() - start) / 1_000_000;
    BigInteger moved = token.balanceOf(recipient).subtract(before);
    log.accept(
        "trader "
            + r.account()
            + " exits from L1 data alone (the bridge's calldata, no node): proven and sent"
            + " (tx "
            + r.exitTransaction()
            + "), claimed "
            + r.claimed()
            + ": its token balance grew by "
            + moved
            + " ("
            + exitMs
            + " ms; the node's proven equity: "
            + expected
            + ")");
    BigInteger amount = BigInteger.valueOf(r.amount());
    boolean paid = r.claimed().equals(amount) && moved.equals(amount);
    return new First(paid, r.amount(), secondExitRefused(bridge, escapee, prover), exitMs);
  }

  private EscapeExit.Result exitOnce(
      SettlementBridgeClient bridge, Escapee escapee, OptionalLong account, GnarkProver prover) {
    return EscapeExit.run(
        bridge,
        AnvilNode.CHAIN_ID,
        escapee.key().privateKey(),
        escapee.l1().getAddress(),
        account,
        prover,
        new AnvilBlobs(rpcUrl));
  }

  private boolean secondExitRefused(
      SettlementBridgeClient bridge, Escapee escapee, GnarkProver prover) {
    try {
      exitOnce(bridge, escapee, OptionalLong.of(escapee.account()), prover);
    } catch (ExitRefusedException e) {
      log.accept(
          "a second exit of account " + escapee.account() + " is refused: " + e.getMessage());
      return true;
    }
    log.accept("a second exit of account " + escapee.account() + " was paid");
    return false;
  }
}
