package dev.sable.node.clock;

import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.Command;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's own commands, journaled like any other (so a replay sees the same time): one thread
 * ({@code sable-clock}) journals a TimeTick with the wall clock in milliseconds (never going back;
 * the log's time unit, docs/node.md "Time") every tick, then the development oracle's signed prices
 * stamped with that same time (when a price moved, or half the market's staleness after the last
 * one: each price is an operation some batch must prove), funding ticks when a market's interval
 * has passed, and liquidation sweeps.
 */
public final class NodeClock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeClock.class);

  /**
   * A market the clock serves: its id, funding interval, and how long a development oracle price
   * stays fresh (the market's oracle staleness).
   */
  public record MarketTimers(
      int market, long fundingIntervalMs, long oracleStalenessMs, boolean option) {}

  private final GroupCommitter journal;
  private final DevOracle oracle;
  private final LongSupplier wallClock;
  private final List<MarketTimers> markets;
  private final long sweepMs;
  private final ScheduledExecutorService thread;
  private final long tickMs;
  private long now;
  private long lastSweep;
  private final long[] lastFunding;
  private final long[] lastPrice;
  private final long[] lastPublished;

  public NodeClock(
      GroupCommitter journal,
      DevOracle oracle,
      LongSupplier wallClock,
      long startAt,
      List<MarketTimers> markets,
      long tickMs,
      long sweepMs) {
    this.journal = journal;
    this.oracle = oracle;
    this.wallClock = wallClock;
    this.markets = markets;
    this.tickMs = tickMs;
    this.sweepMs = sweepMs;
    this.now = startAt;
    this.lastSweep = startAt;
    this.lastFunding = new long[markets.size()];
    java.util.Arrays.fill(lastFunding, startAt);
    this.lastPrice = new long[markets.size()];
    this.lastPublished = new long[markets.size()];
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sable-clock");
              t.setDaemon(true);
              return t;
            });
  }

  public void start() {
    thread.scheduleAtFixedRate(this::tick, 0, tickMs, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      now = Math.max(now, wallClock.getAsLong());
      submit(new Command.TimeTick(now), Provenance.NODE);
      for (int i = 0; i < markets.size(); i++) {
        MarketTimers m = markets.get(i);
        long price = oracle.price(m.market());
        if (price > 0
            && (price != lastPrice[i] || now - lastPublished[i] >= m.oracleStalenessMs() / 2)) {
          lastPrice[i] = price;
          lastPublished[i] = now;
          DevOracle.Signed signed =
              m.option() ? oracle.volatility(m.market(), now) : oracle.sign(m.market(), now);
          submit(signed.command(), signed.signature());
        }
        if (!m.option() && now - lastFunding[i] >= m.fundingIntervalMs()) { // options: no funding
          lastFunding[i] = now;
          submit(new Command.FundingTick(m.market()), Provenance.NODE);
        }
      }
      if (now - lastSweep >= sweepMs) {
        lastSweep = now;
        submit(new Command.LiquidationSweep(), Provenance.NODE);
      }
    } catch (RuntimeException e) { // keep ticking: one failed tick must not stop time
      LOG.warn("clock tick failed: {}", e.toString());
    }
  }

  private void submit(Command c, Provenance provenance) {
    journal
        .submit(c, provenance)
        .whenComplete(
            (seq, failure) -> {
              if (failure != null) {
                LOG.debug("node command not journaled: {}", failure.toString());
              }
            });
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
