package dev.sable.l1;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * A signed EIP-4844 (type-3) transaction carrying one blob, in the network form a node's
 * eth_sendRawTransaction takes since Osaka (EIP-7594): {@code 0x03 || rlp([tx, 1, [blob],
 * [commitment], cell proofs])}, where tx is the signed transaction's fields (what the chain keeps;
 * its hash is the transaction's) and 1 the sidecar's wrapper version. web3j 4.14's {@code
 * Transaction4844} writes only the older sidecar (one blob proof, no version), which an Osaka chain
 * (anvil 1.7's default) refuses, and computes proofs itself; so the form is written here from
 * web3j's RLP and signing. Its three fee caps are given apart (the priority fee and the fee cap per
 * gas, and the fee cap per blob gas: {@link FeeCaps} sets them).
 *
 * @param raw the network form, for eth_sendRawTransaction
 * @param hash the transaction's hash: keccak of {@code 0x03 || rlp(tx)}
 */
record BlobTransaction(byte[] raw, String hash) {
  private static final byte TYPE = 0x03;
  private static final int WRAPPER_VERSION = 1;

  /**
   * Signs a call of {@code data} to {@code to} carrying {@code blobs} (at indices 0, 1, ...; their
   * cell proofs one blob after the other in the sidecar), offering at most {@code priorityFee} per
   * gas to the block's producer, {@code maxFee} per gas in all and {@code blobFee} per blob gas.
   */
  static BlobTransaction sign(
      Credentials sender,
      long chainId,
      BigInteger nonce,
      BigInteger priorityFee,
      BigInteger maxFee,
      BigInteger blobFee,
      BigInteger gasLimit,
      String to,
      String data,
      List<BatchBlob> blobs) {
    List<RlpType> fields = new ArrayList<>();
    fields.add(RlpString.create(chainId));
    fields.add(RlpString.create(nonce));
    fields.add(RlpString.create(priorityFee)); // max priority fee per gas
    fields.add(RlpString.create(maxFee)); // max fee per gas
    fields.add(RlpString.create(gasLimit));
    fields.add(RlpString.create(Numeric.hexStringToByteArray(to)));
    fields.add(RlpString.create(BigInteger.ZERO));
    fields.add(RlpString.create(Numeric.hexStringToByteArray(data)));
    fields.add(new RlpList()); // access list
    fields.add(RlpString.create(blobFee)); // max fee per blob gas
    fields.add(new RlpList(each(blobs, BatchBlob::versionedHash)));
    Sign.SignatureData sig = Sign.signMessage(typed(new RlpList(fields)), sender.getEcKeyPair());
    fields.add(RlpString.create(Numeric.toBigInt(sig.getV()).subtract(BigInteger.valueOf(27))));
    fields.add(RlpString.create(Numeric.toBigInt(sig.getR())));
    fields.add(RlpString.create(Numeric.toBigInt(sig.getS())));
    RlpList tx = new RlpList(fields);
    List<RlpType> proofs =
        blobs.stream()
            .flatMap(b -> b.cellProofs().stream())
            .map(p -> (RlpType) RlpString.create(p))
            .toList();
    RlpList network =
        new RlpList(
            tx,
            RlpString.create(WRAPPER_VERSION),
            new RlpList(each(blobs, BatchBlob::blob)),
            new RlpList(each(blobs, BatchBlob::commitment)),
            new RlpList(proofs));
    return new BlobTransaction(typed(network), Numeric.toHexString(Hash.sha3(typed(tx))));
  }

  private static List<RlpType> each(
      List<BatchBlob> blobs, java.util.function.Function<BatchBlob, byte[]> field) {
    return blobs.stream().map(b -> (RlpType) RlpString.create(field.apply(b))).toList();
  }

  private static byte[] typed(RlpList list) {
    byte[] rlp = RlpEncoder.encode(list);
    byte[] out = new byte[rlp.length + 1];
    out[0] = TYPE;
    System.arraycopy(rlp, 0, out, 1, rlp.length);
    return out;
  }
}
