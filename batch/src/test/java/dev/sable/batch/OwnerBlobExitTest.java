package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.exit.AccountRecovery;
import dev.sable.batch.exit.ExitRefusedException;
import dev.sable.batch.exit.PublishedBatch;
import dev.sable.batch.exit.RecoveredAccount;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.state.MerkleProof;
import dev.sable.state.vectors.VectorFiles;
import dev.sable.state.vectors.VectorRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The escape hatch's rebuild from blob batches: the public data of
 * testdata/vectors/ownerblobbatches.txt (Go's -owner-blob batches: the owner header then the blob
 * section) with each batch's blob packed from blob.txt's rows (the same scenario, Go's KZG
 * commitments), read as an exit reads L1. Every owner rebuilds the ledger's latest leaf; a blob
 * with one byte changed, or another batch's blob, is refused.
 */
class OwnerBlobExitTest {
  private static final Capacities CAPS = Capacities.OWNER_BLOB;

  private static final List<List<Fr>> publicData = new ArrayList<>();
  private static final List<byte[]> blobs = new ArrayList<>();
  private static final List<byte[]> eventHashes = new ArrayList<>();
  private static final List<Fr> accountRoots = new ArrayList<>();
  private static final TreeMap<Long, VectorRecord> ledger = new TreeMap<>();

  @BeforeAll
  static void read() throws IOException {
    for (VectorRecord r : VectorFiles.read("ownerblobbatches.txt")) {
      switch (r.kind()) {
        case "result.account" -> ledger.put(r.longValue("index"), r);
        case "result.state" -> accountRoots.add(r.fr("accounts"));
        case "result.pubdata" -> publicData.add(r.frList("d"));
        default -> {}
      }
    }
    for (VectorRecord r : VectorFiles.read("blob.txt")) {
      blobs.add(Eip4844Blob.pack(r.frList("data")));
      eventHashes.add(r.bytes("versionedHash"));
    }
    assertThat(publicData).hasSize(3);
    assertThat(blobs).hasSize(3);
  }

  private static PublishedBatch batch(int i, byte[] eventHash, byte[] blob) {
    return PublishedBatch.readBlob(
        publicData.get(i), CAPS.ownerDataAt(), CAPS.accounts(), eventHash, blob);
  }

  private static List<PublishedBatch> honest() {
    List<PublishedBatch> out = new ArrayList<>();
    for (int i = 0; i < publicData.size(); i++) {
      out.add(batch(i, eventHashes.get(i), blobs.get(i)));
    }
    return out;
  }

  @Test
  void everyOwnerRebuildsTheLedgersLatestLeafFromTheBlobs() {
    List<PublishedBatch> batches = honest();
    for (int i = 0; i < batches.size(); i++) {
      assertThat(batches.get(i).number()).isEqualTo(i + 1);
      assertThat(batches.get(i).owner().accountsRoot()).isEqualTo(accountRoots.get(i));
    }
    List<Long> owners = ledger.keySet().stream().filter(a -> a != 0).toList();
    assertThat(owners).isNotEmpty();
    Fr lastAccounts = accountRoots.get(accountRoots.size() - 1);
    for (long account : owners) {
      RecoveredAccount r =
          AccountRecovery.recover(batches, BatchgenTraders.key(account), OptionalLong.empty());
      assertThat(r.account()).isEqualTo(account);
      assertThat(r.leaf().hash())
          .as("account %d's leaf", account)
          .isEqualTo(ledger.get(account).fr("leaf"));
      assertThat(MerkleProof.fold(Poseidon2.INSTANCE, account, r.leaf().hash(), r.siblings()))
          .isEqualTo(lastAccounts);
    }
  }

  @Test
  void aBlobWithOneRowByteChangedIsRefused() {
    byte[] tampered = blobs.get(1).clone();
    tampered[2 * Fr.BYTES - 1] ^= 1; // the first row's leaf hash, still a BN254 element
    assertThatThrownBy(() -> batch(1, eventHashes.get(1), tampered))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("does not hold the rows the batch proved");
  }

  @Test
  void aBlobWithAByteChangedAfterTheRowsIsRefused() {
    byte[] tampered = blobs.get(1).clone();
    tampered[tampered.length - 1] = 1;
    assertThatThrownBy(() -> batch(1, eventHashes.get(1), tampered))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("is not zero after its 78 row elements");
  }

  @Test
  void aRowElementAboveTheFieldIsRefused() {
    byte[] tampered = blobs.get(1).clone();
    tampered[0] = (byte) 0xff;
    assertThatThrownBy(() -> batch(1, eventHashes.get(1), tampered))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("element 0 is not a BN254 element");
  }

