package dev.sable.l1;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/**
 * The arguments a batch was submitted with, decoded from its transaction's calldata: {@code
 * submitBatch(d, c, proof)} (SettlementBridge: the owner rows, if any, are in d) or {@code
 * submitBlobBatch(d, c, proof, blob)} (SettlementBlobBridge: d ends with the blob section and the
 * rows are in the blob the transaction carried; {@code blob} says which and how it was opened), or
 * the aggregates of k consecutive batches under one proof, {@code submitBatches(D, C, proof)} and
 * {@code submitBlobBatches(D, C, proof, blob)} with {@code D = d_1 || ... || d_k} ({@code
 * aggregate}: {@link #batch} picks one batch's segment out of D).
 */
public record SubmittedBatch(
    List<BigInteger> publicData,
    BigInteger commitment,
    byte[] proof,
    Optional<BlobOpening> blob,
    boolean aggregate) {

  static final String SUBMIT_SELECTOR = selector("submitBatch(uint256[],uint256,bytes)");
  static final String SUBMIT_BLOB_SELECTOR =
      selector("submitBlobBatch(uint256[],uint256,bytes,(uint256,bytes,bytes))");
  static final String SUBMIT_BATCHES_SELECTOR = selector("submitBatches(uint256[],uint256,bytes)");
  static final String SUBMIT_BLOB_BATCHES_SELECTOR =
      selector("submitBlobBatches(uint256[],uint256,bytes,(uint256,bytes,bytes))");
  private static final List<String> SELECTORS =
      List.of(
          SUBMIT_SELECTOR,
          SUBMIT_BLOB_SELECTOR,
          SUBMIT_BATCHES_SELECTOR,
          SUBMIT_BLOB_BATCHES_SELECTOR);

  @SuppressWarnings("rawtypes")
  private static final List<TypeReference<Type>> SUBMIT_PARAMS =
      org.web3j.abi.Utils.convert(
          List.of(
              new TypeReference<DynamicArray<Uint256>>() {},
              new TypeReference<Uint256>() {},
              new TypeReference<DynamicBytes>() {}));

  @SuppressWarnings("rawtypes")
  private static final List<TypeReference<Type>> SUBMIT_BLOB_PARAMS =
      org.web3j.abi.Utils.convert(
          List.of(
              new TypeReference<DynamicArray<Uint256>>() {},
              new TypeReference<Uint256>() {},
              new TypeReference<DynamicBytes>() {},
              new TypeReference<BlobOpening>() {}));

  public SubmittedBatch {
    publicData = List.copyOf(publicData);
    proof = proof.clone();
  }

  @Override
  public byte[] proof() {
    return proof.clone();
  }

  /**
   * Whether {@code input} (0x-prefixed calldata) calls submitBatch, submitBlobBatch, submitBatches
   * or submitBlobBatches.
   */
  public static boolean isSubmit(String input) {
    return input != null && SELECTORS.stream().anyMatch(input::startsWith);
  }

  /**
   * Decodes the calldata {@code input} (0x-prefixed) of a submitBatch, submitBlobBatch,
   * submitBatches or submitBlobBatches call; refuses any other call and calldata the ABI decoder
   * cannot read as its arguments.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static SubmittedBatch decode(String input) {
    if (!isSubmit(input)) {
      throw new IllegalArgumentException(
          "calldata "
              + (input == null ? "null" : input.substring(0, Math.min(10, input.length())) + "...")
              + " is no batch submission (submitBatch, submitBlobBatch, submitBatches,"
              + " submitBlobBatches)");
    }
    boolean withBlob =
        input.startsWith(SUBMIT_BLOB_SELECTOR) || input.startsWith(SUBMIT_BLOB_BATCHES_SELECTOR);
    boolean aggregate =
        input.startsWith(SUBMIT_BATCHES_SELECTOR) || input.startsWith(SUBMIT_BLOB_BATCHES_SELECTOR);
    List<Type> args;
    try {
      args =
          FunctionReturnDecoder.decode(
              input.substring(SUBMIT_SELECTOR.length()),
              withBlob ? SUBMIT_BLOB_PARAMS : SUBMIT_PARAMS);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "calldata of " + (input.length() / 2 - 1) + " bytes is not a batch's arguments: " + e, e);
    }
    if (args.size() != (withBlob ? 4 : 3)) {
      throw new IllegalArgumentException(
          "calldata of " + (input.length() / 2 - 1) + " bytes is not a batch's arguments");
    }
    List<BigInteger> d =
        ((DynamicArray<Uint256>) args.get(0)).getValue().stream().map(Uint256::getValue).toList();
    return new SubmittedBatch(
        d,
        ((Uint256) args.get(1)).getValue(),
        ((DynamicBytes) args.get(2)).getValue(),
        withBlob ? Optional.of((BlobOpening) args.get(3)) : Optional.empty(),
        aggregate);
  }

  /**
   * The batch numbered {@code number} whose new root is {@code newRoot}, as it was submitted: this
   * batch itself for submitBatch and submitBlobBatch; for an aggregate, the segment of D that is
   * that batch, with its own blobs' openings (segment i's blobs follow segment i-1's) and the
   * aggregate's commitment and proof. {@code segments} is the k the bridge accepted, as L1 records
   * it: the number of BatchSubmitted events the transaction logged (one per segment; 1 for a single
   * batch). D is k segments of one length, so k alone says where each starts: nothing in the data
   * is read to split it. Refuses a k that does not cut D into k segments of at least a header each
   * (or is not 1 for a single batch), and when no segment is that batch.
   */
  public SubmittedBatch batch(int segments, long number, BigInteger newRoot) {
    int size = publicData.size();
    if (segments < 1
        || (!aggregate && segments != 1)
        || size % segments != 0
        || size / segments < PublicDataLayout.HEADER) {
      throw new IllegalArgumentException(
          "the submitted data ("
              + size
              + " elements, "
              + (aggregate ? "an aggregate" : "a single batch")
              + ") are not "
              + segments
              + " batches' public data");
    }
    int n = size / segments;
    for (int i = 0; i < segments; i++) {
      List<BigInteger> d = publicData.subList(i * n, (i + 1) * n);
      if (d.get(2).equals(BigInteger.valueOf(number)) && d.get(5).equals(newRoot)) {
        Optional<BlobOpening> opening =
            blob.isEmpty() ? blob : Optional.of(slice(blob.get(), i, segments));
        return new SubmittedBatch(d, commitment, proof, opening, aggregate);
      }
    }
    throw new IllegalArgumentException(
        "the submitted data ("
            + size
            + " elements in "
            + segments
            + " segments) hold no batch "
            + number
            + " with new root "
            + newRoot);
  }

  /** Segment i's share of the k segments' blob openings (the same number of blobs each). */
  private static BlobOpening slice(BlobOpening all, int i, int k) {
    int per = all.commitment().length / BatchBlob.POINT / k;
    int from = BatchBlob.POINT * per * i;
    int to = from + BatchBlob.POINT * per;
    return new BlobOpening(
        all.index().longValueExact() + (long) per * i,
        Arrays.copyOfRange(all.commitment(), from, to),
        Arrays.copyOfRange(all.proof(), from, to));
  }

  private static String selector(String signature) {
    return Hash.sha3String(signature).substring(0, 10);
  }
}
