package dev.sable.bench;

import dev.sable.sequencer.options.PortfolioMargin;
import dev.sable.sequencer.options.RiskArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Portfolio margin: {@link #check} computes the requirement of each of the workload's 64 accounts
 * (52 positions) from precomputed risk arrays, so its score is checks per second on one thread;
 * {@link #cachedCheck} is the sequencer's check between input changes (arrays assembled from cached
 * rows, then the requirement); {@link #arrays} recomputes the whole batch's arrays (52 rows: 2
 * perpetuals, 50 options priced in 16 scenarios plus the mark), what every check cost before the
 * row cache and what a check costs after a mark, volatility or time change.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MarginBenchmark {
  private MarginWorkload workload;
  private PortfolioMargin margin;

  @Setup(Level.Trial)
  public void build() {
    workload = new MarginWorkload();
    margin = workload.margin();
  }

  @Benchmark
  @OperationsPerInvocation(MarginWorkload.ACCOUNTS)
  public long check() {
    return everyAccount(() -> margin);
  }

  /**
   * A check as the sequencer makes it between price, volatility and time records: the arrays
   * assembled from kept rows, then the requirement (without the row cache, each check would
   * recompute the arrays: {@link #arrays}).
   */
  @Benchmark
  @OperationsPerInvocation(MarginWorkload.ACCOUNTS)
  public long cachedCheck() {
    return everyAccount(workload::cachedMargin);
  }

  /** The maintenance of every account, each from the margin {@code perCheck} gives. */
  private long everyAccount(Supplier<PortfolioMargin> perCheck) {
    long sum = 0;
    int[] markets = workload.markets();
    for (int a = 0; a < MarginWorkload.ACCOUNTS; a++) {
      sum += perCheck.get().maintenance(markets, workload.sizes(a), MarginWorkload.POSITIONS);
    }
    return sum;
  }

  @Benchmark
  public RiskArraySet arrays() {
    return workload.arrays();
  }
}
