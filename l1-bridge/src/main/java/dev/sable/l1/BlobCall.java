package dev.sable.l1;

import java.math.BigInteger;
import java.util.List;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

/**
 * An eth_call as if the transaction carried blobs with these versioned hashes ({@code blobhash}
 * answers them): what a blob batch's simulation and the replay of a reverted one need, since
 * without them {@code submitBlobBatch} would only see {@code NoBlob}. web3j's request has no such
 * field; Jackson writes the getter as the JSON-RPC's {@code blobVersionedHashes}. No blob fee cap
 * is given: a cap that is given may be checked against the block's blob base fee, which a fixed one
 * would not always cover.
 */
final class BlobCall extends Transaction {
  private final List<String> blobVersionedHashes;

  BlobCall(String from, BigInteger gasLimit, String to, String data, List<byte[]> versionedHashes) {
    super(from, null, null, gasLimit, to, BigInteger.ZERO, data);
    this.blobVersionedHashes = versionedHashes.stream().map(Numeric::toHexString).toList();
  }

  public List<String> getBlobVersionedHashes() {
    return blobVersionedHashes;
  }
}
