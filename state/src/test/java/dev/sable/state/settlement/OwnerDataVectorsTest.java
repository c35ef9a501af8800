package dev.sable.state.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.Ecdh;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.ExitMessage;
import dev.sable.crypto.Fr;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.state.vectors.VectorFiles;
import dev.sable.state.vectors.VectorRecord;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java's owner data and exit messages against Go's (testdata/vectors/ownerdata.txt, made by {@code
 * cd circuits && go run ./cmd/vectors}): the same ciphertexts from the same scalar, the owner's
 * decryption giving back the leaf Go hashed, and the same message hashes.
 */
class OwnerDataVectorsTest {
  static List<VectorRecord> records(String kind) throws IOException {
    List<VectorRecord> out =
        VectorFiles.read("ownerdata.txt").stream().filter(r -> r.kind().equals(kind)).toList();
    assertThat(out).as(kind + " records").isNotEmpty();
    return out;
  }

  @Test
  void encryptsAndDecryptsEveryRowAsGoDoes() throws IOException {
    for (VectorRecord r : records("owner.row")) {
      KeyPoint key = new KeyPoint(r.fr("keyX"), r.fr("keyY"));
      long batch = r.longValue("batch");
      long account = r.longValue("account");
      BigInteger e = new BigInteger(1, r.bytes("e"));
      Ecdh.Point ephemeral = Ecdh.multiplyBase(e);
      assertThat(ephemeral).isEqualTo(new Ecdh.Point(r.fr("ephemeralX"), r.fr("ephemeralY")));
      List<Fr> plain = r.frList("plain");
      assertThat(OwnerData.encrypt(e, key, batch, account, plain))
          .as("account %d's ciphertext", account)
          .isEqualTo(r.frList("cipher"));
      if (key.equals(KeyPoint.NONE)) {
        continue; // the fund: in the clear, nothing to decrypt
      }
      EdDsaPrivateKey owner = EdDsaPrivateKey.fromSeed(r.bytes("seed"));
      List<Fr> decrypted = OwnerData.decrypt(owner, ephemeral, batch, account, r.frList("cipher"));
      assertThat(decrypted).isEqualTo(plain);
      AccountLeafV2 leaf = OwnerData.leaf(key, decrypted);
      assertThat(leaf.hash()).isEqualTo(r.fr("leaf"));
      assertThat(OwnerData.plaintext(leaf)).isEqualTo(plain);
    }
  }

  /** Another account's key decrypts to something that is no leaf. */
  @Test
  void anotherKeyDoesNotDecryptTheRow() throws IOException {
    List<VectorRecord> rows = records("owner.row");
    VectorRecord alice = rows.get(0);
    VectorRecord bob = rows.get(1);
    EdDsaPrivateKey bobsKey = EdDsaPrivateKey.fromSeed(bob.bytes("seed"));
    List<Fr> garbage =
        OwnerData.decrypt(
            bobsKey,
            new Ecdh.Point(alice.fr("ephemeralX"), alice.fr("ephemeralY")),
            alice.longValue("batch"),
            alice.longValue("account"),
            alice.frList("cipher"));
    assertThat(garbage).isNotEqualTo(alice.frList("plain"));
    assertThatThrownBy(
            () -> OwnerData.leaf(new KeyPoint(alice.fr("keyX"), alice.fr("keyY")), garbage))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hashesExitAndForcedRequestMessagesAsGoDoes() throws IOException {
    for (VectorRecord r : records("exit.message")) {
      Deployment d = new Deployment(r.longValue("chainId"), r.fr("contract"));
      assertThat(new ExitMessage(r.longValue("account"), r.fr("recipient")).hash(d))
          .isEqualTo(r.fr("hash"));
    }
    for (VectorRecord r : records("forced.message")) {
      Deployment d = new Deployment(r.longValue("chainId"), r.fr("contract"));
      WithdrawalMessage m =
          new WithdrawalMessage(
              r.longValue("account"),
              r.longValue("maxAmount"),
              r.fr("recipient"),
              r.longValue("nonce"));
      assertThat(m.forcedHash(d)).isEqualTo(r.fr("hash"));
    }
  }
}
