package dev.sable.bench;

import dev.sable.sequencer.command.Command;
import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import exchange.core2.core.orderbook.OrderBookEventsHelper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-market workload translated for exchange-core's {@link OrderBookDirectImpl} (its fastest
 * book, alone: no risk engine, no journal), replayed the way exchange-core's own order-book
 * benchmark does (each command copied into one reused {@link OrderCommand}). Places become GTC or
 * IOC orders (a market order is an IOC at its bound), cancels cancel, and amends, which in every
 * workload keep the quantity and change the price, become moves (the order is known by its new
 * client id from then on). Order ids are numbered in command order; the account is the user id.
 * Setup commands other than orders have no counterpart.
 */
public final class ExchangeCoreReplay {
  private static final CoreSymbolSpecification SYMBOL =
      CoreSymbolSpecification.builder()
          .symbolId(0)
          .type(SymbolType.FUTURES_CONTRACT)
          .baseScaleK(1)
          .quoteScaleK(1)
          .build();

  private final OrderCommand[] setup;
  private final OrderCommand[] commands;

  private ExchangeCoreReplay(OrderCommand[] setup, OrderCommand[] commands) {
    this.setup = setup;
    this.commands = commands;
  }

  /** Translates a workload of one market; refuses commands that have no exchange-core twin. */
  public static ExchangeCoreReplay of(MatchingWorkload workload) {
    Translator t = new Translator();
    List<OrderCommand> setup = new ArrayList<>();
    for (Command c : workload.setup()) {
      OrderCommand oc = t.translate(c);
      if (oc != null) {
        setup.add(oc);
      }
    }
    OrderCommand[] measured = new OrderCommand[workload.commands().length];
    for (int i = 0; i < measured.length; i++) {
      measured[i] = t.translate(workload.commands()[i]);
      if (measured[i] == null) {
        throw new IllegalArgumentException("no exchange-core twin: " + workload.commands()[i]);
      }
    }
    return new ExchangeCoreReplay(setup.toArray(OrderCommand[]::new), measured);
  }

  /** A fresh book holding the workload's resting orders. */
  public IOrderBook start() {
    IOrderBook book = emptyBook();
    replay(book, setup);
    return book;
  }

  /** An empty book of the kind the replays use. */
  static IOrderBook emptyBook() {
    return new OrderBookDirectImpl(
        SYMBOL,
        ObjectsPool.createDefaultTestPool(),
        OrderBookEventsHelper.NON_POOLED_EVENTS_HELPER,
        LoggingConfiguration.DEFAULT);
  }

  /** Applies the measured commands. */
  public void applyAll(IOrderBook book) {
    replay(book, commands);
  }

  public int size() {
    return commands.length;
  }

  private static void replay(IOrderBook book, OrderCommand[] list) {
    OrderCommand work = new OrderCommand();
    for (OrderCommand c : list) {
      c.writeTo(work);
      work.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
      work.matcherEvent = null;
      IOrderBook.processCommand(book, work);
    }
  }

  /** Sable commands to exchange-core commands, keeping (account, client id) to order id. */
  private static final class Translator {
    private final Map<Long, Long> orderIds = new HashMap<>();
    private long nextOrderId = 1;

    private static long key(int account, long clientOrderId) {
      return ((long) account << 40) ^ clientOrderId;
    }

    OrderCommand translate(Command c) {
      return switch (c) {
        case Command.PlaceOrder p -> place(p);
        case Command.CancelOrder x ->
            OrderCommand.cancel(orderId(x.account(), x.clientOrderId()), x.account());
        case Command.AmendOrder a -> amend(a);
        case Command.ListMarket l -> null;
        case Command.OraclePrice o -> null;
        case Command.Deposit d -> null;
        default -> throw new IllegalArgumentException("no exchange-core twin: " + c);
      };
    }

    private OrderCommand place(Command.PlaceOrder p) {
      if (p.market() != 0) {
        throw new IllegalArgumentException("exchange-core replays one market: " + p);
      }
      OrderType type =
          switch (p.type()) {
            case GTC -> OrderType.GTC;
            case IOC, MARKET -> OrderType.IOC;
            default -> throw new IllegalArgumentException("no exchange-core twin: " + p);
          };
      long id = nextOrderId++;
      orderIds.put(key(p.account(), p.clientOrderId()), id);
      OrderAction action = p.side().isBuy() ? OrderAction.BID : OrderAction.ASK;
      return OrderCommand.newOrder(
          type, id, p.account(), p.price(), p.price(), p.quantity(), action);
    }

    /** A move: the order keeps its exchange-core id, known from now on by its new client id. */
    private OrderCommand amend(Command.AmendOrder a) {
      long id = orderId(a.account(), a.clientOrderId());
      orderIds.remove(key(a.account(), a.clientOrderId()));
      orderIds.put(key(a.account(), a.newClientOrderId()), id);
      return OrderCommand.update(id, a.account(), a.price());
    }

    private long orderId(int account, long clientOrderId) {
      Long id = orderIds.get(key(account, clientOrderId));
      if (id == null) {
        throw new IllegalArgumentException(
            "order " + clientOrderId + " of account " + account + " was never placed");
      }
      return id;
    }
  }
}
