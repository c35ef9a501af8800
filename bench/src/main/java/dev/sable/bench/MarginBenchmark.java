package dev.sable.bench;

import dev.sable.sequencer.options.PortfolioMargin;
import dev.sable.sequencer.options.RiskArraySet;
import java.util.concurrent.TimeUnit;
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
 * {@link #arrays} recomputes the whole batch's arrays (52 rows: 2 perpetuals, 50 options priced in
 * 16 scenarios plus the mark), the work done once per batch.
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
    long sum = 0;
    int[] markets = workload.markets();
    for (int a = 0; a < MarginWorkload.ACCOUNTS; a++) {
      sum += margin.maintenance(markets, workload.sizes(a), MarginWorkload.POSITIONS);
    }
    return sum;
  }

  @Benchmark
  public RiskArraySet arrays() {
    return workload.arrays();
  }
}
