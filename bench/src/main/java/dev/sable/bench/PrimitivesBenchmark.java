package dev.sable.bench;

import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.EdDsaVerifier;
import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.prover.NativeEdDsa;
import dev.sable.prover.NativePoseidon2;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH figures for the primitives, one thread: Poseidon2 compress (pure Java and native via JNI) and
 * EdDSA verification (pure Java, and with the curve work native). Run: {@code java -cp
 * "node/target/sable-node.jar:node/target/lib/*" org.openjdk.jmh.Main PrimitivesBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PrimitivesBenchmark {
  private static final int SIGNATURES = 64;

  private final Fr left = Fr.ofLong(123_456_789);
  private Fr right = Fr.ofLong(987_654_321);
  private FieldHasher nativeHasher;
  private EdDsaPublicKey[] keys;
  private EdDsaSignature[] signatures;
  private Fr[] messages;
  private int next;

  @Setup
  public void setUp() {
    nativeHasher = NativePoseidon2.preferred();
    keys = new EdDsaPublicKey[SIGNATURES];
    signatures = new EdDsaSignature[SIGNATURES];
    messages = new Fr[SIGNATURES];
    for (int i = 0; i < SIGNATURES; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) i;
      EdDsaPrivateKey k = EdDsaPrivateKey.fromSeed(seed);
      keys[i] = k.publicKey();
      messages[i] = Fr.ofLong(i);
      signatures[i] = k.sign(messages[i]);
    }
  }

  @Benchmark
  public Fr poseidon2CompressJava() {
    right = Poseidon2.INSTANCE.compress(left, right);
    return right;
  }

  @Benchmark
  public Fr poseidon2CompressNative() {
    right = nativeHasher.compress(left, right);
    return right;
  }

  @Benchmark
  public boolean eddsaVerify() {
    int i = next++ & (SIGNATURES - 1);
    return keys[i].verify(messages[i], signatures[i]);
  }

  /** As the node's intake verifies: the native curve work, the challenge by native Poseidon2. */
  @Benchmark
  public boolean eddsaVerifyNative() {
    int i = next++ & (SIGNATURES - 1);
    return NativeEdDsa.INSTANCE.verify(keys[i], messages[i], signatures[i], nativeHasher);
  }

  /** The pure-Java check with the native Poseidon2, the intake's alternative. */
  @Benchmark
  public boolean eddsaVerifyJavaNativeHash() {
    int i = next++ & (SIGNATURES - 1);
    return EdDsaVerifier.JAVA.verify(keys[i], messages[i], signatures[i], nativeHasher);
  }
}
