package dev.sable.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;

/**
 * An aggregate's input refused before anything is sent (segments that do not chain, a proof of
 * another length, blobs that are not the segments'), its call encoded as the bridge's ABI decoder
 * reads it back (the selectors are checked against the compiled bridge by {@link
 * SubmittedBatchTest}), and a submission read back once for all its batches.
 */
class AggregateBatchTest {
  private static final BigInteger C = BigInteger.valueOf(987_654_321);
  private static final byte[] PROOF = new byte[SettlementBatch.PROOF_WITH_COMMITMENT_BYTES];
  private static final int LENGTH = 20;

  /**
   * Batch {@code number}'s public data: chain 31337, bridge 0xab.., time 1000 n, roots n-1 to n,
   * deposits [2(n-1), 2n), the rest n * 100 + i; the last two elements name {@code blob}'s
   * versioned hash when there is one.
   */
  private static List<BigInteger> segment(long number, BatchBlob blob) {
    List<BigInteger> d = new ArrayList<>();
    d.add(BigInteger.valueOf(31_337));
    d.add(new BigInteger("ab".repeat(20), 16));
    d.add(BigInteger.valueOf(number));
    d.add(BigInteger.valueOf(1000 * number));
    d.add(BigInteger.valueOf(number - 1));
    d.add(BigInteger.valueOf(number));
    d.add(BigInteger.valueOf(2 * (number - 1)));
    d.add(BigInteger.TWO);
    while (d.size() < LENGTH) {
      d.add(BigInteger.valueOf(number * 100 + d.size()));
    }
    if (blob != null) {
      BigInteger vh = new BigInteger(1, blob.versionedHash());
      int s = LENGTH - PublicDataLayout.BLOB_SECTION;
      d.set(s, vh.shiftRight(128));
      d.set(s + 1, vh.and(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)));
    }
    return d;
  }

  private static List<BigInteger> segment(long number) {
    return segment(number, null);
  }

  private static BatchBlob blob(int seed) {
    byte[] commitment = new byte[BatchBlob.POINT];
    commitment[0] = (byte) seed;
    return new BatchBlob(
        new byte[BatchBlob.BYTES],
        commitment,
        new byte[BatchBlob.POINT],
        Collections.nCopies(BatchBlob.CELLS, new byte[BatchBlob.POINT]));
  }

  private static List<BigInteger> with(List<BigInteger> d, int at, BigInteger value) {
    List<BigInteger> out = new ArrayList<>(d);
    out.set(at, value);
    return out;
  }

  @Test
  void chainedSegmentsAreOneAggregate() {
    AggregateBatch a = new AggregateBatch(List.of(segment(4), segment(5)), C, PROOF, List.of());
    assertThat(a.k()).isEqualTo(2);
    List<BigInteger> d = new ArrayList<>(segment(4));
    d.addAll(segment(5));
    assertThat(a.publicData()).isEqualTo(d);
  }

  @Test
  void segmentsThatDoNotChainAreRefused() {
    List<BigInteger> second = segment(2);
    record Broken(String what, List<BigInteger> d) {}
    List<Broken> broken =
        List.of(
            new Broken("chain id", with(second, 0, BigInteger.ONE)),
            new Broken("bridge", with(second, 1, BigInteger.ONE)),
            new Broken("batch number", with(second, 2, BigInteger.valueOf(3))),
            new Broken("old root", with(second, 4, BigInteger.valueOf(7))),
            new Broken("deposit start", with(second, 6, BigInteger.ONE)),
            new Broken("batch time", with(second, 3, BigInteger.valueOf(999))));
    for (Broken b : broken) {
      assertThatThrownBy(() -> new AggregateBatch(List.of(segment(1), b.d()), C, PROOF, List.of()))
          .as(b.what())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("segment 2's " + b.what())
          .hasMessageContaining("do not chain");
    }
    // the same batch twice, as the aggregate circuit would accept it (the bridge would not)
    assertThatThrownBy(
            () -> new AggregateBatch(List.of(segment(1), segment(1)), C, PROOF, List.of()))
        .hasMessageContaining("batch number is 1, not 2");
    assertThatThrownBy(
            () ->
                new AggregateBatch(
                    List.of(segment(1), segment(2).subList(0, LENGTH - 1)), C, PROOF, List.of()))
        .hasMessageContaining("segment 2 has 19 elements");
    assertThatThrownBy(() -> new AggregateBatch(List.of(), C, PROOF, List.of()))
        .hasMessageContaining("at least one batch");
  }

  @Test
  void aProofOfAnotherLengthIsRefused() {
    for (int length : new int[] {SettlementBatch.PROOF_BYTES, 383, 385}) {
      assertThatThrownBy(
              () -> new AggregateBatch(List.of(segment(1)), C, new byte[length], List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("an aggregate's proof is 384 bytes")
          .hasMessageContaining("not " + length);
    }
  }

  @Test
  void blobsAreTakenOnlyAsTheSegmentsOwnInOrder() {
    BatchBlob b1 = blob(1);
    BatchBlob b2 = blob(2);
    List<List<BigInteger>> segments = List.of(segment(1, b1), segment(2, b2));
    AggregateBatch a = new AggregateBatch(segments, C, PROOF, List.of(b1, b2));
    assertThat(a.blobs()).containsExactly(b1, b2);
    // the same from the two batches as the node holds them
    AggregateBatch of =
        AggregateBatch.of(
            List.of(
                new SettlementBatch(segments.get(0), C, PROOF, b1),
                new SettlementBatch(segments.get(1), C, PROOF, b2)),
            C,
            PROOF);
    assertThat(of.publicData()).isEqualTo(a.publicData());
    assertThat(of.blobs()).containsExactly(b1, b2);

    assertThatThrownBy(() -> new AggregateBatch(segments, C, PROOF, List.of(b2, b1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segment 1's blob section 1 names the blob")
        .hasMessageContaining("not the segments'");
    assertThatThrownBy(() -> new AggregateBatch(segments, C, PROOF, List.of(b1, b2, blob(3))))
        .hasMessageContaining("3 blobs are not the same number of blobs for each of 2 segments");
    assertThatThrownBy(() -> new AggregateBatch(segments, C, PROOF, List.of(b1, blob(3))))
        .hasMessageContaining("segment 2's blob section 1");
  }

  /**
   * A submission read back from L1 gives each batch it carried its own segment, and refuses a batch
   * another transaction carried (the reader's cache must never hand one batch another's data).
   */
  @Test
  void aSubmittedTransactionGivesOnlyItsOwnBatches() {
    AggregateBatch a = new AggregateBatch(List.of(segment(1), segment(2)), C, PROOF, List.of());
    String input = FunctionEncoder.encode(SettlementBridgeClient.Posting.of(a).call());
    SubmittedTransaction tx =
        new SubmittedTransaction("0xaa", SubmittedBatch.decode(input), 2, List.of());
    assertThat(tx.batch(accepted(2, "0xAA")).publicData()).isEqualTo(segment(2));
    assertThat(tx.batch(accepted(1, "0xaa")).publicData()).isEqualTo(segment(1));
    assertThatThrownBy(() -> tx.batch(accepted(2, "0xbb")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch 2 was accepted in transaction 0xbb, not 0xaa");
    assertThatThrownBy(() -> tx.batch(accepted(3, "0xaa")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not batch 3's public data");
  }

  private static SettlementEvents.AcceptedBatch accepted(long number, String transaction) {
    return new SettlementEvents.AcceptedBatch(
        number,
        BigInteger.valueOf(number - 1),
        BigInteger.valueOf(number),
        1000 * number,
        2 * number,
        List.of(),
        new SettlementEvents.LogPosition(1, "0x01", transaction, 0));
  }

  @Test
  void theCallIsTheBridgesAggregateEntryPointAndDecodesBack() {
    BatchBlob b1 = blob(1);
    BatchBlob b2 = blob(2);
    AggregateBatch blobs =
        new AggregateBatch(List.of(segment(1, b1), segment(2, b2)), C, PROOF, List.of(b1, b2));
    String input = FunctionEncoder.encode(SettlementBridgeClient.Posting.of(blobs).call());
    assertThat(input).startsWith(SubmittedBatch.SUBMIT_BLOB_BATCHES_SELECTOR);
    SubmittedBatch read = SubmittedBatch.decode(input);
    assertThat(read.aggregate()).isTrue();
    assertThat(read.publicData()).isEqualTo(blobs.publicData());
    assertThat(read.commitment()).isEqualTo(C);
    assertThat(read.blob().orElseThrow().index()).isZero();
    // each segment's own opening when read back by its batch
    BlobOpening second = read.batch(2, 2, BigInteger.TWO).blob().orElseThrow();
    assertThat(second.index()).isOne();
    assertThat(second.commitment()).isEqualTo(b2.commitment());

    AggregateBatch calldata =
        new AggregateBatch(List.of(segment(1), segment(2)), C, PROOF, List.of());
    String plain = FunctionEncoder.encode(SettlementBridgeClient.Posting.of(calldata).call());
    assertThat(plain).startsWith(SubmittedBatch.SUBMIT_BATCHES_SELECTOR);
    assertThat(SubmittedBatch.decode(plain).publicData()).isEqualTo(calldata.publicData());
  }
}
