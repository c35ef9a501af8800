// Where the state hash's work goes, for one build (issue 14, session 11): per workload, the words
// recorded and the events' encoded bytes per command by command kind, and the hashing thread's CPU
// time split into the recorded words alone and the whole (words and events), in one JVM, rounds
// alternating. Build the tree first (scripts/mvn -q -o -pl bench -am -DskipTests package).
//
//   java -Xmx3g -cp "ROOT/bench/target/sable-bench.jar:ROOT/bench/target/lib/*" \
//       scripts/hashing-profile.java ROUNDS MIXES
import dev.sable.bench.MatchingWorkload;
import dev.sable.sequencer.codec.EventCodec;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.engine.CommandEffects;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.engine.StateHashFeed;
import dev.sable.sequencer.engine.StateHasher;
import dev.sable.sequencer.event.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.*;

public class HashingProfile {
  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  static final int COMMANDS = 300_000;

  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]);
    for (String mix : args[1].split(",")) {
      MatchingWorkload w = MatchingWorkload.named(mix, COMMANDS);
      List<CommandEffects> runs = new ArrayList<>();
      StateHashFeed keep =
          new StateHashFeed() {
            public void accept(CommandEffects e) {
              runs.add(e);
            }

            public byte[] hash() {
              return new byte[32];
            }
          };
      Sequencer s = new Sequencer(ArrayOrderBook::new, e -> {}, keep);
      for (Command c : w.setup()) s.apply(c);
      s.stateHash();
      runs.clear();
      Map<String, long[]> byKind = new TreeMap<>(); // commands, words, events, event bytes
      long words = 0;
      int[] from = {0, 0};
      List<String> kinds = new ArrayList<>();
      for (Command c : w.commands()) {
        s.apply(c);
        kinds.add(c.getClass().getSimpleName());
      }
      s.stateHash();
      NEW_HEADER =
          Arrays.stream(CommandEffects.class.getDeclaredMethods())
              .anyMatch(m -> m.getName().equals("header"));
      int k = 0;
      for (CommandEffects r : runs) {
        int wi = 0, ei = 0;
        long[] ws = r.words();
        for (int c = 0; c < r.commands(); c++) {
          int start = wi;
          int[] shape = shape(ws, wi);
          int events = shape[0];
          wi = shape[1];
          long bytes = 0;
          for (int e = ei; e < ei + events; e++) bytes += EventCodec.INSTANCE.encodedSize(r.events()[e]);
          ei += events;
          long[] t = byKind.computeIfAbsent(kinds.get(k++), x -> new long[4]);
          t[0]++;
          t[1] += wi - start;
          t[2] += events;
          t[3] += bytes;
          words += wi - start;
        }
      }
      System.out.printf("%s: %.1f recorded words per command (load %.1f)%n", mix, (double) words / COMMANDS, load());
      byKind.forEach(
          (kind, t) ->
              System.out.printf(
                  "  %-14s %5.1f%%  words %5.1f  events %4.2f  event bytes %6.1f%n",
                  kind, 100.0 * t[0] / COMMANDS, (double) t[1] / t[0], (double) t[2] / t[0], (double) t[3] / t[0]));
      // The same runs with no events: the recorded words alone.
      List<CommandEffects> wordsOnly = new ArrayList<>();
      for (CommandEffects r : runs) {
        long[] ws = r.words().clone();
        int wi = 0;
        for (int c = 0; c < r.commands(); c++) {
          int next = shape(ws, wi)[1];
          ws[wi] = NEW_HEADER ? ws[wi] & 0xFFFF_FFFFL : 0; // no events
          wi = next;
        }
        wordsOnly.add(new CommandEffects(r.commands(), new Event[0], 0, ws, r.wordCount()));
      }
      long[] whole = new long[rounds], only = new long[rounds], encode = new long[rounds];
      for (int i = -3; i < rounds; i++) {
        long a = time(runs), b = time(wordsOnly), c = encodeOnly(runs);
        if (i >= 0) {
          whole[i] = a;
          only[i] = b;
          encode[i] = c;
        }
      }
      System.out.printf(
          "  hashing ns/cmd: whole %.1f, recorded words alone %.1f (%.2f ns/word), events encoded alone"
              + " (EventCodec into a buffer, not absorbed) %.1f (load %.1f)%n",
          med(whole), med(only), med(only) * COMMANDS / words, med(encode), load());
    }
  }

  /**
   * Whether the build records a one-word header (event count in its high half, session 11) or two
   * count words and all three pools and time (before).
   */
  static boolean NEW_HEADER;

  /** A command's event count and where its words end, in either build's layout. */
  static int[] shape(long[] ws, int wi) {
    if (NEW_HEADER) {
      long h = ws[wi];
      int end = wi + 1;
      for (int a = (int) h >>> 3; a > 0; a--) end += 4 + 5 * Long.bitCount(ws[end + 3]);
      return new int[] {(int) (h >>> 32), end + Integer.bitCount((int) h & 7)};
    }
    int end = wi + 2;
    for (int a = (int) ws[wi + 1]; a > 0; a--) end += 4 + 5 * Long.bitCount(ws[end + 3]);
    return new int[] {(int) ws[wi], end + 3};
  }

  static long time(List<CommandEffects> runs) {
    StateHasher h = new StateHasher();
    long t0 = THREADS.getCurrentThreadCpuTime();
    for (CommandEffects r : runs) h.accept(r);
    h.hash();
    return THREADS.getCurrentThreadCpuTime() - t0;
  }

  static long sink;

  static long encodeOnly(List<CommandEffects> runs) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 20);
    long t0 = THREADS.getCurrentThreadCpuTime();
    for (CommandEffects r : runs) {
      for (int e = 0; e < r.eventCount(); e++) {
        if (b.remaining() < EventCodec.MAX_ENCODED_BYTES) b.clear();
        EventCodec.INSTANCE.encode(r.events()[e], b);
      }
    }
    sink += b.position();
    return THREADS.getCurrentThreadCpuTime() - t0;
  }

  static double med(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return (double) s[s.length / 2] / COMMANDS;
  }

  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
