package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.exit.AccountRecovery;
import dev.sable.batch.exit.ExitCircuit;
import dev.sable.batch.exit.ExitRefusedException;
import dev.sable.batch.exit.ExitStatement;
import dev.sable.batch.exit.OwnerDataSection;
import dev.sable.batch.exit.PublishedBatch;
import dev.sable.batch.exit.RecoveredAccount;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.prover.GnarkCircuit;
import dev.sable.prover.WitnessCheck;
import dev.sable.state.MerkleProof;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.OwnerData;
import dev.sable.state.vectors.VectorFiles;
import dev.sable.state.vectors.VectorRecord;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The escape hatch on real owner data: the public data of testdata/vectors/ownerbatches.txt (made
 * by Go's ledger and settlement circuit, whose solver accepts every batch's witness) read as {@code
 * sable trader exit} reads it from L1. Every owner rebuilds exactly the ledger's latest leaf and a
 * path to the last root; one of them exits through the exit circuit's solver (JNI), and a tampered
 * exit does not solve.
 */
class OwnerBatchesExitTest {
  private static final String FILE = "ownerbatches.txt";
  private static final Fr RECIPIENT = Fr.ofLong(0xa11ce);

  private static Capacities caps;
  private static Deployment deployment;
  private static final List<PublishedBatch> batches = new ArrayList<>();
  private static final List<List<Fr>> publicData = new ArrayList<>();
  private static final List<Fr> stateRoots = new ArrayList<>();
  private static final List<Fr> accountRoots = new ArrayList<>();

  /** Each account's latest leaf hash and key as the ledger has it (result.account records). */
  private static final TreeMap<Long, VectorRecord> ledger = new TreeMap<>();

  private static GnarkCircuit circuit;

  @BeforeAll
  static void read() throws IOException {
    for (VectorRecord r : VectorFiles.read(FILE)) {
      switch (r.kind()) {
        case "settlement.caps" -> {
          assertThat(r.longValue("ownerdata")).isEqualTo(1);
          caps = Capacities.OWNER;
          assertThat(r.longValue("accounts")).isEqualTo(caps.accounts());
        }
        case "settlement.genesis" ->
            deployment = new Deployment(r.longValue("chain"), r.fr("contract"));
        case "result.account" -> ledger.put(r.longValue("index"), r);
        case "result.state" -> {
          stateRoots.add(r.fr("root"));
          accountRoots.add(r.fr("accounts"));
        }
        case "result.pubdata" -> {
          List<Fr> d = r.frList("d");
          assertThat(d).hasSize(caps.publicDataLength());
          publicData.add(d);
          batches.add(PublishedBatch.read(d, caps.ownerDataAt(), caps.accounts()));
        }
        default -> {}
      }
    }
    assertThat(batches).hasSize(9);
    circuit = GnarkCircuit.compile(ExitCircuit.LAYOUT);
  }

  @AfterAll
  static void close() {
    circuit.close();
  }

  @Test
  void eachBatchReadsBackAsTheLedgerPublishedIt() {
    for (int i = 0; i < batches.size(); i++) {
      PublishedBatch b = batches.get(i);
      assertThat(b.number()).isEqualTo(i + 1);
      assertThat(b.newRoot()).isEqualTo(stateRoots.get(i));
      assertThat(b.state().root()).as("batch %d's preimage", i + 1).isEqualTo(stateRoots.get(i));
      assertThat(b.owner().accountsRoot()).isEqualTo(accountRoots.get(i));
    }
    // the fund's row (batch 1 credits it a deposit) is published in the clear
    var fund = batches.get(0).owner().rows().get(0);
    assertThat(fund.account()).isZero();
    KeyPoint keyless = AccountLeafV2.insuranceFund().key();
    assertThat(OwnerData.leaf(keyless, fund.cipher()).hash()).isEqualTo(fund.leaf());
    assertThat(fund.leaf()).isEqualTo(ledgerLeaf(0));
  }

  @Test
  void everyOwnerRecoversTheLedgersLatestLeafAndAPathToTheLastRoot() {
    Fr lastAccounts = accountRoots.get(accountRoots.size() - 1);
    List<Long> owners = ledger.keySet().stream().filter(a -> a != 0).toList();
    assertThat(owners).containsExactly(5L, 9L, 12L, 1L << 20);
    for (long account : owners) {
      EdDsaPrivateKey key = BatchgenTraders.key(account);
      assertThat(KeyPoint.of(key.publicKey()).x()).isEqualTo(ledger.get(account).fr("keyx"));
      RecoveredAccount r = AccountRecovery.recover(batches, key, OptionalLong.empty());
      assertThat(r.account()).isEqualTo(account);
      assertThat(r.leaf().hash()).as("account %d's leaf", account).isEqualTo(ledgerLeaf(account));
      assertThat(r.leaf().collateral()).isEqualTo(ledger.get(account).longValue("collateral"));
      assertThat(MerkleProof.fold(Poseidon2.INSTANCE, account, r.leaf().hash(), r.siblings()))
          .isEqualTo(lastAccounts);
      assertThat(r.stateRoot()).isEqualTo(stateRoots.get(stateRoots.size() - 1));
    }
    // batch 5 refunds account 1's opening deposit: it never had a leaf, nothing decrypts
    assertThatThrownBy(
            () -> AccountRecovery.recover(batches, BatchgenTraders.key(1), OptionalLong.empty()))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("account not found in L1 data");
  }

