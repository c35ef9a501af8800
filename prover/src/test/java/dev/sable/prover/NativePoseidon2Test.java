package dev.sable.prover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The native and the pure-Java Poseidon2 are interchangeable. */
class NativePoseidon2Test {
  @Test
  void nativeMatchesJava() {
    assertThat(NativePoseidon2.preferred()).isSameAs(NativePoseidon2.INSTANCE);
    Random random = new Random(9);
    for (int i = 0; i < 200; i++) {
      Fr l = Fr.of(new BigInteger(253, random));
      Fr r = i % 10 == 0 ? Fr.ZERO : Fr.of(new BigInteger(253, random));
      assertThat(NativePoseidon2.INSTANCE.compress(l, r))
          .isEqualTo(Poseidon2.INSTANCE.compress(l, r));
    }
  }
}
