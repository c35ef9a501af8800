// Side-by-side A/B of what the state hash costs the node's sequencer thread, for two builds in
// one JVM: each build's HashingRun (bench module) in "off" and in a hashing mode, each in a class
// loader of its own, measured in alternation (the order reversed every round) so that all four see
// the same machine noise. Build both trees first (scripts/mvn -q -pl bench -am -DskipTests
// package). BEFORE_ROOT and AFTER_ROOT may be the same tree: then it shows the noise floor.
//
//   java -Xmx3g scripts/ab-hashing.java BEFORE_ROOT AFTER_ROOT [rounds [mixes [mode]]]
//
// mixes: comma-separated MatchingWorkload names (default single,aggressive); mode: "recording"
// (effects handed to a feed that gives them straight back: the sequencer's own share) or
// "background" (the node's hashing thread beside it), or "hashing" (the hashing thread's own work:
// each build's StateHasher over the same recorded effects). Prints per mix the median over rounds
// of each build's throughput ratio on/off (thread CPU time) and of after/before with hashing on;
// with "hashing", each build's CPU time per command of hashing and after/before.
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

public class AbHashing {
  static final int COMMANDS = 300_000;

  record Run(Object run, Method nanos) {
    long cpuNanos() throws Exception {
      return (long) nanos.invoke(run);
    }
  }

  static Run load(Path root, String mix, String mode) throws Exception {
    return load(root, mix, mode, "sequencerNanos");
  }

  static Run load(Path root, String mix, String mode, String measure) throws Exception {
    List<URL> jars = new ArrayList<>();
    jars.add(root.resolve("bench/target/sable-bench.jar").toUri().toURL());
    try (Stream<Path> lib = Files.list(root.resolve("bench/target/lib"))) {
      for (Path jar : lib.sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    }
    ClassLoader loader =
        new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    Class<?> type = loader.loadClass("dev.sable.bench.HashingRun");
    Object run =
        type.getConstructor(String.class, int.class, String.class).newInstance(mix, COMMANDS, mode);
    return new Run(run, type.getMethod(measure));
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  public static void main(String[] args) throws Exception {
    Path before = Path.of(args[0]);
    Path after = Path.of(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    String[] mixes = args.length > 3 ? args[3].split(",") : new String[] {"single", "aggressive"};
    String mode = args.length > 4 ? args[4] : "recording";
    for (String mix : mixes) {
      if (mode.equals("hashing")) {
        hashingWork(before, after, mix, rounds);
        continue;
      }
      // 0: before off, 1: before on, 2: after off, 3: after on
      Run[] runs = {
        load(before, mix, "off"),
        load(before, mix, mode),
        load(after, mix, "off"),
        load(after, mix, mode)
      };
      for (int i = 0; i < 3; i++) { // warm-up: every mode JIT-compiled
        for (Run r : runs) {
          r.cpuNanos();
        }
      }
      List<Double> beforeOnOff = new ArrayList<>();
      List<Double> afterOnOff = new ArrayList<>();
      List<Double> afterOverBefore = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        long[] t = new long[4];
        int[] order = round % 2 == 0 ? new int[] {0, 1, 2, 3} : new int[] {3, 2, 1, 0};
        for (int k : order) {
          t[k] = runs[k].cpuNanos();
        }
        beforeOnOff.add((double) t[0] / t[1]);
        afterOnOff.add((double) t[2] / t[3]);
        afterOverBefore.add((double) t[1] / t[3]);
      }
      System.out.printf(
          "%s, hashing %s: on/off before %.3f, after %.3f; hashing on, after/before %.3f"
              + " (medians of %d paired rounds, sequencer thread CPU time)%n",
          mix, mode, median(beforeOnOff), median(afterOnOff), median(afterOverBefore), rounds);
    }
  }

  /** The hashing thread's CPU time per command in each build, paired rounds. */
  static void hashingWork(Path before, Path after, String mix, int rounds) throws Exception {
    Run[] runs = {
      load(before, mix, "off", "hashingNanos"), load(after, mix, "off", "hashingNanos")
    };
    for (int i = 0; i < 3; i++) {
      for (Run r : runs) {
        r.cpuNanos();
      }
    }
    List<Double> beforeNs = new ArrayList<>();
    List<Double> afterNs = new ArrayList<>();
    List<Double> afterOverBefore = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      long[] t = new long[2];
      for (int k : round % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
        t[k] = runs[k].cpuNanos();
      }
      beforeNs.add((double) t[0] / COMMANDS);
      afterNs.add((double) t[1] / COMMANDS);
      afterOverBefore.add((double) t[1] / t[0]);
    }
    System.out.printf(
        "%s, hashing thread's work: before %.0f ns/command, after %.0f; after/before %.3f"
            + " (medians of %d paired rounds, CPU time)%n",
        mix, median(beforeNs), median(afterNs), median(afterOverBefore), rounds);
  }
}
