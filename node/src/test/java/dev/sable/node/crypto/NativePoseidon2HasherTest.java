package dev.sable.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.crypto.Fr;
import dev.sable.sequencer.crypto.Poseidon2;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The native and the pure-Java Poseidon2 are interchangeable. */
class NativePoseidon2HasherTest {
  @Test
  void nativeMatchesJava() {
    assertThat(NativePoseidon2Hasher.preferred()).isSameAs(NativePoseidon2Hasher.INSTANCE);
    Random random = new Random(9);
    for (int i = 0; i < 200; i++) {
      Fr l = Fr.of(new BigInteger(253, random));
      Fr r = i % 10 == 0 ? Fr.ZERO : Fr.of(new BigInteger(253, random));
      assertThat(NativePoseidon2Hasher.INSTANCE.compress(l, r))
          .isEqualTo(Poseidon2.INSTANCE.compress(l, r));
    }
  }
}
