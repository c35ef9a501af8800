package dev.sable.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.PackedWord.Lane;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The settlement layout's messages and packed words (docs/state.md, section 12). Their values are
 * pinned across languages by testdata/vectors/settlement.txt (checked in the batch module); these
 * tests show the ranges and the binding.
 */
class SettlementMessagesTest {
  private static final Deployment D = new Deployment(31337, Fr.ofLong(0x5AB1EB41D6EL));
  private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

  @Test
  void aSignedLaneHoldsTheValuePlusTwoToThe63() {
    assertThat(PackedWord.offset63(0)).isEqualTo(TWO_63);
    assertThat(PackedWord.offset63(-1)).isEqualTo(TWO_63.subtract(BigInteger.ONE));
    assertThat(PackedWord.offset63(Long.MIN_VALUE)).isEqualTo(BigInteger.ZERO);
    assertThat(PackedWord.offset63(Long.MAX_VALUE))
        .isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
    assertThat(PackedWord.pack(Lane.unsigned(5, 0), Lane.signed(-2, 64)).toBigInteger())
        .isEqualTo(TWO_63.subtract(BigInteger.TWO).shiftLeft(64).add(BigInteger.valueOf(5)));
  }

  @Test
  void aWordBeyondTheFieldIsRefused() {
    assertThatThrownBy(() -> PackedWord.pack(Lane.unsigned(1, 254)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Lane.unsigned(-1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void orderWordsPlaceEachFieldInItsLane() {
    OrderMessage o = new OrderMessage(5, 3, 1025, 1, 1, 50_000, 600, 1, 900, 2);
    Fr[] w = o.signedWords();
    BigInteger w1 = w[0].toBigInteger();
    assertThat(w1.and(BigInteger.valueOf((1 << 24) - 1)).longValue()).isEqualTo(5);
    assertThat(w1.shiftRight(24).and(BigInteger.valueOf(0xff)).longValue()).isEqualTo(3);
    assertThat(w1.testBit(32)).isTrue(); // sell
    assertThat(w1.shiftRight(33).and(BigInteger.valueOf(7)).longValue()).isEqualTo(1);
    assertThat(w1.testBit(36)).isTrue(); // reduce-only
    assertThat(w1.shiftRight(37).and(BigInteger.valueOf(3)).longValue()).isEqualTo(2);
    assertThat(w1.shiftRight(39).longValue()).isEqualTo(1025);
    BigInteger w2 = w[1].toBigInteger();
    assertThat(w2.longValue()).isEqualTo(50_000);
    assertThat(
            w2.shiftRight(64)
                .and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))
                .longValue())
        .isEqualTo(600);
    assertThat(w2.shiftRight(128).longValue()).isEqualTo(900);
  }

  @Test
  void packedWordsEqualTheSumOfTheirLanes() {
    long max = Long.MAX_VALUE - 1;
    for (OrderMessage o :
        new OrderMessage[] {
          new OrderMessage(5, 3, 1025, 1, 1, 50_000, 600, 1, 900, 2),
          new OrderMessage((1 << 24) - 1, 255, max, 1, 4, 1L << 62, 1L << 62, 1, max, 2),
          new OrderMessage(0, 0, 0, 0, 0, 1, 1, 0, 0, 0)
        }) {
      Fr w1 =
          PackedWord.pack(
              Lane.unsigned(o.accountIndex(), 0),
              Lane.unsigned(o.marketId(), 24),
              Lane.unsigned(o.side(), 32),
              Lane.unsigned(o.type(), 33),
              Lane.unsigned(o.reduceOnly(), 36),
              Lane.unsigned(o.stp(), 37),
              Lane.unsigned(o.clientOrderId(), 39));
      Fr w2 =
          PackedWord.pack(
              Lane.unsigned(o.price(), 0),
              Lane.unsigned(o.quantity(), 64),
              Lane.unsigned(o.expiry(), 128));
      assertThat(o.signedWords()).containsExactly(w1, w2);
      assertThat(o.hashV2(D))
          .isEqualTo(
              Poseidon2.INSTANCE.hash(
                  DomainTag.ORDER2, Fr.ofLong(D.chainId()), D.contract(), w1, w2));
    }
    WithdrawalMessage w =
        new WithdrawalMessage((1 << 24) - 1, Long.MAX_VALUE - 1, Fr.ofLong(0xE005), max);
    Fr word =
        PackedWord.pack(
            Lane.unsigned(w.accountIndex(), 0),
            Lane.unsigned(w.nonce(), 24),
            Lane.unsigned(w.amount(), 88));
    assertThat(w.hashV2(D))
        .isEqualTo(
            Poseidon2.INSTANCE.hash(
                DomainTag.WITHDRAW2, Fr.ofLong(D.chainId()), D.contract(), word, w.recipient()));
  }

  @Test
  void anAmendIsANewOrderInTheSameSlotWithTheOtherTermsKept() {
    OrderMessage o = new OrderMessage(5, 3, 1025, 1, 1, 50_000, 600, 1, 900, 2);
    OrderMessage a = o.amend(50_100, 400);
    assertThat(a).isEqualTo(new OrderMessage(5, 3, 1025 + 1024, 1, 1, 50_100, 400, 1, 900, 2));
    assertThat(a.fillSlot()).isEqualTo(o.fillSlot()).isEqualTo(1);
    assertThat(a.hashV2(D)).isNotEqualTo(o.hashV2(D));
    OrderMessage last = new OrderMessage(5, 3, Long.MAX_VALUE - 1025, 1, 1, 50_000, 600, 1, 0, 2);
    assertThat(last.amend(1, 1).clientOrderId()).isEqualTo(Long.MAX_VALUE - 1);
    OrderMessage past = new OrderMessage(5, 3, Long.MAX_VALUE - 1024, 1, 1, 50_000, 600, 1, 0, 2);
    assertThatThrownBy(() -> past.amend(1, 1)).hasMessageContaining("clientOrderId");
    assertThatThrownBy(() -> o.amend(0, 1)).hasMessageContaining("price");
  }

  @Test
  void versionTwoMessagesAreBoundToTheDeploymentAndDifferFromVersionOne() {
    Deployment otherChain = new Deployment(1, D.contract());
    Deployment otherContract = new Deployment(D.chainId(), Fr.ONE);
    OrderMessage o = new OrderMessage(5, 3, 1, 0, 0, 50_000, 600, 0, 0, 0);
    assertThat(o.hashV2(D)).isNotEqualTo(o.hash(D));
    assertThat(o.hashV2(otherChain)).isNotEqualTo(o.hashV2(D));
    WithdrawalMessage w = new WithdrawalMessage(5, 1_000, Fr.ofLong(0xE005), 0);
    assertThat(w.hashV2(D)).isNotEqualTo(w.hash(D));
    assertThat(w.hashV2(otherContract)).isNotEqualTo(w.hashV2(D));
    OraclePriceMessage p = new OraclePriceMessage(3, 0, 50_000, 95);
    assertThat(p.hash(otherChain)).isNotEqualTo(p.hash(D));
    assertThat(new OraclePriceMessage(3, 1, 50_000, 95).hash(D)).isNotEqualTo(p.hash(D));
  }

  @Test
  void oraclePriceFieldsOutsideTheirRangesAreRefused() {
    assertThatThrownBy(() -> new OraclePriceMessage(256, 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OraclePriceMessage(3, MessageRanges.ORACLE_SOURCES, 1, 0))
        .hasMessageContaining("source");
    assertThatThrownBy(() -> new OraclePriceMessage(3, 0, 0, 0)).hasMessageContaining("price");
    assertThatThrownBy(() -> new OraclePriceMessage(3, 0, 1, -1))
        .hasMessageContaining("publishTime");
  }

  @Test
  void affineKeysAreValidatedLikeEncodedOnes() {
    EdDsaPublicKey key = EdDsaPrivateKey.fromSeed(new byte[32]).publicKey();
    assertThat(EdDsaPublicKey.fromAffine(key.x(), key.y())).isEqualTo(key);
    Fr minusOne = Fr.of(Fr.MODULUS.subtract(BigInteger.ONE));
    // the identity, the point of order 2, a point off the curve
    assertThatThrownBy(() -> EdDsaPublicKey.fromAffine(Fr.ZERO, Fr.ONE))
        .hasMessageContaining("identity");
    assertThatThrownBy(() -> EdDsaPublicKey.fromAffine(Fr.ZERO, minusOne))
        .hasMessageContaining("subgroup");
    assertThatThrownBy(() -> EdDsaPublicKey.fromAffine(key.x(), key.x()))
        .hasMessageContaining("not on the curve");
    // the key plus the point of order 2 (0, -1) is (-x, -y): on the curve, outside the subgroup
    Fr negX = Fr.of(Fr.MODULUS.subtract(key.x().toBigInteger()));
    Fr negY = Fr.of(Fr.MODULUS.subtract(key.y().toBigInteger()));
    assertThatThrownBy(() -> EdDsaPublicKey.fromAffine(negX, negY))
        .hasMessageContaining("subgroup");
    assertThatThrownBy(() -> EdDsaPublicKey.fromAffine(Fr.ZERO, Fr.ZERO))
        .isInstanceOf(InvalidEncodingException.class);
  }

  /**
   * A volatility record is the price message's lanes under TAG_VOL: neither passes for the other.
   */
  @Test
  void aVolatilityRecordIsSignedUnderItsOwnTag() {
    OraclePriceMessage m = new OraclePriceMessage(20, 0, 500_000, 120);
    assertThat(m.volatilityHash(D)).isNotEqualTo(m.hash(D));
    assertThat(m.hashFor(true, D)).isEqualTo(m.volatilityHash(D));
    assertThat(m.hashFor(false, D)).isEqualTo(m.hash(D));
    assertThat(m.volatilityHash(D))
        .isEqualTo(
            Poseidon2.INSTANCE.hash(
                DomainTag.VOLATILITY,
                Fr.ofLong(D.chainId()),
                D.contract(),
                PackedWord.pack(
                    Lane.unsigned(20, 0),
                    Lane.unsigned(0, 8),
                    Lane.unsigned(500_000, 16),
                    Lane.unsigned(120, 80))));
    assertThat(DomainTag.VOLATILITY).isEqualTo(DomainTag.of("sable.vol.v1"));
  }
}
