// Side-by-side A/B of the matching benchmark's workloads in one JVM: two builds of the sequencer
// (each tree's bench and sequencer jars, in a class loader of its own), measured in alternation
// so that both see the same machine noise. Build both trees first (scripts/mvn -q -DskipTests
// package), then, from a tree with bench/target/lib:
//
//   java -Xmx2g -cp bench/target/lib/HdrHistogram-2.2.2.jar scripts/ab-matching.java \
//       BEFORE_ROOT AFTER_ROOT [rounds [single,multi]] [--tail] [--kinds]
//
// Each round, per build (alternating which goes first): the thread CPU time of
// MatchingBenchmark.applyAll (500,000 commands on a fresh sequencer, as JMH does; CPU time, so that
// time descheduled on a loaded machine does not count), and the median per-command latency of one
// LatencyProbe pass. It prints each round, then per workload the median of the per-round
// throughput ratios after/before and the median of each build's per-round p50 latency. With
// --tail, each round's line and the summary also give the same pass's p99 and p99.9 (the summary:
// the median over rounds of each build's per-round figure). With --kinds (implies --tail), the
// latency pass is split by command kind (LatencyProbe.measureByKind: gtc, cancel, market ...) and
// the summary adds, per kind, each build's median p50 and p99 and the median of the paired
// per-round p99 ratios after/before: which commands a change moves.
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

public class AbMatching {
  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  record Build(
      String name, Object bench, Method fresh, Method apply, Method probe, Object work, Method split) {
    /** CPU time of this thread for one applyAll: time spent descheduled does not count. */
    long timeOnce() throws Exception {
      fresh.invoke(bench);
      long t0 = THREADS.getCurrentThreadCpuTime();
      apply.invoke(bench);
      return THREADS.getCurrentThreadCpuTime() - t0;
    }

    /**
     * Per-command latency of one pass, "all" to its p50, p99 and p99.9 in nanoseconds; split by
     * command kind as well (each kind to the same three) when {@code kinds}.
     */
    Map<String, long[]> latency(boolean kinds) throws Exception {
      Map<String, long[]> out = new TreeMap<>();
      if (!kinds) {
        out.put("all", percentiles((Histogram) probe.invoke(null, work, 0, 1)));
        return out;
      }
      Object latencies = split.invoke(null, work, 0, 1);
      out.put("all", percentiles((Histogram) latencies.getClass().getMethod("all").invoke(latencies)));
      @SuppressWarnings("unchecked")
      Map<String, Histogram> byKind =
          (Map<String, Histogram>) latencies.getClass().getMethod("byKind").invoke(latencies);
      byKind.forEach((kind, h) -> out.put(kind, percentiles(h)));
      return out;
    }
  }

