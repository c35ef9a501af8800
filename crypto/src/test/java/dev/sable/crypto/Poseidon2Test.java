package dev.sable.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The optimised Poseidon2 against the plain BigInteger definition, on random and edge values. */
class Poseidon2Test {
  private static final BigInteger R = Fr.MODULUS;

  @Provide
  Arbitrary<BigInteger> elements() {
    return FieldArbitraries.elements();
  }

  @Property(tries = 200)
  void permutationAndCompressMatchTheReference(
      @ForAll("elements") BigInteger a, @ForAll("elements") BigInteger b) {
    Fr[] out = Poseidon2.INSTANCE.permutation(Fr.of(a), Fr.of(b));
    BigInteger[] expected = Poseidon2Reference.permutation(a, b);
    assertThat(out[0].toBigInteger()).isEqualTo(expected[0]);
    assertThat(out[1].toBigInteger()).isEqualTo(expected[1]);
    assertThat(Poseidon2.INSTANCE.compress(Fr.of(a), Fr.of(b)).toBigInteger())
        .isEqualTo(Poseidon2Reference.compress(a, b));
  }
}
