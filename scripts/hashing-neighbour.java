// What any busy thread beside the sequencer costs it, next to what the hashing thread costs it: one
// build's HashingRun (bench module) in "off" alone, "off" with an unrelated thread running beside
// it, and "background" (hashing on, the node's hashing thread beside it), alternating in one JVM,
// in the sequencer thread's CPU time. The unrelated thread is "spin" (multiplies in registers, no
// memory) or "stream" (reads a 4 MB array over and over). If the two ratios are alike, the loss
// with the hashing thread is the machine's (a second busy thread), not the hashing code's.
// Build the tree first (scripts/mvn -q -pl bench -am -DskipTests package).
//
//   java -Xmx3g scripts/hashing-neighbour.java ROOT ROUNDS MIXES spin|stream
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.*;
import java.util.*;
import java.util.stream.Stream;

public class HashingNeighbour {
  static volatile boolean run;
  static volatile long sink;

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    String kind = args[3];
    List<URL> jars = new ArrayList<>();
    jars.add(root.resolve("bench/target/sable-bench.jar").toUri().toURL());
    try (Stream<Path> lib = Files.list(root.resolve("bench/target/lib"))) {
      for (Path jar : lib.sorted().toList()) jars.add(jar.toUri().toURL());
    }
    ClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    Class<?> type = loader.loadClass("dev.sable.bench.HashingRun");
    for (String mix : args[2].split(",")) {
      Object r = type.getConstructor(String.class, int.class, String.class).newInstance(mix, 300_000, "off");
      Method m = type.getMethod("sequencerNanos");
      for (int i = 0; i < 3; i++) m.invoke(r);
      Object bg = type.getConstructor(String.class, int.class, String.class).newInstance(mix, 300_000, "background");
      for (int i = 0; i < 3; i++) m.invoke(bg);
      double[] ratios = new double[rounds];
      double[] bgRatios = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        long alone = (long) m.invoke(r);
        bgRatios[i] = (double) alone / (long) m.invoke(bg);
        run = true;
        Thread t = new Thread(() -> {
          if (kind.equals("spin")) {
            long x = 1;
            while (run) { for (int k = 0; k < 1000; k++) x = x * 0x9E3779B97F4A7C15L + k; }
            sink = x;
          } else {
            long[] a = new long[512 * 1024];
            long s = 0;
            while (run) { for (int k = 0; k < a.length; k += 8) s += a[k]; }
            sink = s;
          }
        });
        t.start();
        long beside = (long) m.invoke(r);
        run = false;
        t.join();
        ratios[i] = (double) alone / beside;
      }
      Arrays.sort(ratios);
      Arrays.sort(bgRatios);
      System.out.printf("%s: hashing off, alone over with a %s thread beside %.3f; alone over hashing on (hashing thread beside) %.3f (medians of %d rounds; %s %.3f-%.3f, hashing %.3f-%.3f)%n",
          mix, kind, ratios[rounds / 2], bgRatios[rounds / 2], rounds, kind, ratios[0], ratios[rounds - 1], bgRatios[0], bgRatios[rounds - 1]);
    }
  }
}
