package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.Capacities;
import dev.sable.batch.Eip4844Blob;
import dev.sable.batch.exit.ExitRefusedException;
import dev.sable.batch.exit.PublishedBatch;
import dev.sable.crypto.Fr;
import dev.sable.l1.BlobOpening;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SubmittedBatch;
import dev.sable.node.l1.CircuitLayout;
import dev.sable.state.vectors.VectorFiles;
import dev.sable.state.vectors.VectorRecord;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * An exit's reading of blob batches from L1 without a chain: the -owner-blob batches of Go's
 * testdata/vectors/ownerblobbatches.txt, each encoded as the submitBlobBatch calldata its
 * transaction would carry (web3j's ABI encoder, Go's KZG commitment from blob.txt), decoded back,
 * and read with its rows from a BlobSource serving the blob packed from blob.txt. Refused: a
 * tampered blob, another batch's blob, another batch's event hash, and a blob nobody serves. A
 * submitBatch (calldata rows) never asks for an event or a blob.
 */
class L1BatchReaderTest {
  private static final Capacities CAPS = Capacities.OWNER_BLOB;
  private static final PublicDataLayout LAYOUT = CircuitLayout.of(CAPS);
  private static final HexFormat HEX = HexFormat.of();

  private static final List<String> calldata = new ArrayList<>();
  private static final List<String> versionedHashes = new ArrayList<>();
  private static final List<byte[]> blobs = new ArrayList<>();
  private static final List<Fr> newRoots = new ArrayList<>();
  private static final List<Fr> accountRoots = new ArrayList<>();

  @BeforeAll
  static void read() throws IOException {
    List<List<Fr>> publicData = new ArrayList<>();
    for (VectorRecord r : VectorFiles.read("ownerblobbatches.txt")) {
      switch (r.kind()) {
        case "result.state" -> accountRoots.add(r.fr("accounts"));
        case "result.pubdata" -> publicData.add(r.frList("d"));
        default -> {}
      }
    }
    List<byte[]> commitments = new ArrayList<>();
    List<byte[]> kzgProofs = new ArrayList<>();
    for (VectorRecord r : VectorFiles.read("blob.txt")) {
      blobs.add(Eip4844Blob.pack(r.frList("data")));
      versionedHashes.add("0x" + HEX.formatHex(r.bytes("versionedHash")));
      commitments.add(r.bytes("commitment"));
      kzgProofs.add(r.bytes("proof"));
    }
    assertThat(publicData).hasSize(3);
    for (int i = 0; i < publicData.size(); i++) {
      newRoots.add(publicData.get(i).get(5));
      calldata.add(submitBlobBatch(publicData.get(i), commitments.get(i), kzgProofs.get(i)));
    }
  }

  /**
   * The calldata a poster sends for batch d with its blob's KZG commitment and proof at z (the
   * Groth16 proof is a placeholder: nothing here verifies it).
   */
  private static String submitBlobBatch(List<Fr> d, byte[] kzgCommitment, byte[] kzgProof) {
    return FunctionEncoder.encode(
        new Function(
            "submitBlobBatch",
            List.of(
                new DynamicArray<>(
                    Uint256.class, d.stream().map(e -> new Uint256(e.toBigInteger())).toList()),
                new Uint256(BigInteger.TEN),
                new DynamicBytes(new byte[256]),
                new BlobOpening(0, kzgCommitment, kzgProof)),
            List.of()));
  }

  private static PublishedBatch read(int i, String eventHash, BlobSource source) {
    return L1BatchReader.read(
        i + 1, SubmittedBatch.decode(calldata.get(i)), k -> List.of(eventHash), LAYOUT, source);
  }

  /** Serves the blobs of blob.txt by versioned hash, as anvil would. */
  private static byte[] served(byte[] vh) {
    int i = versionedHashes.indexOf("0x" + HEX.formatHex(vh));
    if (i < 0) {
      throw new IllegalStateException("holds no blob with versioned hash 0x" + HEX.formatHex(vh));
    }
    return blobs.get(i).clone();
  }

  @Test
  void theLayoutIsTheCapacities() {
    assertThat(LAYOUT.blobLength()).isEqualTo(CAPS.publicDataLength());
  }

