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
 * ({@code sable-clock}) journals a TimeTick with the wall clock in milliseconds (never going back)
 * every tick, then the development oracle prices stamped with that same time, funding ticks when a
 * market's interval has passed, and liquidation sweeps.
 */
public final class NodeClock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeClock.class);
  private static final long ORACLE_EVERY_MS = 1_000;

  /** A market the clock serves: its id, funding interval and development oracle price (0 none). */
  public record MarketTimers(int market, long fundingIntervalMs, long devOraclePrice) {}

  private final GroupCommitter journal;
  private final LongSupplier wallClock;
  private final List<MarketTimers> markets;
  private final long sweepMs;
  private final ScheduledExecutorService thread;
  private final long tickMs;
  private long now;
  private long lastOracle;
  private long lastSweep;
  private final long[] lastFunding;

  public NodeClock(
      GroupCommitter journal,
      LongSupplier wallClock,
      long startAt,
      List<MarketTimers> markets,
      long tickMs,
      long sweepMs) {
    this.journal = journal;
    this.wallClock = wallClock;
    this.markets = markets;
    this.tickMs = tickMs;
    this.sweepMs = sweepMs;
    this.now = startAt;
    this.lastSweep = startAt;
    this.lastOracle = startAt - ORACLE_EVERY_MS;
    this.lastFunding = new long[markets.size()];
    java.util.Arrays.fill(lastFunding, startAt);
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
      submit(new Command.TimeTick(now));
      boolean oracleDue = now - lastOracle >= ORACLE_EVERY_MS;
      if (oracleDue) {
        lastOracle = now;
      }
      for (int i = 0; i < markets.size(); i++) {
        MarketTimers m = markets.get(i);
        if (oracleDue && m.devOraclePrice() > 0) {
          submit(new Command.OraclePrice(m.market(), 0, m.devOraclePrice(), now));
        }
        if (now - lastFunding[i] >= m.fundingIntervalMs()) {
          lastFunding[i] = now;
          submit(new Command.FundingTick(m.market()));
        }
      }
      if (now - lastSweep >= sweepMs) {
        lastSweep = now;
        submit(new Command.LiquidationSweep());
      }
    } catch (RuntimeException e) { // keep ticking: one failed tick must not stop time
      LOG.warn("clock tick failed: {}", e.toString());
    }
  }

  private void submit(Command c) {
    journal
        .submit(c, Provenance.NODE)
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