  @Test
  void anotherBatchsBlobIsRefused() {
    // served under batch 1's versioned hash: its rows do not give batch 1's z and y
    assertThatThrownBy(() -> batch(0, eventHashes.get(0), blobs.get(1)))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("does not hold the rows the batch proved");
    // with batch 2's event, as an RPC answering the wrong batch would: the hashes disagree
    assertThatThrownBy(() -> batch(0, eventHashes.get(1), blobs.get(1)))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("its OwnerDataBlob event");
  }

  /**
   * Go's two-blob batches (ownerblob2batches.txt: 4 rows, 2 per blob) with their blobs packed from
   * blob2.txt: every owner rebuilds the ledger's latest leaf. Refused: the blobs served in swapped
   * order (the events' hashes in order), the events and blobs both swapped (the public data names
   * the other order), and blob 0 holding all 4 rows (the one-blob layout).
   */
  @Test
  void everyOwnerRebuildsItsLeafFromTwoBlobBatchesServedInOrderOnly() throws IOException {
    Capacities two = Capacities.OWNER.toBuilder().accounts(4).blobs(2).build();
    List<List<Fr>> d = new ArrayList<>();
    List<Fr> roots = new ArrayList<>();
    TreeMap<Long, VectorRecord> leaves = new TreeMap<>();
    for (VectorRecord r : VectorFiles.read("ownerblob2batches.txt")) {
      switch (r.kind()) {
        case "result.account" -> leaves.put(r.longValue("index"), r);
        case "result.state" -> roots.add(r.fr("accounts"));
        case "result.pubdata" -> d.add(r.frList("d"));
        default -> {}
      }
    }
    List<List<byte[]>> blobsOf = new ArrayList<>();
    List<List<byte[]>> hashesOf = new ArrayList<>();
    List<List<Fr>> rowsOf = new ArrayList<>();
    for (VectorRecord r : VectorFiles.read("blob2.txt")) {
      int batch = (int) r.longValue("batch") - 1;
      if (blobsOf.size() == batch) {
        blobsOf.add(new ArrayList<>());
        hashesOf.add(new ArrayList<>());
        rowsOf.add(r.frList("rows"));
      }
      blobsOf.get(batch).add(Eip4844Blob.pack(r.frList("data")));
      hashesOf.get(batch).add(r.bytes("versionedHash"));
    }
    assertThat(d).hasSize(3);
    assertThat(blobsOf).hasSize(3).allSatisfy(b -> assertThat(b).hasSize(2));
    List<PublishedBatch> batches = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      batches.add(
          PublishedBatch.readBlobs(
              d.get(i), two.ownerDataAt(), two.accounts(), hashesOf.get(i), blobsOf.get(i)));
      assertThat(batches.get(i).owner().accountsRoot()).isEqualTo(roots.get(i));
    }
    List<Long> owners = leaves.keySet().stream().filter(a -> a != 0).toList();
    assertThat(owners).isNotEmpty();
    for (long account : owners) {
      RecoveredAccount r =
          AccountRecovery.recover(batches, BatchgenTraders.key(account), OptionalLong.empty());
      assertThat(r.leaf().hash())
          .as("account %d's leaf", account)
          .isEqualTo(leaves.get(account).fr("leaf"));
      assertThat(MerkleProof.fold(Poseidon2.INSTANCE, account, r.leaf().hash(), r.siblings()))
          .isEqualTo(roots.getLast());
    }

    List<Fr> d1 = d.get(0);
    List<byte[]> hashes = hashesOf.get(0);
    List<byte[]> blobs1 = blobsOf.get(0);
    assertThatThrownBy(
            () ->
                PublishedBatch.readBlobs(
                    d1, two.ownerDataAt(), 4, hashes, List.of(blobs1.get(1), blobs1.get(0))))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("does not hold the rows the batch proved");
    assertThatThrownBy(
            () ->
                PublishedBatch.readBlobs(
                    d1,
                    two.ownerDataAt(),
                    4,
                    List.of(hashes.get(1), hashes.get(0)),
                    List.of(blobs1.get(1), blobs1.get(0))))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("its OwnerDataBlob event");
    byte[] allRows = Eip4844Blob.pack(rowsOf.get(0));
    assertThatThrownBy(
            () ->
                PublishedBatch.readBlobs(
                    d1, two.ownerDataAt(), 4, hashes, List.of(allRows, blobs1.get(1))))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("is not zero after its 26 row elements");
  }

  @Test
  void calldataShapedPublicDataIsNotABlobBatch() {
    List<Fr> tooLong = new ArrayList<>(publicData.get(0));
    tooLong.add(Fr.ONE);
    assertThatThrownBy(
            () ->
                PublishedBatch.readBlob(
                    tooLong, CAPS.ownerDataAt(), CAPS.accounts(), eventHashes.get(0), blobs.get(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a blob batch's");
  }
}
