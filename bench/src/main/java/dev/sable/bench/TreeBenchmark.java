package dev.sable.bench;

import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.prover.NativePoseidon2;
import dev.sable.state.LeafWrite;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.StateLayout;
import dev.sable.state.store.rocksdb.RocksDbKeyValueStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The figures of {@code sable bench tree}, each on one thread: sparse Merkle tree updates on
 * RocksDB (depth 24, prefilled with {@code accounts} leaves, batches of synced writes with a
 * witness per update), Poseidon2 compressions (pure Java and, when the library loads, native: the
 * tree is hashed with whichever measured faster in this run) and EdDSA verifications.
 */
public final class TreeBenchmark {
  /** How much work to do. */
  public record Settings(
      int accounts, int updates, int batchSize, double hashSeconds, double verifySeconds) {}

  /**
   * The measured rates, per second on one thread; treeHasherCompress is the rate of the hasher the
   * tree used (named by treeHasher); nativeCompress is NaN when the native library did not load.
   */
  public record Figures(
      int accounts,
      double prefillSeconds,
      double treeUpdates,
      String treeHasher,
      double treeHasherCompress,
      double javaCompress,
      double nativeCompress,
      double eddsaVerify) {}

  private final Settings settings;
  private final Consumer<String> log;
  private final Random random = new Random(4);

  public TreeBenchmark(Settings settings, Consumer<String> log) {
    this.settings = settings;
    this.log = log;
  }

  public Figures run(Path dbDir) {
    double java = compressRate("poseidon2 compress (pure Java)", Poseidon2.INSTANCE);
    FieldHasher nativeHasher = NativePoseidon2.preferred();
    double nativeRate =
        nativeHasher == Poseidon2.INSTANCE
            ? Double.NaN
            : compressRate("poseidon2 compress (native gnark-crypto via JNI)", nativeHasher);
    // the faster of the two as measured here: the pure-Java one unless native beat it
    boolean nativeFaster = nativeRate > java;
    FieldHasher hasher = nativeFaster ? nativeHasher : Poseidon2.INSTANCE;
    double verify = eddsaVerify();
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(dbDir, true)) {
      SparseMerkleTree tree =
          new SparseMerkleTree(store, new byte[] {1}, StateLayout.ACCOUNT_DEPTH, hasher);
      long start = System.nanoTime();
      prefill(tree);
      double prefill = (System.nanoTime() - start) / 1e9;
      log.accept(String.format("prefilled %,d accounts in %.1f s", settings.accounts(), prefill));
      double updates = treeUpdates(tree);
      return new Figures(
          settings.accounts(),
          prefill,
          updates,
          nativeFaster ? "native" : "pure Java",
          nativeFaster ? nativeRate : java,
          java,
          nativeRate,
          verify);
    }
  }

  private void prefill(SparseMerkleTree tree) {
    int chunk = 1 << 16;
    for (int from = 0; from < settings.accounts(); from += chunk) {
      List<LeafWrite> writes = new ArrayList<>(chunk);
      for (int i = from; i < Math.min(from + chunk, settings.accounts()); i++) {
        writes.add(new LeafWrite(i, randomLeaf()));
      }
      tree.putAll(writes);
    }
  }

  private double treeUpdates(SparseMerkleTree tree) {
    // warm-up batch, not counted
    tree.applyBatch(randomWrites(settings.batchSize()));
    long start = System.nanoTime();
    int done = 0;
    while (done < settings.updates()) {
      int n = Math.min(settings.batchSize(), settings.updates() - done);
      tree.applyBatch(randomWrites(n));
      done += n;
    }
    double rate = done / ((System.nanoTime() - start) / 1e9);
    log.accept(
        String.format(
            "tree: %,d updates in batches of %d: %,.0f/s", done, settings.batchSize(), rate));
    return rate;
  }

  private List<LeafWrite> randomWrites(int n) {
    List<LeafWrite> writes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      writes.add(new LeafWrite(random.nextInt(settings.accounts()), randomLeaf()));
    }
    return writes;
  }

  private Fr randomLeaf() {
    return Fr.of(new BigInteger(253, random));
  }

  private double compressRate(String name, FieldHasher hasher) {
    return timed(
        name,
        settings.hashSeconds(),
        iterations -> {
          Fr h = Fr.ONE;
          for (long i = 0; i < iterations; i++) {
            h = hasher.compress(h, Fr.ofLong(i));
          }
          return h.l0();
        });
  }

  private double eddsaVerify() {
    int n = 64;
    EdDsaPublicKey[] keys = new EdDsaPublicKey[n];
    EdDsaSignature[] sigs = new EdDsaSignature[n];
    Fr[] messages = new Fr[n];
    for (int i = 0; i < n; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) i;
      EdDsaPrivateKey k = EdDsaPrivateKey.fromSeed(seed);
      keys[i] = k.publicKey();
      messages[i] = Fr.ofLong(1_000_000 + i);
      sigs[i] = k.sign(messages[i]);
    }
    return timed(
        "eddsa verify",
        settings.verifySeconds(),
        iterations -> {
          long ok = 0;
          for (long i = 0; i < iterations; i++) {
            int j = (int) (i % n);
            if (keys[j].verify(messages[j], sigs[j])) {
              ok++;
            }
          }
          if (ok != iterations) {
            throw new IllegalStateException("a valid signature failed to verify");
          }
          return ok;
        });
  }

  /** A loop body run for {@code iterations}; returns a value so the work is not eliminated. */
  private interface Loop {
    long run(long iterations);
  }

  private static long sink;

  /**
   * Warms the loop up for a third of the time, then grows the iteration count until a run lasts the
   * remaining time; returns operations per second of the last run.
   */
  private double timed(String name, double seconds, Loop loop) {
    long iterations = 64;
    double warmup = seconds / 3;
    long deadline = System.nanoTime() + (long) (warmup * 1e9);
    while (System.nanoTime() < deadline) {
      sink += loop.run(iterations);
    }
    double elapsed;
    while (true) {
      long start = System.nanoTime();
      sink += loop.run(iterations);
      elapsed = (System.nanoTime() - start) / 1e9;
      if (elapsed >= seconds - warmup) {
        break;
      }
      iterations =
          Math.max(
              iterations * 2, (long) (iterations * (seconds - warmup) / Math.max(elapsed, 1e-3)));
    }
    double rate = iterations / elapsed;
    log.accept(String.format("%s: %,d in %.2f s: %,.0f/s", name, iterations, elapsed, rate));
    return rate;
  }
}
