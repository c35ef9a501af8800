package dev.sable.bench;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OrderMessage;
import dev.sable.prover.NativeEdDsa;
import dev.sable.prover.NativePoseidon2;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * An order's whole signature check at intake (its v2 hash, then the EdDSA check), the two ways the
 * native library can do it, in this thread's CPU time (time descheduled on a shared machine counts
 * for neither): three JNI calls (two Poseidon2 compressions for the hash, then the check, as intake
 * did before) against one ({@link NativeEdDsa#verifySigned}). Blocks of 100 checks of each
 * alternate over 64 traders' keys (the intake benchmark's default), their tables cached as for
 * returning traders. Run:
 *
 * <pre>
 * source scripts/env.sh; LD_PRELOAD=$JAVA_HOME/lib/libjsig.so java --enable-native-access=ALL-UNNAMED \
 *   -cp "bench/target/sable-bench.jar:bench/target/lib/*" dev.sable.bench.SignaturePathCost [blocks]
 * </pre>
 */
public final class SignaturePathCost {
  private static final int KEYS = 64;
  private static final int BLOCK = 100;
  private static final Deployment DEPLOYMENT = new Deployment(31337, Fr.ofLong(0xb1d9e));

  private SignaturePathCost() {}

  public static void main(String[] args) {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    EdDsaPublicKey[] keys = new EdDsaPublicKey[KEYS];
    OrderMessage[] orders = new OrderMessage[KEYS];
    EdDsaSignature[] sigs = new EdDsaSignature[KEYS];
    for (int i = 0; i < KEYS; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) i;
      EdDsaPrivateKey k = EdDsaPrivateKey.fromSeed(seed);
      keys[i] = k.publicKey();
      orders[i] = new OrderMessage(i, 0, 1000L + i, i % 2, 0, 3000 + i, 5, 0, 0, 0);
      sigs[i] = k.sign(orders[i].hashV2(DEPLOYMENT));
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long[] three = new long[blocks];
    long[] one = new long[blocks];
    int valid = 0;
    for (int b = 0; b < blocks; b++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      for (int j = 0; j < BLOCK; j++) {
        int i = (b * BLOCK + j) % KEYS;
        Fr m = orders[i].hashV2(DEPLOYMENT, NativePoseidon2.INSTANCE);
        valid += NativeEdDsa.INSTANCE.verify(keys[i], m, sigs[i], NativePoseidon2.INSTANCE) ? 1 : 0;
      }
      long c1 = cpu.getCurrentThreadCpuTime();
      for (int j = 0; j < BLOCK; j++) {
        int i = (b * BLOCK + j) % KEYS;
        valid +=
            NativeEdDsa.INSTANCE.verifySigned(
                    keys[i], orders[i], DEPLOYMENT, sigs[i], NativePoseidon2.INSTANCE)
                ? 1
                : 0;
      }
      long c2 = cpu.getCurrentThreadCpuTime();
      three[b] = c1 - c0;
      one[b] = c2 - c1;
    }
    if (valid != 2 * blocks * BLOCK) {
      throw new IllegalStateException("a valid signature was refused");
    }
    // the first half is warm-up (JIT, key tables); medians of the second half's blocks
    int from = blocks / 2;
    double threeUs = median(Arrays.copyOfRange(three, from, blocks)) / BLOCK / 1e3;
    double oneUs = median(Arrays.copyOfRange(one, from, blocks)) / BLOCK / 1e3;
    System.out.printf(
        "order signature check, thread CPU, medians of %d blocks of %d: three JNI calls %.1f us,"
            + " one call %.1f us (%.2fx)%n",
        blocks - from, BLOCK, threeUs, oneUs, oneUs / threeUs);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
