package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Fr;
import dev.sable.prover.NativeBlobOpening;
import dev.sable.prover.NativeException;
import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;
import dev.sable.state.vectors.VectorFiles;
import dev.sable.state.vectors.VectorRecord;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/blob.txt, made by Go (circuits/batchvectors: the owner scenario at the Owner
 * capacities with the rows in a blob, openings by go-eth-kzg): from each batch's owner rows and its
 * KZG commitment, Java packs the same blob bytes and computes the same versioned hash, z, y and
 * public-data blob section; the native library (go-eth-kzg, as Java has no KZG library here) makes
 * the same commitment and opening proof, at the z and y Java computes.
 */
class OwnerBlobVectorsTest {

  @Test
  void javaComputesEveryGoBlobSectionFromTheRowsAndTheCommitment() throws IOException {
    List<VectorRecord> records = VectorFiles.read("blob.txt");
    for (VectorRecord r : records) {
      List<Fr> data = r.frList("data");
      assertThat(data)
          .as("batch %s: the owner rows of every account row", r.get("batch"))
          .hasSize(Capacities.OWNER_ROW * Capacities.OWNER_BLOB.accounts());
      assertThat(Eip4844Blob.sha256(Eip4844Blob.pack(data)))
          .as("batch %s: the blob's bytes", r.get("batch"))
          .isEqualTo(r.bytes("blobSha256"));
      BlobSection section = BlobSection.of(data, r.bytes("commitment"));
      assertThat(section.versionedHash()).isEqualTo(r.bytes("versionedHash"));
      assertThat(section.challenge()).isEqualTo(r.fr("z"));
      assertThat(section.value()).isEqualTo(new BigInteger(1, r.bytes("y")));
      assertThat(section.asList())
          .as("batch %s: the public data's blob section", r.get("batch"))
          .isEqualTo(r.frList("section"));
    }
    assertThat(records).as("blob.txt batches").hasSizeGreaterThanOrEqualTo(3);
  }

  /**
   * testdata/vectors/blob2.txt (Go's owner scenario with 4 account rows in two blobs, 2 rows each):
   * each blob holds its own rows in order, and Java computes every blob's bytes, versioned hash, z
   * (from the commitment to all rows), y and section as Go does. The one-blob rule (z from the
   * blob's own data) gives another z, and so does a row moved to the other blob.
   */
  @Test
  void javaComputesEachBlobOfGoTwoBlobBatches() throws IOException {
    List<VectorRecord> records = VectorFiles.read("blob2.txt");
    int rowsPerBlob = 2;
    for (VectorRecord r : records) {
      String blob = "batch " + r.get("batch") + ", blob " + r.get("blob");
      List<Fr> rows = r.frList("rows");
      int j = Integer.parseInt(r.get("blob"));
      List<Fr> data = r.frList("data");
      int per = Capacities.OWNER_ROW * rowsPerBlob;
      assertThat(data).as("%s: its own rows", blob).isEqualTo(rows.subList(per * j, per * (j + 1)));
      assertThat(Capacities.blobParts(rows, 2).get(j))
          .as("%s: its share split by the blob count alone (a submission's record)", blob)
          .isEqualTo(data);
      assertThat(Eip4844Blob.sha256(Eip4844Blob.pack(data)))
          .as("%s: the blob's bytes", blob)
          .isEqualTo(r.bytes("blobSha256"));
      BlobSection section = BlobSection.of(rows, data, r.bytes("commitment"));
      assertThat(section.versionedHash()).as(blob).isEqualTo(r.bytes("versionedHash"));
      assertThat(section.challenge()).as(blob).isEqualTo(r.fr("z"));
      assertThat(section.value()).as(blob).isEqualTo(new BigInteger(1, r.bytes("y")));
      assertThat(section.asList()).as("%s: its section", blob).isEqualTo(r.frList("section"));
      NativeBlobOpening opening = NativeBlobOpening.open(BlobSection.rowsCommitment(rows), data);
      assertThat(opening.commitment()).as(blob).isEqualTo(r.bytes("commitment"));
      assertThat(opening.proof())
          .as("%s: the opening proof at z", blob)
          .isEqualTo(r.bytes("proof"));
      assertThat(BlobSection.of(data, r.bytes("commitment")).challenge())
          .as("%s: z from the blob's own rows only", blob)
          .isNotEqualTo(section.challenge());
      List<Fr> moved = new ArrayList<>(rows);
      Collections.rotate(moved, Capacities.OWNER_ROW);
      assertThat(BlobSection.of(moved, data, r.bytes("commitment")).challenge())
          .as("%s: the rows in another order", blob)
          .isNotEqualTo(section.challenge());
    }
    assertThat(records).as("blob2.txt: 3 batches of 2 blobs").hasSize(6);
  }

  @Test
  void javaBuildsEveryGoOwnerBlobBatchValueForValue() throws IOException {
    for (String file : List.of("ownerblobbatches.txt", "ownerblob2batches.txt")) {
      VectorReplay replay = VectorReplay.of(file);
      assertThat(replay.mismatches).as("mismatches with %s", file).isEmpty();
      assertThat(replay.batches).as("%s: batches replayed", file).isEqualTo(3);
      assertThat(replay.witnessElementsChecked)
          .as("%s: witness elements compared", file)
          .isPositive();
    }
  }

