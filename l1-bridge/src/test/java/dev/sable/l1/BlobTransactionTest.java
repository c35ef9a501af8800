package dev.sable.l1;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * The network form {@link BlobTransaction} writes (anvil accepting it is BlobBatchOnAnvilTest's):
 * type 3, then the signed transaction, with its three fee caps each in its own field, wrapper
 * version 1, the blob, its commitment and the 128 cell proofs in order; the signature recovers the
 * sender from the unsigned fields, and no longer does once a field is changed; the hash is the
 * signed transaction's alone (not the sidecar's).
 */
class BlobTransactionTest {
  static final Credentials SENDER =
      Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  static final String TO = "0x000000000000000000000000000000000000dEaD";
  static final BigInteger PRIORITY_FEE = BigInteger.valueOf(1_500_000_000L);
  static final BigInteger MAX_FEE = BigInteger.valueOf(2_000_000_000L);
  static final BigInteger BLOB_FEE = BigInteger.valueOf(60_000_000_000L);

  @Test
  void writesTheCellProofSidecarAndASignatureOfTheTransactionAlone() throws Exception {
    BatchBlob blob = blob(new Random(3));
    BlobTransaction tx =
        BlobTransaction.sign(
            SENDER,
            31337,
            BigInteger.valueOf(7),
            PRIORITY_FEE,
            MAX_FEE,
            BLOB_FEE,
            BigInteger.valueOf(900_000),
            TO,
            "0x12345678",
            List.of(blob));

    byte[] raw = tx.raw();
    assertThat(raw[0]).isEqualTo((byte) 3);
    List<RlpType> network =
        list(list(RlpDecoder.decode(Arrays.copyOfRange(raw, 1, raw.length))).get(0));
    assertThat(network).hasSize(5);
    List<RlpType> fields = list(network.get(0));
    assertThat(fields).hasSize(14);
    // [chainId, nonce, priority fee, max fee, gas, to, value, data, access list, blob fee, hashes]
    assertThat(uint(fields.get(0))).isEqualTo(BigInteger.valueOf(31337));
    assertThat(uint(fields.get(1))).isEqualTo(BigInteger.valueOf(7));
    assertThat(uint(fields.get(2))).isEqualTo(PRIORITY_FEE);
    assertThat(uint(fields.get(3))).isEqualTo(MAX_FEE);
    assertThat(uint(fields.get(4))).isEqualTo(BigInteger.valueOf(900_000));
    assertThat(uint(fields.get(9))).isEqualTo(BLOB_FEE);
    assertThat(((RlpString) network.get(1)).asPositiveBigInteger()).isEqualTo(BigInteger.ONE);
    assertThat(((RlpString) list(network.get(2)).get(0)).getBytes()).isEqualTo(blob.blob());
    assertThat(((RlpString) list(network.get(3)).get(0)).getBytes()).isEqualTo(blob.commitment());
    List<RlpType> proofs = list(network.get(4));
    assertThat(proofs).hasSize(BatchBlob.CELLS);
    for (int i = 0; i < proofs.size(); i++) {
      assertThat(((RlpString) proofs.get(i)).getBytes()).isEqualTo(blob.cellProofs().get(i));
    }
    assertThat(((RlpString) list(fields.get(10)).get(0)).getBytes())
        .isEqualTo(blob.versionedHash());

    assertThat(signer(fields)).isEqualToIgnoringCase(SENDER.getAddress());
    List<RlpType> changed = new ArrayList<>(fields);
    changed.set(1, RlpString.create(BigInteger.valueOf(8))); // another nonce
    assertThat(signer(changed)).isNotEqualToIgnoringCase(SENDER.getAddress());

    byte[] signed = RlpEncoder.encode(new RlpList(fields));
    byte[] typed = new byte[signed.length + 1];
    typed[0] = 3;
    System.arraycopy(signed, 0, typed, 1, signed.length);
    assertThat(tx.hash()).isEqualTo(Numeric.toHexString(Hash.sha3(typed)));
  }

  /**
   * Two blobs: the transaction lists both versioned hashes in order, the sidecar both blobs and
   * commitments in that order and the 256 cell proofs blob after blob.
   */
  @Test
  void carriesSeveralBlobsInOrder() {
    BatchBlob first = blob(new Random(4));
    BatchBlob second = blob(new Random(5));
    byte[] raw =
        BlobTransaction.sign(
                SENDER,
                31337,
                BigInteger.ONE,
                PRIORITY_FEE,
                MAX_FEE,
                BLOB_FEE,
                BigInteger.valueOf(900_000),
                TO,
                "0x12345678",
                List.of(first, second))
            .raw();
    List<RlpType> network =
        list(list(RlpDecoder.decode(Arrays.copyOfRange(raw, 1, raw.length))).get(0));
    List<RlpType> hashes = list(list(network.get(0)).get(10));
    assertThat(hashes).hasSize(2);
    assertThat(((RlpString) hashes.get(0)).getBytes()).isEqualTo(first.versionedHash());
    assertThat(((RlpString) hashes.get(1)).getBytes()).isEqualTo(second.versionedHash());
    List<BatchBlob> both = List.of(first, second);
    for (int j = 0; j < 2; j++) {
      assertThat(((RlpString) list(network.get(2)).get(j)).getBytes())
          .isEqualTo(both.get(j).blob());
      assertThat(((RlpString) list(network.get(3)).get(j)).getBytes())
          .isEqualTo(both.get(j).commitment());
    }
    List<RlpType> proofs = list(network.get(4));
    assertThat(proofs).hasSize(2 * BatchBlob.CELLS);
    for (int i = 0; i < proofs.size(); i++) {
      BatchBlob owner = both.get(i / BatchBlob.CELLS);
      assertThat(((RlpString) proofs.get(i)).getBytes())
          .isEqualTo(owner.cellProofs().get(i % BatchBlob.CELLS));
    }
  }

  /** The address whose key signed these fields (the last three are yParity, r, s). */
  static String signer(List<RlpType> fields) throws Exception {
    List<RlpType> unsigned = fields.subList(0, 11);
    byte[] rlp = RlpEncoder.encode(new RlpList(unsigned));
    byte[] payload = new byte[rlp.length + 1];
    payload[0] = 3;
    System.arraycopy(rlp, 0, payload, 1, rlp.length);
    byte v = (byte) (((RlpString) fields.get(11)).asPositiveBigInteger().intValueExact() + 27);
    Sign.SignatureData sig =
        new Sign.SignatureData(
            v,
            Numeric.toBytesPadded(((RlpString) fields.get(12)).asPositiveBigInteger(), 32),
            Numeric.toBytesPadded(((RlpString) fields.get(13)).asPositiveBigInteger(), 32));
    return "0x" + Keys.getAddress(Sign.signedMessageToKey(payload, sig));
  }

  static BigInteger uint(RlpType t) {
    return ((RlpString) t).asPositiveBigInteger();
  }

  static List<RlpType> list(RlpType t) {
    return ((RlpList) t).getValues();
  }

  static BatchBlob blob(Random r) {
    byte[] bytes = new byte[BatchBlob.BYTES];
    byte[] commitment = new byte[BatchBlob.POINT];
    byte[] opening = new byte[BatchBlob.POINT];
    r.nextBytes(commitment);
    r.nextBytes(opening);
    bytes[5] = 9;
    List<byte[]> cells = new ArrayList<>();
    for (int i = 0; i < BatchBlob.CELLS; i++) {
      byte[] p = new byte[BatchBlob.POINT];
      r.nextBytes(p);
      cells.add(p);
    }
    return new BatchBlob(bytes, commitment, opening, cells);
  }
}
