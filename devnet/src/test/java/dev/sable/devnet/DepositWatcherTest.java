package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.l1.DepositReceipt;
import dev.sable.l1.Governance;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SettlementDeployment;
import dev.sable.l1.TestCollateral;
import dev.sable.node.intake.AccountKeys;
import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.Journal;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.NodeDatabase;
import dev.sable.node.journal.Provenance;
import dev.sable.node.l1.DepositWatcher;
import dev.sable.node.l1.L1Deposits;
import dev.sable.node.l1.L1Position;
import dev.sable.node.l1.L1Requests;
import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The L1 deposit watcher on anvil, journaling into a real journal: deposits reach the journal only
 * after their confirmations, each exactly once and in queue order; a reorg shallower than the
 * confirmation depth (anvil's evm_snapshot and evm_revert) never reaches it; an L1 node that
 * restarts (anvil stopped and started again on its saved chain) only delays it; a restarted node
 * resumes from its journal; a reorg deeper than the confirmations stops it, loudly.
 */
class DepositWatcherTest {
  static final long CONFIRMATIONS = 6;

  @TempDir Path dir;
  AnvilNode anvil;
  Web3j web3j;
  SettlementBridgeClient bridge;
  TestCollateral token;
  Node node;

  /** What the node holds for deposits: the journal, its gate and the watcher. */
  final class Node implements AutoCloseable {
    final NodeDatabase db = NodeDatabase.open(dir.resolve("db"));
    final Journal journal = new Journal(db);
    final AccountKeys keys = new AccountKeys();
    final L1Deposits deposits = new L1Deposits(keys);
    final L1Requests requests = new L1Requests(keys);
    final GroupCommitter committer;
    final DepositWatcher watcher;

    Node(long confirmations) {
      this(confirmations, DepositWatcher.BLOCKS_PER_SCAN);
    }

    Node(long confirmations, long blocksPerScan) {
      this(confirmations, blocksPerScan, null);
    }

    /**
     * A node restarted from {@code snapshot}, taken at the journal's end (no tail to replay), or
     * with {@code null} from its whole journal.
     */
    Node(long confirmations, long blocksPerScan, Taken snapshot) {
      if (snapshot == null) {
        journal.replay(
            0,
            e -> {
              deposits.observe(e);
              requests.observe(e);
            });
      } else {
        L1Position.restore(snapshot.position(), deposits, requests);
        // as the node's batcher and settlement state tell it: every index below is journaled
        deposits.queue().settled(snapshot.nextDeposit());
        requests.queue().settled(snapshot.nextRequest());
      }
      committer =
          new GroupCommitter(
              journal,
              deposits.before(requests.before((draft, p) -> draft)),
              entries -> {},
              64,
              new SimpleMeterRegistry());
      committer.start();
      requests.deployment(
          new Deployment(
              AnvilNode.CHAIN_ID, Fr.of(new BigInteger(bridge.address().substring(2), 16))));
      watcher =
          new DepositWatcher(
              bridge.events(),
              committer::submit,
              deposits,
              requests,
              true,
              bridge::requestsQueued,
              confirmations,
              10,
              blocksPerScan);
    }

    List<JournalEntry> entries() {
      List<JournalEntry> out = new ArrayList<>();
      journal.replay(0, out::add);
      return out;
    }

    @Override
    public void close() {
      watcher.close();
      committer.close();
      db.close();
    }
  }

  /**
   * What a node snapshot taken at the journal's end tells a restarted node about L1: the watcher's
   * position section and the next queue indices.
   */
  record Taken(byte[] position, long nextDeposit, long nextRequest) {
    static Taken of(Node n) {
      return new Taken(
          L1Position.snapshot(n.deposits, n.requests),
          n.deposits.queue().next(),
          n.requests.queue().next());
    }

    /** The same snapshot as a file of format 2 holds it: no position. */
    Taken withoutPosition() {
      return new Taken(new byte[0], nextDeposit, nextRequest);
    }
  }

  void startChain(List<String> anvilOptions, int port) {
    anvil = AnvilNode.start(Toolchain.fromEnvironment(), port, anvilOptions);
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
  }

  /** A bridge with the fixture's verifier: this test queues deposits, it posts no batch. */
  void deployBridge() throws IOException {
    Credentials dev = anvil.devAccount();
    String address = dev.getAddress();
    token = TestCollateral.deploy(web3j, dev, AnvilNode.CHAIN_ID);
    String verifierCode = SampleSettlement.fixtureVerifierCode();
    bridge =
        SettlementBridgeClient.deploy(
            web3j,
            dev,
            AnvilNode.CHAIN_ID,
            new SettlementDeployment(
                token.address(),
                SettlementBridgeClient.deployVerifier(web3j, dev, AnvilNode.CHAIN_ID, verifierCode),
                new PublicDataLayout(2, 1, 1),
                SettlementBridgeClient.deployVerifier(
                    web3j,
                    dev,
                    AnvilNode.CHAIN_ID,
                    DevChain.fixtureExitVerifierCode(Toolchain.fromEnvironment())),
                DevChain.EXIT_DEADLINE,
                address,
                Governance.deployTimelock(
                    web3j, dev, AnvilNode.CHAIN_ID, Governance.MIN_UPGRADE_DELAY, address),
                address,
                BigInteger.ONE,
                1,
                DevChain.VERIFY_GAS));
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
    if (web3j != null) {
      web3j.shutdown();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  static EdDsaPublicKey key(int seed) {
    byte[] s = new byte[32];
    s[0] = (byte) seed;
    return EdDsaPrivateKey.fromSeed(s).publicKey();
  }

  /** Anvil's dev account {@code from} mints and deposits for {@code account}: its receipt. */
  DepositReceipt deposit(int from, long account, long amount) {
    Credentials sender = AnvilNode.devAccount(from);
    token.mint(sender.getAddress(), BigInteger.valueOf(amount));
    EdDsaPublicKey k = key((int) account);
    return bridge
        .as(sender)
        .deposit(account, k.x().toBigInteger(), k.y().toBigInteger(), BigInteger.valueOf(amount));
  }

  JsonNode rpc(String method, Object... params) throws Exception {
    return AnvilRpc.call(anvil.rpcUrl(), method, params);
  }

  void mine(long blocks) throws Exception {
    rpc("anvil_mine", "0x" + Long.toHexString(blocks));
  }

  /** Mines until L1's head is {@code head}. */
  void mineTo(long head) throws Exception {
    long now = bridge.events().head();
    assertThat(now).as("the head is already past " + head).isLessThanOrEqualTo(head);
    if (head > now) {
      mine(head - now);
    }
  }

  /** The journal's deposits: queue index, account credited (or refused) and amount. */
  static List<long[]> journaled(List<JournalEntry> entries) {
    List<long[]> out = new ArrayList<>();
    for (JournalEntry e : entries) {
      Provenance.L1Deposit p = (Provenance.L1Deposit) e.provenance();
      Command.Deposit c = (Command.Deposit) e.command();
      out.add(new long[] {p.queueIndex(), c.account(), c.amount()});
    }
    return out;
  }

  @Test
  void depositsAreJournaledAfterTheirConfirmationsOnceAndInQueueOrder() throws Exception {
    startChain(List.of(), 0);
    deployBridge();
    node = new Node(CONFIRMATIONS);
    DepositReceipt first = deposit(1, 5, 1_000);
    DepositReceipt second = deposit(2, 9, 2_000); // its mint and approval mine blocks too
    assertThat(first.index()).isZero();
    assertThat(second.index()).isEqualTo(1);
    mineTo(first.blockNumber() + CONFIRMATIONS - 1);
    assertThat(node.watcher.step()).as("one block short").isZero();
    mineTo(first.blockNumber() + CONFIRMATIONS);
    assertThat(node.watcher.step()).as("the first has its confirmations").isEqualTo(1);
    mineTo(second.blockNumber() + CONFIRMATIONS);
    assertThat(node.watcher.step()).isEqualTo(1);
    mine(5);
    assertThat(node.watcher.step()).as("nothing twice").isZero();
    assertThat(journaled(node.entries()))
        .containsExactly(new long[] {0, 5, 1_000}, new long[] {1, 9, 2_000});
    Provenance.L1Deposit p = (Provenance.L1Deposit) node.entries().get(0).provenance();
    assertThat("0x" + java.util.HexFormat.of().formatHex(p.sender()))
        .isEqualToIgnoringCase(AnvilNode.devAccount(1).getAddress());
    assertThat(new BigInteger(1, p.keyX())).isEqualTo(key(5).x().toBigInteger());
    assertThat(((Command.Deposit) node.entries().get(0).command()).key())
        .as("the command carries the key the depositor named")
        .isEqualTo(AccountKey.of(key(5).encode()));
    assertThat(p.block()).isEqualTo(first.blockNumber());
  }

  @Test
  void aReorgShallowerThanTheConfirmationsNeverReachesTheJournal() throws Exception {
    startChain(List.of(), 0);
    deployBridge();
    node = new Node(CONFIRMATIONS);
    String snapshot = rpc("evm_snapshot").asText();
    DepositReceipt dropped = deposit(1, 5, 1_000); // on the branch the reorg drops
    mineTo(dropped.blockNumber() + CONFIRMATIONS - 1);
    assertThat(node.watcher.step()).isZero();
    assertThat(rpc("evm_revert", snapshot).asBoolean()).isTrue();
    DepositReceipt kept = deposit(2, 9, 7_000);
    assertThat(kept.index()).as("the queue's index 0 is now another deposit").isZero();
    mineTo(kept.blockNumber() + CONFIRMATIONS);
    assertThat(node.watcher.step()).isEqualTo(1);
    assertThat(journaled(node.entries())).containsExactly(new long[] {0, 9, 7_000});
    assertThat(node.watcher.problem()).isNull();
  }

  @Test
  void aReorgDeeperThanTheConfirmationsStopsTheWatcher() throws Exception {
    startChain(List.of(), 0);
    deployBridge();
    node = new Node(1);
    String snapshot = rpc("evm_snapshot").asText();
    deposit(1, 5, 1_000);
    mine(1);
    assertThat(node.watcher.step()).isEqualTo(1);
    rpc("evm_revert", snapshot);
    mine(4); // other blocks where the journaled deposit's block was
    deposit(2, 9, 7_000);
    mine(2);
    assertThat(node.watcher.step()).isZero();
    assertThat(node.watcher.problem()).contains("left the chain").contains("1 confirmations");
    assertThat(journaled(node.entries())).containsExactly(new long[] {0, 5, 1_000});
  }

  @Test
  void aRestartedNodeResumesFromItsJournalAndNeverJournalsADepositTwice() throws Exception {
    startChain(List.of(), 0);
    deployBridge();
    node = new Node(0);
    deposit(1, 5, 1_000);
    assertThat(node.watcher.step()).isEqualTo(1);
    node.close();
    deposit(2, 9, 2_000);
    deposit(3, 5, 3_000);

    node = new Node(0); // a new process: the journal tells where to resume
    assertThat(node.deposits.queue().next()).isEqualTo(1);
    assertThat(node.watcher.step()).isEqualTo(2);
    assertThat(journaled(node.entries()))
        .containsExactly(
            new long[] {0, 5, 1_000}, new long[] {1, 9, 2_000}, new long[] {2, 5, 3_000});
    // a deposit sent again (a watcher that timed out on the journal) is refused by the journal
    assertThatThrownBy(
            () ->
                node.committer
                    .submit(node.entries().get(0).command(), node.entries().get(0).provenance())
                    .join())
        .hasMessageContaining("already journaled");
    assertThat(node.entries()).hasSize(3);
  }

  /**
   * Registers account's forced request of up to 500 with {@code nonce}, signed by the key of seed
   * {@code signer}; returns the block it was logged in.
   */
  long force(long account, int signer, long nonce) {
    String recipient = AnvilNode.devAccount(3).getAddress();
    WithdrawalMessage m =
        new WithdrawalMessage(
            account, 500, Fr.of(new BigInteger(recipient.substring(2), 16)), nonce);
    byte[] seed = new byte[32];
    seed[0] = (byte) signer;
    EdDsaSignature s =
        EdDsaPrivateKey.fromSeed(seed).sign(m.forcedHash(node.requests.deployment()));
    bridge.forceWithdrawal(
        account,
        nonce,
        BigInteger.valueOf(500),
        recipient,
        s.rx().toBigInteger(),
        s.ry().toBigInteger(),
        s.s());
    return bridge.events().head();
  }

  /**
   * Forced requests are read beside deposits: each journaled after its confirmations, once, in
   * queue order, with {@code signed} decided by the journal's gate from the key the account's
   * deposit bound (a request signed by another key is journaled unsigned); a restarted node resumes
   * from its journal and journals none twice.
   */
  @Test
  void forcedRequestsAreJournaledAfterTheirConfirmationsOnceWithTheGatesVerdict() throws Exception {
    startChain(List.of(), 0);
    deployBridge();
    node = new Node(CONFIRMATIONS);
    deposit(1, 5, 1_000); // binds key(5) to account 5 once journaled
    long first = force(5, 5, 0);
    long forged = force(5, 6, 0); // account 5's request, signed by another key
    mineTo(forged + CONFIRMATIONS - 1);
    assertThat(node.watcher.step()).as("the deposit and the first request").isEqualTo(2);
    mineTo(forged + CONFIRMATIONS);
    assertThat(node.watcher.step()).isEqualTo(1);
    mine(3);
    assertThat(node.watcher.step()).as("nothing twice").isZero();
    List<JournalEntry> entries = node.entries();
    assertThat(entries).hasSize(3);
    Provenance.L1Request p = (Provenance.L1Request) entries.get(1).provenance();
    assertThat(p.queueIndex()).isZero();
    assertThat(p.block()).isEqualTo(first);
    assertThat("0x" + java.util.HexFormat.of().formatHex(p.recipient()))
        .isEqualToIgnoringCase(AnvilNode.devAccount(3).getAddress());
    assertThat(entries.get(1).command()).isEqualTo(new Command.ForcedWithdrawal(5, 500, 0, true));
    assertThat(((Provenance.L1Request) entries.get(2).provenance()).queueIndex()).isEqualTo(1);
    assertThat(entries.get(2).command()).isEqualTo(new Command.ForcedWithdrawal(5, 500, 0, false));

    node.close();
    node = new Node(0); // a new process: the journal tells where to resume
    assertThat(node.requests.queue().next()).isEqualTo(2);
    force(5, 5, 1);
    assertThat(node.watcher.step()).isEqualTo(1);
    assertThat(node.entries()).hasSize(4);
    JournalEntry again = node.entries().get(1);
    assertThatThrownBy(() -> node.committer.submit(again.command(), again.provenance()).join())
        .hasMessageContaining("already journaled");
    assertThat(node.entries()).hasSize(4);
  }

  /** A long stretch of blocks is read a bounded range at a time, nothing skipped. */
  @Test
  void aLongChainIsReadInBoundedRanges() throws Exception {
    startChain(List.of(), 0);
    deployBridge();
    node = new Node(0, 100);
    DepositReceipt first = deposit(1, 5, 1_000);
    mineTo(first.blockNumber() + 240);
    deposit(2, 9, 2_000);
    int[] perStep = {node.watcher.step(), node.watcher.step(), node.watcher.step()};
    assertThat(perStep)
        .as("the second deposit is three ranges of 100 away")
        .containsExactly(1, 0, 1);
    assertThat(journaled(node.entries()))
        .containsExactly(new long[] {0, 5, 1_000}, new long[] {1, 9, 2_000});
  }

  @Test
  void anL1NodeThatRestartsOnlyDelaysTheWatcher() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> saved = List.of("--state", dir.resolve("chain.json").toString());
    startChain(saved, port);
    deployBridge();
    node = new Node(1);
    deposit(1, 5, 1_000);
    deposit(2, 9, 2_000);
    anvil.close(); // stops and saves the chain
    assertThatThrownBy(() -> node.watcher.step()).as("L1 unreachable").isNotNull();
    assertThat(node.entries()).isEmpty();

    anvil = AnvilNode.start(Toolchain.fromEnvironment(), port, saved);
    mine(1); // the restarted chain goes on from where it stopped
    assertThat(node.watcher.step()).isEqualTo(2);
    assertThat(journaled(node.entries()))
        .containsExactly(new long[] {0, 5, 1_000}, new long[] {1, 9, 2_000});
  }

  /**
   * A node restarted from a snapshot whose journal tail holds no deposit or request resumes reading
   * L1 at the blocks of the last journaled ones (the snapshot's L1 position), not at block 0: in
   * ranges of 8 blocks its first read finds the next deposit, where the same snapshot without the
   * position (format 2) reads blocks 0 to 7 and finds nothing.
   */
  @Test
  void aNodeRestartedFromASnapshotResumesAtItsLastJournaledBlocks() throws Exception {
    startChain(List.of(), 0);
    deployBridge();
    node = new Node(0);
    mine(40);
    DepositReceipt first = deposit(1, 5, 1_000);
    long forced = force(5, 5, 0);
    assertThat(node.watcher.step()).isEqualTo(2);
    Taken taken = Taken.of(node);
    node.close();
    DepositReceipt next = deposit(2, 9, 2_000);

    node = new Node(0, 8, taken.withoutPosition());
    assertThat(node.deposits.queue().lastBlock()).isEqualTo(-1);
    assertThat(node.watcher.step()).as("without the position: blocks 0 to 7").isZero();
    node.close();

    node = new Node(0, 8, taken);
    assertThat(node.deposits.queue().lastBlock()).isEqualTo(first.blockNumber());
    assertThat(node.requests.queue().lastBlock()).isEqualTo(forced);
    assertThat(node.watcher.step()).as("from the last journaled blocks").isEqualTo(1);
    List<JournalEntry> entries = node.entries();
    Provenance.L1Deposit last = (Provenance.L1Deposit) entries.getLast().provenance();
    assertThat(last.queueIndex()).isEqualTo(1);
    assertThat(last.block()).isEqualTo(next.blockNumber());
    assertThat(entries).hasSize(3);
  }

  /**
   * A node at a circuit with request slots that journaled deposits but never a forced request
   * resumes at its last journaled deposit's block while L1 has no request registered: in ranges of
   * 8 blocks its first read finds the next deposit. With a request registered on L1 that its
   * journal does not hold, it reads from block 0 again (blocks 0 to 7: nothing), so that request is
   * never skipped, and journals it.
   */
  @Test
  void aNodeWithoutForcedRequestsResumesAtItsDepositsNotAtBlockZero() throws Exception {
    startChain(List.of(), 0);
    deployBridge();
    node = new Node(0);
    mine(40);
    deposit(1, 5, 1_000);
    assertThat(node.watcher.step()).isEqualTo(1);
    node.close();
    deposit(2, 9, 2_000);

    node = new Node(0, 8);
    assertThat(node.requests.queue().lastBlock()).isEqualTo(-1);
    assertThat(node.watcher.step()).as("from the last journaled deposit's block").isEqualTo(1);
    assertThat(journaled(node.entries()))
        .containsExactly(new long[] {0, 5, 1_000}, new long[] {1, 9, 2_000});
    node.close();

    node = new Node(0, 8);
    long forced = force(5, 5, 0);
    assertThat(node.watcher.step()).as("a request on L1: blocks 0 to 7").isZero();
    int journaledRequests = 0;
    for (long from = 8; from <= forced; from += 8) {
      journaledRequests += node.watcher.step();
    }
    assertThat(journaledRequests).as("the request, once").isEqualTo(1);
    assertThat(node.requests.queue().lastBlock()).isEqualTo(forced);
    assertThat(node.entries()).hasSize(3);
  }

  /**
   * A reorg deeper than the confirmations that replaced the block of the last journaled deposit
   * while the node was down stops the watcher of a node restarted from a snapshot whose tail holds
   * no deposit: the position keeps the block to check. Without it (a format 2 snapshot) the
   * restarted watcher has nothing to check and silently skips the new chain's deposit 0 as already
   * journaled.
   */
  @Test
  void aNodeRestartedFromASnapshotStillStopsAtADeeperReorg() throws Exception {
    startChain(List.of(), 0);
    deployBridge();
    node = new Node(1);
    String before = rpc("evm_snapshot").asText();
    deposit(1, 5, 1_000);
    mine(1);
    assertThat(node.watcher.step()).isEqualTo(1);
    Taken taken = Taken.of(node);
    node.close();
    assertThat(rpc("evm_revert", before).asBoolean()).isTrue();
    mine(4); // other blocks where the journaled deposit's block was
    deposit(2, 9, 7_000);
    mine(2);

    node = new Node(1, DepositWatcher.BLOCKS_PER_SCAN, taken.withoutPosition());
    assertThat(node.watcher.step()).as("nothing journaled, nothing noticed").isZero();
    assertThat(node.watcher.problem()).isNull();
    node.close();

    node = new Node(1, DepositWatcher.BLOCKS_PER_SCAN, taken);
    assertThat(node.watcher.step()).isZero();
    assertThat(node.watcher.problem()).contains("left the chain").contains("1 confirmations");
    assertThat(journaled(node.entries())).containsExactly(new long[] {0, 5, 1_000});
  }
}