  @Test
  void theNativeLibraryOpensEveryBlobAsGoDoesAndItsZAndYAreJavas() throws IOException {
    for (VectorRecord r : VectorFiles.read("blob.txt")) {
      List<Fr> data = r.frList("data");
      NativeBlobOpening opening = NativeBlobOpening.open(BlobSection.rowsCommitment(data), data);
      assertThat(opening.commitment()).isEqualTo(r.bytes("commitment"));
      assertThat(opening.proof()).isEqualTo(r.bytes("proof"));
      BlobSection section = BlobSection.of(data, opening.commitment());
      assertThat(opening.challenge()).isEqualTo(section.challenge());
      assertThat(opening.value()).isEqualTo(section.value());
    }
  }

  @Test
  void theNativeLibraryRefusesDataThatIsNotWholeCanonicalElements() {
    NativeLibrary.load();
    // a rows commitment (32 zero bytes), then the data
    assertThatThrownBy(() -> NativeBindings.blobOpen(new byte[32 + 33]))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("not whole 32-byte elements");
    byte[] overModulus = new byte[32 + 32];
    Arrays.fill(overModulus, 32, 64, (byte) 0xff);
    assertThatThrownBy(() -> NativeBindings.blobOpen(overModulus))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("blob element 0");
    assertThatThrownBy(() -> NativeBindings.blobOpen(new byte[31]))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("no rows commitment");
    byte[] commitmentOverModulus = new byte[32];
    Arrays.fill(commitmentOverModulus, (byte) 0xff);
    assertThatThrownBy(() -> NativeBindings.blobOpen(commitmentOverModulus))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("rows commitment");
  }

  @Test
  void otherRowsOrAnotherCommitmentGiveAnotherSection() throws IOException {
    VectorRecord r = VectorFiles.read("blob.txt").get(0);
    List<Fr> data = r.frList("data");
    List<Fr> changed = new ArrayList<>(data);
    changed.set(1, Fr.of(data.get(1).toBigInteger().add(BigInteger.ONE)));
    BlobSection honest = BlobSection.of(data, r.bytes("commitment"));
    assertThat(BlobSection.of(changed, r.bytes("commitment")).challenge())
        .isNotEqualTo(honest.challenge());
    byte[] otherCommitment = r.bytes("commitment");
    otherCommitment[47] ^= 1;
    BlobSection other = BlobSection.of(data, otherCommitment);
    assertThat(other.versionedHash()).isNotEqualTo(honest.versionedHash());
    assertThat(other.challenge()).isNotEqualTo(honest.challenge());
  }

  @Test
  void evaluationAtARootOfUnityIsTheElementThere() throws IOException {
    List<Fr> data = VectorFiles.read("blob.txt").get(0).frList("data");
    assertThat(Eip4844Blob.evaluate(data, Eip4844Blob.root(1)))
        .isEqualTo(data.get(1).toBigInteger());
    assertThat(Eip4844Blob.evaluate(data, Eip4844Blob.root(data.size()))).isZero();
  }

  @Test
  void badInputIsRefused() {
    List<Fr> tooMany = Collections.nCopies(Eip4844Blob.SIZE + 1, Fr.ONE);
    assertThatThrownBy(() -> Eip4844Blob.pack(tooMany))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a blob holds 4096");
    assertThatThrownBy(() -> Eip4844Blob.versionedHash(new byte[47]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("48 bytes");
    assertThatThrownBy(() -> Eip4844Blob.evaluate(List.of(), Eip4844Blob.BLS_MODULUS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void blobCapacitiesAreNamedAsGoNamesThemAndSized() {
    assertThat(Capacities.TINY_OWNER_BLOB.circuitName())
        .isEqualTo("settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob");
    assertThat(Capacities.OWNER_BLOB.circuitName())
        .isEqualTo("settlement-m2-k3-a6-d3-o4-t3-w2-l8-owner-blob");
    assertThat(Capacities.TINY_OWNER_BLOB.publicDataLength())
        .isEqualTo(
            Capacities.TINY_OWNER.publicDataLength()
                - Capacities.OWNER_ROW * 2
                + BlobSection.LENGTH);
    assertThatThrownBy(() -> Capacities.slots(1, 1, 2, 2, 2, 1, 1).blobs(1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs the owner-data section");
  }

  /** Go's names and layout rules for several blobs (settlement.Name, Capacities.CheckBlobs). */
  @Test
  void severalBlobsAreNamedAsGoNamesThemAndRefusedWhereGoRefusesThem() {
    Capacities two = Capacities.TINY_OWNER.toBuilder().blobs(2).build();
    assertThat(two.circuitName()).isEqualTo("settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob2");
    assertThat(two.publicDataLength())
        .isEqualTo(Capacities.TINY_OWNER_BLOB.publicDataLength() + BlobSection.LENGTH);
    assertThat(two.blobRowsPer()).isEqualTo(1);
    Capacities owner = Capacities.slots(1, 1, 630, 1, 1, 1, 1).ownerData(true).blobs(2).build();
    assertThat(owner.blobRowsPer()).isEqualTo(Capacities.BLOB_ROW_LIMIT).isEqualTo(315);
    assertThatThrownBy(() -> owner.toBuilder().accounts(631).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a blob holds 315");
    assertThatThrownBy(() -> Capacities.TINY_OWNER.toBuilder().blobs(3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the last blob would hold no row");
    List<Fr> twoRows = Collections.nCopies(2 * Capacities.OWNER_ROW, Fr.ONE);
    assertThat(Capacities.blobParts(twoRows, 2)).isEqualTo(two.blobParts(twoRows));
    for (int blobs : new int[] {0, 3}) {
      assertThatThrownBy(() -> Capacities.blobParts(twoRows, blobs))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("26 owner row elements (13 per row) do not fill " + blobs + " blobs");
    }
    assertThatThrownBy(() -> Capacities.blobParts(twoRows.subList(1, 26), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("25 owner row elements");
  }
}
