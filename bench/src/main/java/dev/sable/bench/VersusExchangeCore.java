package dev.sable.bench;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.engine.Sequencer;
import exchange.core2.core.orderbook.IOrderBook;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Sable's whole sequencer (margin on, hashing off) against exchange-core's bare order book on the
 * same command stream, in this JVM, in paired rounds: each round times one pass of each (on a fresh
 * sequencer and a fresh book, built outside the timing), alternating which goes first, in thread
 * CPU time so that time descheduled on a shared machine counts for neither. The ratio of a round is
 * Sable's throughput over exchange-core's; the result is the median over the rounds.
 */
public final class VersusExchangeCore {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * @param ratio median over the rounds of Sable's throughput over exchange-core's
   * @param sablePerSecond Sable's median commands per second (CPU time)
   * @param exchangeCorePerSecond exchange-core's median commands per second (CPU time)
   */
  public record Result(
      String mix, double ratio, long sablePerSecond, long exchangeCorePerSecond, int rounds) {
    public String line() {
      return String.format(
          "versus exchange-core book: %.2fx on %s (median of %d paired rounds: Sable %d,"
              + " exchange-core %d commands/s)",
          ratio, mix, rounds, sablePerSecond, exchangeCorePerSecond);
    }
  }

  private VersusExchangeCore() {}

  public static Result measure(String mix, MatchingWorkload workload, int warmups, int rounds) {
    ExchangeCoreReplay peer = ExchangeCoreReplay.of(workload);
    for (int i = 0; i < warmups; i++) {
      sableNanos(workload);
      peerNanos(peer);
    }
    double[] ratios = new double[rounds];
    long[] sable = new long[rounds];
    long[] peerTimes = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      if (i % 2 == 0) {
        sable[i] = sableNanos(workload);
        peerTimes[i] = peerNanos(peer);
      } else {
        peerTimes[i] = peerNanos(peer);
        sable[i] = sableNanos(workload);
      }
      ratios[i] = (double) peerTimes[i] / sable[i];
    }
    int n = workload.commands().length;
    return new Result(
        mix,
        Medians.of(ratios),
        perSecond(n, Medians.of(sable)),
        perSecond(n, Medians.of(peerTimes)),
        rounds);
  }

  private static long sableNanos(MatchingWorkload workload) {
    Sequencer s = workload.start();
    long t0 = THREADS.getCurrentThreadCpuTime();
    for (Command c : workload.commands()) {
      s.apply(c);
    }
    return THREADS.getCurrentThreadCpuTime() - t0;
  }

  private static long peerNanos(ExchangeCoreReplay peer) {
    IOrderBook book = peer.start();
    long t0 = THREADS.getCurrentThreadCpuTime();
    peer.applyAll(book);
    return THREADS.getCurrentThreadCpuTime() - t0;
  }

  private static long perSecond(int commands, double nanos) {
    return Math.round(commands * 1e9 / nanos);
  }
}
