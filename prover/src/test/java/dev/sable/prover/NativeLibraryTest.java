package dev.sable.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Fr;
import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    assertThatThrownBy(() -> NativeBindings.setup("no-such-circuit", "/tmp", false))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("unknown circuit \"no-such-circuit\"");
    assertThatThrownBy(() -> NativeBindings.prove(123456789L, new byte[] {1, 2, 3}, false))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("invalid circuit handle");
    assertThatThrownBy(() -> NativeBindings.proofToSolidity(new byte[] {1, 2, 3}))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("malformed proof");
    assertThatThrownBy(() -> NativeBindings.prove(0L, null, false))
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

  /**
   * The cached copy of the library is cut short between two runs (it made every later JVM die with
   * SIGBUS): the next JVM must replace it and load a whole one.
   */
  @Test
  void aTruncatedCachedLibraryIsReplacedNotLoaded(@TempDir Path cache)
      throws IOException, InterruptedException {
    assertThat(loadInChildJvm(cache)).contains("gnark@");
    Path lib;
    try (Stream<Path> files = Files.walk(cache)) {
      lib = files.filter(p -> p.endsWith("libsable_native.so")).findFirst().orElseThrow();
    }
    long size = Files.size(lib);
    try (FileChannel ch = FileChannel.open(lib, StandardOpenOption.WRITE)) {
      ch.truncate(size / 3);
    }
    assertThat(loadInChildJvm(cache)).contains("gnark@");
    assertThat(Files.size(lib)).isEqualTo(size);
  }

  private static String loadInChildJvm(Path cache) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-Dsable.native.cache=" + cache,
                    "-cp",
                    System.getProperty("java.class.path"),
                    LoadAndReport.class.getName()))
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }

  /** The child JVM of {@link #aTruncatedCachedLibraryIsReplacedNotLoaded}. */
  public static final class LoadAndReport {
    public static void main(String[] args) {
      NativeLibrary.load();
      System.out.println(NativeBindings.libraryVersions());
    }
  }
}