  static long[] percentiles(Histogram h) {
    return new long[] {
      h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9)
    };
  }

  static Build load(String name, Path root, String workload) throws Exception {
    URL[] jars = {
      root.resolve("bench/target/sable-bench.jar").toUri().toURL(),
      root.resolve("sequencer/target/sable-sequencer-0.1.0-SNAPSHOT.jar").toUri().toURL()
    };
    // The parent holds HdrHistogram only, so both builds return the same Histogram class.
    ClassLoader loader = new URLClassLoader(name, jars, ClassLoader.getSystemClassLoader());
    Class<?> type = loader.loadClass("dev.sable.bench.MatchingBenchmark");
    Object bench = type.getConstructor().newInstance();
    type.getField("workload").set(bench, workload);
    type.getMethod("generate").invoke(bench);
    Class<?> workloads = loader.loadClass("dev.sable.bench.MatchingWorkload");
    Object work = workloads.getMethod("named", String.class, int.class).invoke(null, workload, COMMANDS);
    Class<?> latencyProbe = loader.loadClass("dev.sable.bench.LatencyProbe");
    Method probe = latencyProbe.getMethod("measure", workloads, int.class, int.class);
    Method split = latencyProbe.getMethod("measureByKind", workloads, int.class, int.class);
    return new Build(
        name, bench, type.getMethod("freshState"), type.getMethod("applyAll"), probe, work, split);
  }

  static final int COMMANDS = 500_000;

  /** The median of one column (0 = p50, 1 = p99, 2 = p99.9) of per-round latencies. */
  static long median(List<Map<String, long[]>> values, String kind, int column) {
    List<Long> sorted = new ArrayList<>();
    for (Map<String, long[]> v : values) {
      sorted.add(v.get(kind)[column]);
    }
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  public static void main(String[] options) throws Exception {
    List<String> list = new ArrayList<>(List.of(options));
    boolean kinds = list.remove("--kinds");
    boolean tail = list.remove("--tail") || kinds;
    String[] args = list.toArray(new String[0]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    String[] workloads = args.length > 3 ? args[3].split(",") : new String[] {"single", "multi"};
    int commands = COMMANDS;
    for (String workload : workloads) {
      Build before = load("before", Path.of(args[0]), workload);
      Build after = load("after", Path.of(args[1]), workload);
      for (int i = 0; i < 10; i++) { // warm-up: both builds JIT-compiled
        before.timeOnce();
        after.timeOnce();
      }
      List<Double> ratios = new ArrayList<>();
      List<Map<String, long[]>> latBefore = new ArrayList<>();
      List<Map<String, long[]>> latAfter = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        long b;
        long a;
        if (r % 2 == 0) {
          b = before.timeOnce();
          a = after.timeOnce();
          latBefore.add(before.latency(kinds));
          latAfter.add(after.latency(kinds));
        } else {
          a = after.timeOnce();
          b = before.timeOnce();
          latAfter.add(after.latency(kinds));
          latBefore.add(before.latency(kinds));
        }
        ratios.add((double) b / a); // throughput after / before
        long[] lb = latBefore.getLast().get("all");
        long[] la = latAfter.getLast().get("all");
        System.out.printf(
            "%s round %2d: before %,d commands/s p50 %d ns%s, after %,d commands/s p50 %d ns%s%n",
            workload,
            r + 1,
            commands * 1_000_000_000L / b,
            lb[0],
            tail ? String.format(" p99 %d ns p99.9 %d ns", lb[1], lb[2]) : "",
            commands * 1_000_000_000L / a,
            la[0],
            tail ? String.format(" p99 %d ns p99.9 %d ns", la[1], la[2]) : "");
      }
      ratios.sort(null);
      System.out.printf(
          "%s: median throughput ratio after/before %.3f (min %.3f, max %.3f, %d rounds);"
              + " median p50 before %d ns, after %d ns%n",
          workload,
          ratios.get(ratios.size() / 2),
          ratios.getFirst(),
          ratios.getLast(),
          rounds,
          median(latBefore, "all", 0),
          median(latAfter, "all", 0));
      if (tail) {
        System.out.printf(
            "%s: median p99 before %d ns, after %d ns; median p99.9 before %d ns, after %d ns%n",
            workload,
            median(latBefore, "all", 1),
            median(latAfter, "all", 1),
            median(latBefore, "all", 2),
            median(latAfter, "all", 2));
      }
      for (String kind : latBefore.getFirst().keySet()) {
        if (kind.equals("all")) {
          continue;
        }
        List<Double> p99 = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          p99.add((double) latAfter.get(r).get(kind)[1] / latBefore.get(r).get(kind)[1]);
        }
        p99.sort(null);
        System.out.printf(
            "%s %s: median p50 before %d ns, after %d ns; median p99 before %d ns, after %d ns;"
                + " paired p99 after/before %.3f%n",
            workload,
            kind,
            median(latBefore, kind, 0),
            median(latAfter, kind, 0),
            median(latBefore, kind, 1),
            median(latAfter, kind, 1),
            p99.get(p99.size() / 2));
      }
    }
  }
}
