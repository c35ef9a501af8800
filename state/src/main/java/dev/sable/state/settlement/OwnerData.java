package dev.sable.state.settlement;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Ecdh;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The owner data of an account row (docs/state.md section 12; Go: circuits/ownerdata): the leaf's
 * fields after the key, encrypted to the account's key so that its owner alone can rebuild the leaf
 * from L1. With the batch's ephemeral scalar e (E = [e]B published), the shared point S = [e]A =
 * [s]E gives k = H(TAG_OWNER, S.x, S.y, batchNumber, account), the keystream k_i = Compress(k, i)
 * and the ciphertext c_i = p_i + k_i. A keyless row is published in the clear.
 */
public final class OwnerData {
  /** Encrypted elements per account row: blinding, word, fillsRoot, the 8 slots. */
  public static final int ELEMENTS = 3 + SettlementLayout.POSITION_SLOTS;

  private OwnerData() {}

  /** The plaintext of a leaf: blinding, word, fillsRoot, slot_0..slot_7. */
  public static List<Fr> plaintext(AccountLeafV2 leaf) {
    List<Fr> p = new ArrayList<>(List.of(leaf.blinding(), leaf.word(), leaf.fillsRoot()));
    leaf.slots().forEach(s -> p.add(s.encode()));
    return List.copyOf(p);
  }

  /** The operator's side: the ciphertext of a row under the batch's scalar e. */
  public static List<Fr> encrypt(
      BigInteger e, KeyPoint key, long batch, long account, List<Fr> plain) {
    if (key.equals(KeyPoint.NONE)) {
      return List.copyOf(plain);
    }
    Ecdh.Point shared = Ecdh.multiply(new Ecdh.Point(key.x(), key.y()), e);
    return combine(plain, keystream(shared, batch, account), false);
  }

  /** The owner's side: the plaintext of its row, from E and its private key. */
  public static List<Fr> decrypt(
      EdDsaPrivateKey owner, Ecdh.Point ephemeral, long batch, long account, List<Fr> cipher) {
    Ecdh.Point shared = Ecdh.shared(owner, ephemeral);
    return combine(cipher, keystream(shared, batch, account), true);
  }

  /** k_0..k_10 for a row's shared point. */
  static List<Fr> keystream(Ecdh.Point shared, long batch, long account) {
    Fr k =
        Poseidon2.INSTANCE.hash(
            DomainTag.OWNER, shared.x(), shared.y(), Fr.ofLong(batch), Fr.ofLong(account));
    List<Fr> out = new ArrayList<>(ELEMENTS);
    for (int i = 0; i < ELEMENTS; i++) {
      out.add(Poseidon2.INSTANCE.compress(k, Fr.ofLong(i)));
    }
    return out;
  }

  private static List<Fr> combine(List<Fr> values, List<Fr> keystream, boolean subtract) {
    if (values.size() != ELEMENTS) {
      throw new IllegalArgumentException(
          "an account row has " + ELEMENTS + " elements, got " + values.size());
    }
    List<Fr> out = new ArrayList<>(ELEMENTS);
    for (int i = 0; i < ELEMENTS; i++) {
      BigInteger k = keystream.get(i).toBigInteger();
      BigInteger v = values.get(i).toBigInteger();
      out.add(Fr.of((subtract ? v.subtract(k) : v.add(k)).mod(Fr.MODULUS)));
    }
    return List.copyOf(out);
  }

  /**
   * The leaf under {@code key} a plaintext encodes; refuses one that is no leaf's encoding (what a
   * wrong key decrypts to).
   */
  public static AccountLeafV2 leaf(KeyPoint key, List<Fr> plain) {
    BigInteger word = plain.get(1).toBigInteger();
    if (word.bitLength() > 129) { // the mode is the 129th bit: 0 (cross) or 1 (portfolio)
      throw new IllegalArgumentException("not an account word: " + plain.get(1));
    }
    long collateral = lane(word, 0) ^ Long.MIN_VALUE;
    long nonce = lane(word, 64);
    if (nonce < 0) {
      throw new IllegalArgumentException("not an account word: " + plain.get(1));
    }
    List<PositionSlot> slots = new ArrayList<>();
    for (Fr s : plain.subList(3, ELEMENTS)) {
      slots.add(slot(s));
    }
    long mode = word.testBit(128) ? AccountLeafV2.MODE_PORTFOLIO : 0;
    return new AccountLeafV2(
        key, plain.get(0), Fr.ZERO, collateral, nonce, mode, plain.get(2), slots);
  }

  private static PositionSlot slot(Fr encoded) {
    if (encoded.isZero()) {
      return PositionSlot.EMPTY;
    }
    BigInteger v = encoded.toBigInteger();
    if (v.bitLength() != 201) {
      throw new IllegalArgumentException("not a position slot: " + encoded);
    }
    long size = lane(v, 8) ^ Long.MIN_VALUE;
    if (size == 0) {
      throw new IllegalArgumentException("a slot holding size 0: " + encoded);
    }
    return new PositionSlot(
        v.intValue() & 0xff, size, lane(v, 72) ^ Long.MIN_VALUE, lane(v, 136) ^ Long.MIN_VALUE);
  }

  /** The 64 bits of v from bit {@code shift}, as a long's bit pattern. */
  private static long lane(BigInteger v, int shift) {
    return v.shiftRight(shift).longValue();
  }
}
