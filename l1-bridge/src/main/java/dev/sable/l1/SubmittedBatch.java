package dev.sable.l1;

import java.math.BigInteger;
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
 * rows are in the blob the transaction carried; {@code blob} says which and how it was opened).
 */
public record SubmittedBatch(
    List<BigInteger> publicData, BigInteger commitment, byte[] proof, Optional<BlobOpening> blob) {

  static final String SUBMIT_SELECTOR = selector("submitBatch(uint256[],uint256,bytes)");
  static final String SUBMIT_BLOB_SELECTOR =
      selector("submitBlobBatch(uint256[],uint256,bytes,(uint256,bytes,bytes))");

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

  /** Whether {@code input} (0x-prefixed calldata) calls submitBatch or submitBlobBatch. */
  public static boolean isSubmit(String input) {
    return input != null
        && (input.startsWith(SUBMIT_SELECTOR) || input.startsWith(SUBMIT_BLOB_SELECTOR));
  }

  /**
   * Decodes the calldata {@code input} (0x-prefixed) of a submitBatch or submitBlobBatch call;
   * refuses any other call and calldata the ABI decoder cannot read as its arguments.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static SubmittedBatch decode(String input) {
    boolean withBlob = input != null && input.startsWith(SUBMIT_BLOB_SELECTOR);
    if (!isSubmit(input)) {
      throw new IllegalArgumentException(
          "calldata "
              + (input == null ? "null" : input.substring(0, Math.min(10, input.length())) + "...")
              + " is neither submitBatch nor submitBlobBatch");
    }
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
        withBlob ? Optional.of((BlobOpening) args.get(3)) : Optional.empty());
  }

  private static String selector(String signature) {
    return Hash.sha3String(signature).substring(0, 10);
  }
}
