package dev.sable.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sable.batch.Eip4844Blob;
import dev.sable.crypto.Fr;
import dev.sable.l1.BatchBlob;
import dev.sable.l1.FeeCaps;
import dev.sable.l1.PublicDataLayout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A submission keeps its fee caps across the node database's JSON: both caps of a blob batch; a
 * record written before the blob fee cap existed reads as what it was sent with (a blob batch's gas
 * price as every cap, a calldata batch's none). A blob batch's record keeps its blob count, so the
 * node restarted from it sends the blobs it sent before; a record from before the count reads as
 * one blob, what such batches carried.
 */
class SubmissionTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Submission submission(List<String> blobData, FeeCaps fees) {
    return submission(blobData, blobData.isEmpty() ? 0 : 1, fees);
  }

  static Submission submission(List<String> blobData, int blobs, FeeCaps fees) {
    return new Submission(
        2,
        9,
        Fr.ofLong(1).toHex(),
        Fr.ofLong(2).toHex(),
        List.of(Fr.ofLong(3).toHex()),
        Fr.ofLong(4).toHex(),
        new byte[384], // what the bridge takes, as forL1 makes it
        100,
        new BatchSummary(1, 0, 0, List.of(), 0, 0, 0, 0, List.of()),
        List.of(),
        BigInteger.valueOf(7),
        fees.gasPrice(),
        List.of("0xaa"),
        1,
        false,
        blobData,
        blobs,
        fees.blobGasPrice());
  }

  static Submission withoutBlobCap(Submission s) throws Exception {
    return without(s, "blobGasPrice");
  }

  /** The submission as a record written before {@code field} existed reads. */
  static Submission without(Submission s, String field) throws Exception {
    ObjectNode tree = JSON.valueToTree(s);
    assertThat(tree.has(field)).isTrue();
    tree.remove(field);
    return JSON.treeToValue(tree, Submission.class);
  }

  @Test
  void keepsBothCapsOfABlobBatch() throws Exception {
    FeeCaps fees = new FeeCaps(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(90));
    Submission s = submission(List.of("0x06"), fees);
    Submission read = JSON.readValue(JSON.writeValueAsBytes(s), Submission.class);
    assertThat(read.fees()).isEqualTo(fees);
    assertThat(read.sent("0xbb", fees.replacement(fees), 2).fees())
        .isEqualTo(new FeeCaps(BigInteger.valueOf(4_000_000_000L), BigInteger.valueOf(180)));
  }

  @Test
  void readsARecordFromBeforeTheBlobCapAsItWasSent() throws Exception {
    BigInteger price = BigInteger.valueOf(3_000_000_000L);
    Submission blob =
        withoutBlobCap(submission(List.of("0x06"), new FeeCaps(price, BigInteger.TEN)));
    assertThat(blob.fees()).isEqualTo(new FeeCaps(price, price));
    Submission calldata = withoutBlobCap(submission(List.of(), FeeCaps.calldata(price)));
    assertThat(calldata.fees()).isEqualTo(FeeCaps.calldata(price));
  }

  @Test
  void aTwoBlobRecordSendsTheSameTwoBlobsAfterARestart() throws Exception {
    List<Fr> rows = twoRows(); // one per blob
    FeeCaps fees = new FeeCaps(BigInteger.TEN, BigInteger.TWO);
    Submission s = submission(rows.stream().map(Fr::toHex).toList(), 2, fees);
    Submission read = JSON.readValue(JSON.writeValueAsBytes(s), Submission.class);
    assertThat(read.blobs()).isEqualTo(2);
    List<BatchBlob> sent = s.forL1().blobs();
    List<BatchBlob> again = read.forL1().blobs();
    assertThat(again).hasSize(2);
    for (int j = 0; j < 2; j++) {
      assertThat(again.get(j).versionedHash()).isEqualTo(sent.get(j).versionedHash());
      assertThat(again.get(j).blob())
          .as("blob %d holds its own row", j)
          .isEqualTo(
              Eip4844Blob.pack(
                  rows.subList(
                      PublicDataLayout.OWNER_ROW * j, PublicDataLayout.OWNER_ROW * (j + 1))));
    }
    // without the count the record would read as one blob: another transaction than the one sent
    Submission older = without(s, "blobs");
    assertThat(older.blobs()).isEqualTo(1);
    assertThat(older.forL1().blobs()).hasSize(1);
    assertThat(older.forL1().blobs().getFirst().versionedHash())
        .isNotEqualTo(sent.get(0).versionedHash());
    assertThat(submission(List.of(), fees).blobs()).isZero();
  }

  /** An accepted batch's record, reposted after a reorg dropped it, carries its blobs again. */
  @Test
  void anAcceptedTwoBlobBatchIsRepostedWithItsTwoBlobs() throws Exception {
    List<String> rows = twoRows().stream().map(Fr::toHex).toList();
    FeeCaps fees = new FeeCaps(BigInteger.TEN, BigInteger.TWO);
    Submission s = submission(rows, 2, fees);
    PipelineStore.Accepted accepted =
        new PipelineStore.Accepted(
            new BatchRecord(
                2, "verified", s.oldRoot(), s.newRoot(), 9, s.summary(), "0xaa", 500_000, 100),
            s.publicData(),
            s.commitment(),
            s.proof(),
            rows,
            2);
    PipelineStore.Accepted read =
        JSON.readValue(JSON.writeValueAsBytes(accepted), PipelineStore.Accepted.class);
    Submission repost = Submission.repost(read, BigInteger.ONE, fees);
    assertThat(repost.blobs()).isEqualTo(2);
    assertThat(repost.forL1().versionedHashes())
        .usingElementComparator(java.util.Arrays::compare)
        .containsExactlyElementsOf(s.forL1().versionedHashes());
    ObjectNode older = JSON.valueToTree(accepted);
    older.remove("blobs");
    assertThat(JSON.treeToValue(older, PipelineStore.Accepted.class).blobs())
        .as("a record from before the count: one blob")
        .isEqualTo(1);
  }

  /** Two owner rows' elements, distinct. */
  static List<Fr> twoRows() {
    List<Fr> rows = new ArrayList<>();
    for (int i = 0; i < 2 * PublicDataLayout.OWNER_ROW; i++) {
      rows.add(Fr.ofLong(1_000 + i));
    }
    return rows;
  }

  @Test
  void aRecordWhoseRowsDoNotFillItsBlobCountIsRefusedWhenPosted() {
    List<String> oneRow = java.util.Collections.nCopies(PublicDataLayout.OWNER_ROW, Fr.ONE.toHex());
    Submission s = submission(oneRow, 2, new FeeCaps(BigInteger.TEN, BigInteger.TWO));
    assertThatThrownBy(s::forL1)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("13 owner row elements (13 per row) do not fill 2 blobs");
  }
}
