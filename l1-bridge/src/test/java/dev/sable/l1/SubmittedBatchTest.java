package dev.sable.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Decoding what a batch was submitted with: submitBatch and submitBlobBatch calldata encoded by
 * web3j's ABI encoder (the selectors are forge's, from the compiled SettlementBlobBridge), and
 * SettlementBlobBridge's OwnerDataBlob event from a receipt's logs.
 */
class SubmittedBatchTest {
  private static final String BRIDGE = "0x" + "ab".repeat(20);
  private static final List<BigInteger> D =
      List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(7), BigInteger.ONE.shiftLeft(253));
  private static final BigInteger C = BigInteger.valueOf(123_456_789);
  private static final byte[] PROOF = bytes(256, 3);
  private static final byte[] KZG_COMMITMENT = bytes(48, 5);
  private static final byte[] KZG_PROOF = bytes(48, 9);

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }

  static String blobCalldata(List<BigInteger> d, BlobOpening blob) {
    return FunctionEncoder.encode(
        new Function(
            "submitBlobBatch",
            List.of(
                new DynamicArray<>(Uint256.class, d.stream().map(Uint256::new).toList()),
                new Uint256(C),
                new DynamicBytes(PROOF),
                blob),
            List.of()));
  }

  private static JsonNode compiled(String contract) throws IOException {
    return new ObjectMapper()
        .readTree(Path.of("contracts/out", contract + ".sol", contract + ".json").toFile());
  }

  @Test
  void selectorsAreTheCompiledBridgesFunctions() throws IOException {
    JsonNode ids = compiled("SettlementBlobBridge").path("methodIdentifiers");
    assertThat(SubmittedBatch.SUBMIT_BLOB_SELECTOR)
        .isEqualTo(
            "0x"
                + ids.path("submitBlobBatch(uint256[],uint256,bytes,(uint256,bytes,bytes))")
                    .asText());
    assertThat(SubmittedBatch.SUBMIT_SELECTOR)
        .isEqualTo("0x" + ids.path("submitBatch(uint256[],uint256,bytes)").asText());
    assertThat(SubmittedBatch.SUBMIT_BATCHES_SELECTOR)
        .isEqualTo("0x" + ids.path("submitBatches(uint256[],uint256,bytes)").asText());
    assertThat(SubmittedBatch.SUBMIT_BLOB_BATCHES_SELECTOR)
        .isEqualTo(
            "0x"
                + ids.path("submitBlobBatches(uint256[],uint256,bytes,(uint256,bytes,bytes))")
                    .asText());
    // web3j encodes the struct argument under the same selector
    assertThat(blobCalldata(D, new BlobOpening(0, KZG_COMMITMENT, KZG_PROOF)))
        .startsWith(SubmittedBatch.SUBMIT_BLOB_SELECTOR);
  }

  @Test
  void decodesSubmitBlobBatchCalldata() {
    SubmittedBatch s =
        SubmittedBatch.decode(blobCalldata(D, new BlobOpening(1, KZG_COMMITMENT, KZG_PROOF)));
    assertThat(s.publicData()).isEqualTo(D);
    assertThat(s.commitment()).isEqualTo(C);
    assertThat(s.proof()).isEqualTo(PROOF);
    assertThat(s.blob()).isPresent();
    assertThat(s.blob().get().index()).isEqualTo(BigInteger.ONE);
    assertThat(s.blob().get().commitment()).isEqualTo(KZG_COMMITMENT);
    assertThat(s.blob().get().proof()).isEqualTo(KZG_PROOF);
  }

  @Test
  void decodesSubmitBatchCalldataWithoutABlob() {
    String input =
        FunctionEncoder.encode(
            new Function(
                "submitBatch",
                List.of(
                    new DynamicArray<>(Uint256.class, D.stream().map(Uint256::new).toList()),
                    new Uint256(C),
                    new DynamicBytes(PROOF)),
                List.of()));
    SubmittedBatch s = SubmittedBatch.decode(input);
    assertThat(s.publicData()).isEqualTo(D);
    assertThat(s.commitment()).isEqualTo(C);
    assertThat(s.proof()).isEqualTo(PROOF);
    assertThat(s.blob()).isEmpty();
  }

  @Test
  void refusesOtherCallsAndTruncatedCalldata() {
    String deposit =
        FunctionEncoder.encode(new Function("claim", List.of(new Uint256(1)), List.of()));
    assertThat(SubmittedBatch.isSubmit(deposit)).isFalse();
    assertThatThrownBy(() -> SubmittedBatch.decode(deposit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is no batch submission");
    String whole = blobCalldata(D, new BlobOpening(0, KZG_COMMITMENT, KZG_PROOF));
    String cut = whole.substring(0, whole.length() - 2 * 64 * 3);
    assertThatThrownBy(() -> SubmittedBatch.decode(cut))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a batch's arguments");
  }

  /**
   * Batch n's public data: a header (number n, from batch n - 1's root to its own) and {@code
   * extra} body elements.
   */
  private static List<BigInteger> header(long n, int extra) {
    List<BigInteger> d = new ArrayList<>();
    for (int i = 0; i < PublicDataLayout.HEADER + extra; i++) {
      d.add(BigInteger.valueOf(1000 * n + i));
    }
    d.set(2, BigInteger.valueOf(n));
    d.set(4, root(n - 1));
    d.set(5, root(n));
    return d;
  }

  private static BigInteger root(long n) {
    return BigInteger.ONE.shiftLeft(250).add(BigInteger.valueOf(n));
  }

  @SuppressWarnings("rawtypes")
  private static String aggregateCalldata(List<List<BigInteger>> segments, BlobOpening blob) {
    List<Uint256> d = segments.stream().flatMap(List::stream).map(Uint256::new).toList();
    List<Type> args = new ArrayList<>();
    args.add(new DynamicArray<>(Uint256.class, d));
    args.add(new Uint256(C));
    args.add(new DynamicBytes(PROOF));
    if (blob != null) {
      args.add(blob);
    }
    return FunctionEncoder.encode(
        new Function(blob == null ? "submitBatches" : "submitBlobBatches", args, List.of()));
  }

  /** Each batch of an aggregate is its own segment of D, found by its number and new root. */
  @Test
  void picksEachBatchsSegmentOutOfAnAggregate() {
    List<List<BigInteger>> segments = List.of(header(4, 3), header(5, 3), header(6, 3));
    SubmittedBatch all = SubmittedBatch.decode(aggregateCalldata(segments, null));
    assertThat(all.aggregate()).isTrue();
    assertThat(all.publicData()).hasSize(33);
    for (int i = 0; i < 3; i++) {
      SubmittedBatch one = all.batch(3, 4 + i, root(4 + i));
      assertThat(one.publicData()).isEqualTo(segments.get(i));
      assertThat(one.commitment()).isEqualTo(C);
      assertThat(one.proof()).isEqualTo(PROOF);
    }
    assertThatThrownBy(() -> all.batch(3, 7, root(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hold no batch 7");
    assertThatThrownBy(() -> all.batch(3, 5, root(4))).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The split is the recorded k's, whatever the data hold: two batches whose bodies happen to hold
   * headers chaining into three segments (batch 1's body, at a third of D, a header numbered 2 from
   * batch 1's new root; batch 2's body, at two thirds, one numbered 3 from that header's root). A
   * reader guessing the largest chained split would take three segments and find no batch 2 with
   * its real root; the k = 2 the bridge recorded finds both.
   */
  @Test
  void theRecordedSegmentCountSplitsDataThatChainTwoWays() {
    List<BigInteger> first = header(1, 10); // 18 elements; D has 36, a third is 12
    List<BigInteger> second = header(2, 10);
    BigInteger fake = BigInteger.valueOf(777);
    first.set(12 + 2, BigInteger.TWO);
    first.set(12 + 4, root(1));
    first.set(12 + 5, fake);
    second.set(6 + 2, BigInteger.valueOf(3));
    second.set(6 + 4, fake);
    SubmittedBatch all = SubmittedBatch.decode(aggregateCalldata(List.of(first, second), null));
    List<BigInteger> d = all.publicData();
    for (int i = 1; i < 3; i++) { // the three-way split chains too
      assertThat(d.get(12 * i + 2)).isEqualTo(d.get(12 * (i - 1) + 2).add(BigInteger.ONE));
      assertThat(d.get(12 * i + 4)).isEqualTo(d.get(12 * (i - 1) + 5));
    }
    assertThat(all.batch(2, 1, root(1)).publicData()).isEqualTo(first);
    assertThat(all.batch(2, 2, root(2)).publicData()).isEqualTo(second);
    assertThatThrownBy(() -> all.batch(3, 2, root(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in 3 segments) hold no batch 2");
  }

  /** A k that does not cut D into whole segments, or a single batch read as several, is refused. */
  @Test
  void refusesASegmentCountTheDataCannotHave() {
    SubmittedBatch all =
        SubmittedBatch.decode(aggregateCalldata(List.of(header(1, 3), header(2, 3)), null));
    assertThatThrownBy(() -> all.batch(3, 1, root(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("are not 3 batches' public data");
    assertThatThrownBy(() -> all.batch(0, 1, root(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> all.batch(22, 1, root(1))) // segments shorter than a header
        .isInstanceOf(IllegalArgumentException.class);
    SubmittedBatch one =
        SubmittedBatch.decode(
            blobCalldata(header(1, 5), new BlobOpening(0, KZG_COMMITMENT, KZG_PROOF)));
    assertThatThrownBy(() -> one.batch(2, 1, root(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a single batch");
  }

  /**
   * Segment i's blob openings are the i-th share of the aggregate's, its first blob after i-1's.
   */
  @Test
  void aBlobAggregatesSegmentKeepsItsOwnOpenings() {
    List<List<BigInteger>> segments = List.of(header(1, 2), header(2, 2));
    byte[] commitments = bytes(4 * 48, 11);
    byte[] proofs = bytes(4 * 48, 13);
    SubmittedBatch all =
        SubmittedBatch.decode(aggregateCalldata(segments, new BlobOpening(1, commitments, proofs)));
    BlobOpening second = all.batch(2, 2, root(2)).blob().orElseThrow();
    assertThat(second.index()).isEqualTo(BigInteger.valueOf(3));
    assertThat(second.commitment()).isEqualTo(Arrays.copyOfRange(commitments, 96, 192));
    assertThat(second.proof()).isEqualTo(Arrays.copyOfRange(proofs, 96, 192));
    BlobOpening first = all.batch(2, 1, root(1)).blob().orElseThrow();
    assertThat(first.index()).isEqualTo(BigInteger.ONE);
    assertThat(first.commitment()).isEqualTo(Arrays.copyOfRange(commitments, 0, 96));
  }

  /** A single batch's calldata is that batch only: another number or root is refused. */
  @Test
  void aSingleBatchIsOnlyItself() {
    List<BigInteger> d = header(9, 40);
    SubmittedBatch s =
        SubmittedBatch.decode(blobCalldata(d, new BlobOpening(0, KZG_COMMITMENT, KZG_PROOF)));
    assertThat(s.aggregate()).isFalse();
    assertThat(s.batch(1, 9, root(9)).publicData()).isEqualTo(d);
    assertThat(s.batch(1, 9, root(9)).blob().orElseThrow().commitment()).isEqualTo(KZG_COMMITMENT);
    assertThatThrownBy(() -> s.batch(1, 8, root(9))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.batch(1, 9, root(8))).isInstanceOf(IllegalArgumentException.class);
  }

  private static Log ownerDataBlobLog(String address, long batch, byte[] vh) {
    Log log = new Log();
    log.setAddress(address);
    log.setTopics(
        List.of(
            EventEncoder.encode(SettlementEvents.OWNER_DATA_BLOB),
            "0x" + TypeEncoder.encode(new Uint256(batch))));
    log.setData("0x" + TypeEncoder.encode(new Bytes32(vh)));
    log.setBlockNumber("0x10");
    log.setBlockHash("0x" + "11".repeat(32));
    log.setTransactionHash("0x" + "22".repeat(32));
    log.setLogIndex("0x" + Long.toHexString(batch));
    return log;
  }

  private static SettlementEvents.AcceptedBatch accepted(long number) {
    return new SettlementEvents.AcceptedBatch(
        number,
        BigInteger.ONE,
        BigInteger.TWO,
        0,
        0,
        List.of(),
        new SettlementEvents.LogPosition(16, "0x" + "11".repeat(32), "0x" + "22".repeat(32), 0));
  }

  @Test
  void parsesOwnerDataBlobFromTheBridgesLogsOnly() {
    byte[] vh = bytes(32, 1);
    vh[0] = 0x01;
    List<Log> logs = new ArrayList<>();
    logs.add(ownerDataBlobLog("0x" + "cd".repeat(20), 4, bytes(32, 2))); // another contract's
    logs.add(ownerDataBlobLog(BRIDGE, 4, vh));
    TransactionReceipt receipt = new TransactionReceipt();
    receipt.setLogs(logs);
    List<SettlementEvents.OwnerDataBlob> events =
        new SettlementEvents(null, BRIDGE).ownerDataBlobs(receipt);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).batchNumber()).isEqualTo(4);
    assertThat(events.get(0).versionedHash()).isEqualTo("0x" + HexFormat.of().formatHex(vh));
    assertThat(SettlementEvents.blobOf(accepted(4), events))
        .isEqualTo("0x" + HexFormat.of().formatHex(vh));
  }

  private static Log batchSubmittedLog(String address, long batch, long logIndex) {
    Log log = ownerDataBlobLog(address, batch, bytes(32, 1));
    log.setTopics(
        List.of(
            EventEncoder.encode(SettlementEvents.BATCH_SUBMITTED),
            "0x" + TypeEncoder.encode(new Uint256(batch))));
    log.setData(
        FunctionEncoder.encodeConstructor(
            List.of(
                new Uint256(root(batch - 1)),
                new Uint256(root(batch)),
                new Uint256(1_000 * batch),
                new Uint256(0),
                new DynamicArray<>(Uint256.class, List.of(new Uint256(5))))));
    log.setLogIndex("0x" + Long.toHexString(logIndex));
    return log;
  }

  /**
   * The k a reader cuts an aggregate by is the bridge's BatchSubmitted events in the transaction's
   * receipt: another contract's event of the same signature is not counted.
   */
  @Test
  void readsTheBatchesATransactionAcceptedFromItsReceipt() {
    TransactionReceipt receipt = new TransactionReceipt();
    receipt.setLogs(
        List.of(
            batchSubmittedLog(BRIDGE, 4, 0),
            batchSubmittedLog("0x" + "cd".repeat(20), 9, 1),
            ownerDataBlobLog(BRIDGE, 4, bytes(32, 2)),
            batchSubmittedLog(BRIDGE, 5, 3)));
    List<SettlementEvents.AcceptedBatch> batches =
        new SettlementEvents(null, BRIDGE).batches(receipt);
    assertThat(batches)
        .extracting(SettlementEvents.AcceptedBatch::batchNumber)
        .containsExactly(4L, 5L);
    assertThat(batches.get(1).newRoot()).isEqualTo(root(5));
    assertThat(batches.get(1).markets()).containsExactly(BigInteger.valueOf(5));
  }

  @Test
  void anOwnerDataBlobEventForAnotherBatchIsNotTaken() {
    List<SettlementEvents.OwnerDataBlob> other =
        List.of(new SettlementEvents.OwnerDataBlob(5, "0x01" + "00".repeat(31), accepted(5).at()));
    assertThatThrownBy(() -> SettlementEvents.blobOf(accepted(4), other))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("batch 4's transaction")
        .hasMessageContaining("logged 0 OwnerDataBlob events for it");
    List<SettlementEvents.OwnerDataBlob> two =
        List.of(
            new SettlementEvents.OwnerDataBlob(4, "0x01" + "00".repeat(31), accepted(4).at()),
            new SettlementEvents.OwnerDataBlob(4, "0x01" + "ff".repeat(31), accepted(4).at()));
    assertThatThrownBy(() -> SettlementEvents.blobOf(accepted(4), two))
        .hasMessageContaining("logged 2 OwnerDataBlob events for it");
  }
}
