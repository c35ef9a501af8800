package dev.sable.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * A blob batch's caps: the blob fee cap is twice the blob base fee, apart from the gas price; a
 * replacement doubles every cap of a blob transaction (a blob pool's rule) and raises a calldata
 * transaction's gas price by a quarter, and never offers less than L1's caps of the moment.
 */
class FeeCapsTest {
  static FeeCaps caps(long gasPrice, long blobGasPrice) {
    return new FeeCaps(BigInteger.valueOf(gasPrice), BigInteger.valueOf(blobGasPrice));
  }

  @Test
  void theBlobCapFollowsTheBlobBaseFeeNotTheGasPrice() {
    assertThat(FeeCaps.blob(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(7)))
        .isEqualTo(caps(2_000_000_000L, 14));
    assertThat(FeeCaps.blob(BigInteger.valueOf(3), BigInteger.valueOf(50_000_000_000L)))
        .isEqualTo(caps(3, 100_000_000_000L));
    assertThat(FeeCaps.blob(BigInteger.ONE, BigInteger.ONE).carriesBlob()).isTrue();
    assertThat(FeeCaps.calldata(BigInteger.TEN)).isEqualTo(caps(10, 0));
    assertThat(FeeCaps.calldata(BigInteger.TEN).carriesBlob()).isFalse();
  }

  @Test
  void aBlobReplacementDoublesEachCapAndNeverOffersLessThanNow() {
    FeeCaps sent = caps(1_000, 40);
    assertThat(sent.replacement(caps(900, 30))).isEqualTo(caps(2_000, 80));
    // L1 moved past the doubled caps: a new transaction's caps, each on its own
    assertThat(sent.replacement(caps(5_000, 30))).isEqualTo(caps(5_000, 80));
    assertThat(sent.replacement(caps(900, 500))).isEqualTo(caps(2_000, 500));
  }

  @Test
  void aCalldataReplacementRaisesTheGasPriceByAQuarter() {
    FeeCaps sent = FeeCaps.calldata(BigInteger.valueOf(1_000));
    assertThat(sent.replacement(FeeCaps.calldata(BigInteger.valueOf(900))))
        .isEqualTo(caps(1_251, 0));
    assertThat(sent.replacement(FeeCaps.calldata(BigInteger.valueOf(3_000))))
        .isEqualTo(caps(3_000, 0));
  }

  @Test
  void refusesANegativeCap() {
    assertThatThrownBy(() -> caps(-1, 0)).hasMessageContaining("negative fee cap");
    assertThatThrownBy(() -> caps(1, -2)).hasMessageContaining("negative fee cap");
  }
}