  @Test
  void eachBatchReadsBackFromItsCalldataAndItsBlob() {
    for (int i = 0; i < calldata.size(); i++) {
      SubmittedBatch s = SubmittedBatch.decode(calldata.get(i));
      assertThat(s.blob()).isPresent();
      PublishedBatch b = read(i, versionedHashes.get(i), L1BatchReaderTest::served);
      assertThat(b.number()).isEqualTo(i + 1);
      assertThat(b.newRoot()).isEqualTo(newRoots.get(i));
      assertThat(b.owner().accountsRoot()).isEqualTo(accountRoots.get(i));
      assertThat(b.owner().rows()).isNotEmpty();
    }
  }

  @Test
  void aBlobWithOneByteChangedIsRefused() {
    BlobSource tampering =
        vh -> {
          byte[] b = served(vh);
          b[2 * Fr.BYTES - 1] ^= 1;
          return b;
        };
    assertThatThrownBy(() -> read(1, versionedHashes.get(1), tampering))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("does not hold the rows the batch proved");
  }

  @Test
  void anotherBatchsBlobIsRefused() {
    BlobSource wrong = vh -> blobs.get(2).clone();
    assertThatThrownBy(() -> read(1, versionedHashes.get(1), wrong))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("does not hold the rows the batch proved");
  }

  @Test
  void anotherBatchsOwnerDataBlobHashIsRefused() {
    // the event of batch 3 taken for batch 2: the source serves batch 3's blob, honestly
    assertThatThrownBy(() -> read(1, versionedHashes.get(2), L1BatchReaderTest::served))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("OwnerDataBlob event");
  }

  @Test
  void aBlobNobodyServesNamesTheBatchTheHashAndTheRetention() {
    BlobSource pruned =
        vh -> {
          throw new IllegalStateException("holds no blob with versioned hash 0x...");
        };
    assertThatThrownBy(() -> read(1, versionedHashes.get(1), pruned))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("batch 2's owner rows are in the blob with versioned hash")
        .hasMessageContaining(versionedHashes.get(1))
        .hasMessageContaining("holds no blob")
        .hasMessageContaining("~18 days");
  }

  @Test
  void aBlobBatchNotOfTheLayoutsLengthIsRefusedBeforeAnyBlobIsFetched() {
    List<Fr> longer =
        new ArrayList<>(
            SubmittedBatch.decode(calldata.get(0)).publicData().stream().map(Fr::of).toList());
    longer.add(Fr.ONE);
    SubmittedBatch s = SubmittedBatch.decode(submitBlobBatch(longer, new byte[48], new byte[48]));
    assertThatThrownBy(
            () ->
                L1BatchReader.read(
                    1,
                    s,
                    k -> List.of(versionedHashes.get(0)),
                    LAYOUT,
                    vh -> {
                      throw new AssertionError("no blob is fetched for a malformed batch");
                    }))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("are not a blob batch's at the bridge's layout");
  }

  @Test
  void aCalldataBatchAsksNeitherForTheEventNorForABlob() throws IOException {
    Capacities owner = Capacities.OWNER;
    PublicDataLayout layout = CircuitLayout.of(owner);
    List<Fr> d =
        VectorFiles.read("ownerbatches.txt").stream()
            .filter(r -> r.kind().equals("result.pubdata"))
            .findFirst()
            .orElseThrow()
            .frList("d");
    String input =
        FunctionEncoder.encode(
            new Function(
                "submitBatch",
                List.of(
                    new DynamicArray<>(
                        Uint256.class, d.stream().map(e -> new Uint256(e.toBigInteger())).toList()),
                    new Uint256(BigInteger.TEN),
                    new DynamicBytes(new byte[256])),
                List.of()));
    PublishedBatch b =
        L1BatchReader.read(
            1,
            SubmittedBatch.decode(input),
            k -> {
              throw new AssertionError("a calldata batch has no OwnerDataBlob event");
            },
            layout,
            vh -> {
              throw new AssertionError("a calldata batch has no blob");
            });
    assertThat(b.number()).isEqualTo(1);
    assertThat(b.newRoot()).isEqualTo(d.get(5));
  }
}