  @Test
  void anOwnerExitsThroughTheExitCircuitAndATamperedExitDoesNotSolve() {
    // account 5 is short market 7, whose mark rose ~16x: below zero at the stored rows
    assertThatThrownBy(
            () ->
                exitOf(
                    AccountRecovery.recover(batches, BatchgenTraders.key(5), OptionalLong.empty())))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("nothing to take: account 5's equity is -");
    ExitStatement exit =
        exitOf(AccountRecovery.recover(batches, BatchgenTraders.key(9), OptionalLong.empty()));
    assertThat(exit.amount()).isPositive();
    assertThat(circuit.check(ExitCircuit.witness(exit))).isEqualTo(new WitnessCheck(""));

    RecoveredAccount a = exit.account();
    AccountLeafV2 l = a.leaf();
    AccountLeafV2 richer = l.with(l.collateral() + 1, l.nonce(), l.fillsRoot(), l.slots());
    assertRefused(
        exitOf(new RecoveredAccount(a.account(), richer, a.siblings(), a.state(), a.stateRoot())));

    // the account's leaf after batch 3, claimed under the last root
    RecoveredAccount older =
        AccountRecovery.recover(
            batches.subList(0, 3), BatchgenTraders.key(9), OptionalLong.empty());
    assertThat(older.leaf()).isNotEqualTo(l);
    assertRefused(
        exitOf(
            new RecoveredAccount(
                a.account(), older.leaf(), a.siblings(), a.state(), a.stateRoot())));
  }

  @Test
  void aTamperedRowOfRealOwnerDataIsRefused() {
    List<List<Fr>> data = new ArrayList<>(publicData);
    List<Fr> d = new ArrayList<>(data.get(7));
    int leafAt = caps.ownerDataAt() + OwnerDataSection.HEADER + 1;
    assertThat(d.get(leafAt - 1)).isEqualTo(Fr.ofLong((1L << 24) + 5)); // account 5's row
    d.set(leafAt, Fr.of(d.get(leafAt).toBigInteger().add(BigInteger.ONE).mod(Fr.MODULUS)));
    data.set(7, d);
    List<PublishedBatch> tampered =
        data.stream()
            .map(x -> PublishedBatch.read(x, caps.ownerDataAt(), caps.accounts()))
            .toList();
    assertThatThrownBy(
            () -> AccountRecovery.recover(tampered, BatchgenTraders.key(5), OptionalLong.empty()))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("batch 8's owner rows do not rebuild its account root");
  }

  @Test
  void anUnusedRowThatIsNotZeroIsRefused() {
    List<Fr> d = new ArrayList<>(publicData.get(8)); // batch 9 changes no account
    int last = caps.ownerDataAt() + OwnerDataSection.HEADER + OwnerDataSection.ROW * 5;
    assertThat(d.subList(last, last + OwnerDataSection.ROW)).containsOnly(Fr.ZERO);
    d.set(last + 2, Fr.ONE);
    assertThatThrownBy(() -> PublishedBatch.read(d, caps.ownerDataAt(), caps.accounts()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("owner row 5 is unused but not all zero");
  }

  private static ExitStatement exitOf(RecoveredAccount account) {
    return ExitStatement.prepare(
        deployment, account, RECIPIENT, storedMarketRows(), BatchgenTraders.key(account.account()));
  }

  /** What the bridge stores: each market's row from the last batch that published it. */
  private static Map<Long, Fr> storedMarketRows() {
    int at = caps.requestsAt() - caps.steps() - caps.markets();
    Map<Long, Fr> rows = new HashMap<>();
    for (List<Fr> d : publicData) {
      for (Fr row : d.subList(at, at + caps.markets())) {
        if (!row.isZero()) {
          rows.put(row.toBigInteger().longValue() & 0xff, row);
        }
      }
    }
    return rows;
  }

  private static Fr ledgerLeaf(long account) {
    return ledger.get(account).fr("leaf");
  }

  private static void assertRefused(ExitStatement exit) {
    WitnessCheck check = circuit.check(ExitCircuit.witness(exit));
    assertThat(check.satisfied()).as("tampered exit solves").isFalse();
    assertThat(check.failure()).contains("is not satisfied");
  }
}
