package dev.sable.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FrTest {
  @Test
  void rejectsNonCanonicalBytes() {
    byte[] modulus = Montgomery.MODULUS.toByteArray(); // 32 bytes, top bit clear
    assertThat(modulus).hasSize(32);
    assertThatThrownBy(() -> Fr.fromBytes(modulus)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fr.fromBytes(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void negativeLongsWrapAroundTheModulus() {
    assertThat(Fr.ofLong(-1).toBigInteger()).isEqualTo(Fr.MODULUS.subtract(BigInteger.ONE));
    assertThat(Fr.ofLong(Long.MIN_VALUE).toBigInteger())
        .isEqualTo(Fr.MODULUS.subtract(BigInteger.ONE.shiftLeft(63)));
  }
}
