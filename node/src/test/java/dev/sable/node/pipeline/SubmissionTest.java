package dev.sable.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sable.l1.FeeCaps;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A submission keeps its fee caps across the node database's JSON: both caps of a blob batch; a
 * record written before the blob fee cap existed reads as what it was sent with (a blob batch's gas
 * price as every cap, a calldata batch's none).
 */
class SubmissionTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Submission submission(List<String> blobData, FeeCaps fees) {
    return new Submission(
        2,
        9,
        "0x01",
        "0x02",
        List.of("0x03"),
        "0x04",
        new byte[] {5},
        100,
        new BatchSummary(1, 0, 0, List.of(), 0, 0, 0, 0, List.of()),
        List.of(),
        BigInteger.valueOf(7),
        fees.gasPrice(),
        List.of("0xaa"),
        1,
        false,
        blobData,
        fees.blobGasPrice());
  }

  static Submission withoutBlobCap(Submission s) throws Exception {
    ObjectNode tree = JSON.valueToTree(s);
    assertThat(tree.has("blobGasPrice")).isTrue();
    tree.remove("blobGasPrice");
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
}
