package dev.sable.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Fr;
import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NativeLibraryTest {

  @BeforeAll
  static void load() {
    NativeLibrary.load();
  }

  @Test
  void goPanicBecomesJavaExceptionAndTheJvmLivesOn() {
    assertThatThrownBy(NativeBindings::selfTestPanic)
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("panic in native library")
        .hasMessageContaining("index out of range");
    // The library stays usable after a recovered panic.
    assertThat(NativeBindings.libraryVersions()).contains("github.com/consensys/gnark@v0.16.3");
  }

  @Test
  void goErrorsCarryTheirMessage() {
    assertThatThrownBy(() -> NativeBindings.setup("no-such-circuit", "/tmp"))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("unknown circuit \"no-such-circuit\"");
    assertThatThrownBy(() -> NativeBindings.prove(123456789L, new byte[] {1, 2, 3}))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("invalid circuit handle");
    assertThatThrownBy(() -> NativeBindings.proofToSolidity(new byte[] {1, 2, 3}))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("malformed proof");
    assertThatThrownBy(() -> NativeBindings.prove(0L, null))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("null byte array");
  }

  @Test
  void poseidon2MatchesGnarkCryptoVector() {
    // Compress(1, 2) from gnark-crypto v0.21 (shared/notes/gnark.md).
    assertThat(NativePoseidon2.INSTANCE.compress(Fr.ONE, Fr.ofLong(2)))
        .isEqualTo(Fr.fromHex("02e7529d93e1a7ae526147c2ee72588aee90e6a7c3e361de6daa6be045c6f530"));
  }

  @Test
  void poseidon2RejectsNonCanonicalInput() {
    byte[] tooBig = new byte[32];
    java.util.Arrays.fill(tooBig, (byte) 0xff);
    assertThatThrownBy(() -> NativeBindings.poseidon2Compress(tooBig, new byte[32]))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("left input");
    assertThatThrownBy(() -> NativeBindings.poseidon2Compress(new byte[31], new byte[32]))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("32-byte");
  }
}
