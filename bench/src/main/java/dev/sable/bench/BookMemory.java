package dev.sable.bench;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.EventSink;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.orderbook.IOrderBook;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.SplittableRandom;

/**
 * Memory of resting orders: the heap a sequencer (one market, margin accounts, client-id indexes:
 * everything) holds for {@code orders} resting orders, against exchange-core's bare book holding
 * the same orders. Orders are placed 1 to 100,000 ticks away from the middle, none crossing, by
 * 10,000 funded accounts; heap in use is read after full collections, before and after placing
 * them.
 */
public final class BookMemory {
  private static final int ACCOUNTS = 10_000;
  private static final long MID = 1_000_000;
  private static final long SPREAD = 100_000;

  /**
   * @param sableBytes heap the sequencer holds for its resting orders, per order
   * @param sableHeap heap of the whole sequencer holding them
   * @param exchangeCoreBytes heap exchange-core's book holds for the same orders, per order
   */
  public record Result(int orders, double sableBytes, long sableHeap, double exchangeCoreBytes) {
    public String line() {
      return String.format(
          "memory: %.0f bytes per resting order; a %,d-resting-order sequencer holds %.0f MB of heap"
              + " (exchange-core's book alone: %.0f bytes per order)",
          sableBytes, orders, sableHeap / 1e6, exchangeCoreBytes);
    }
  }

  private BookMemory() {}

  public static Result measure(int orders) {
    long empty = heapAfterGc();
    Sequencer s = Sequencer.fast(EventSink.DISCARD);
    s.apply(new Command.ListMarket(WorkloadGenerator.spec(0)));
    s.apply(new Command.OraclePrice(0, 0, MID, 0));
    for (int a = 1; a <= ACCOUNTS; a++) {
      s.apply(new Command.Deposit(a, 1_000_000_000_000L, new AccountKey(0, 0, 0, a)));
    }
    long funded = heapAfterGc();
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < orders; i++) {
      boolean buy = random.nextBoolean();
      s.apply(
          Command.PlaceOrder.limit(
              1 + i % ACCOUNTS,
              0,
              i / ACCOUNTS,
              buy ? Side.BUY : Side.SELL,
              price(random, buy),
              1 + random.nextInt(10)));
    }
    long full = heapAfterGc();
    if (s.state().market(0).book().size() != orders) {
      throw new IllegalStateException("orders did not all rest");
    }
    double sablePerOrder = (double) (full - funded) / orders;
    long sableHeap = full - empty;
    s = null;

    long before = heapAfterGc();
    IOrderBook book = ExchangeCoreReplay.emptyBook();
    random = new SplittableRandom(17);
    for (int i = 0; i < orders; i++) {
      boolean buy = random.nextBoolean();
      long price = price(random, buy);
      IOrderBook.processCommand(
          book,
          OrderCommand.newOrder(
              OrderType.GTC,
              i + 1,
              1 + i % ACCOUNTS,
              price,
              price,
              1 + random.nextInt(10),
              buy ? OrderAction.BID : OrderAction.ASK));
    }
    long after = heapAfterGc();
    if (book.getOrdersNum(OrderAction.BID) + book.getOrdersNum(OrderAction.ASK) != orders) {
      throw new IllegalStateException("exchange-core's orders did not all rest");
    }
    return new Result(orders, sablePerOrder, sableHeap, (double) (after - before) / orders);
  }

  private static long price(SplittableRandom random, boolean buy) {
    return MID + (buy ? -1 : 1) * (1 + random.nextLong(SPREAD));
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
