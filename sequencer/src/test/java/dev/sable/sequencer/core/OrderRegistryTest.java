package dev.sable.sequencer.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.TestExchange;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderRegistryTest {
  private final List<Event> events = new ArrayList<>();
  private final ExchangeCore core = new ExchangeCore(ArrayOrderBook::new, events::add);
  private final OrderRegistry registry = core.orders();
  private final Market m = core.markets().list(TestExchange.spec(0, 0));
  private final Account a;

  OrderRegistryTest() {
    a = core.state().createAccount(1, TestExchange.key(1));
    events.clear();
  }

  /** A GTC order for client id 5 at 100, expiring at 50. */
  private static Command.PlaceOrder expiringAt50(Side side, long quantity) {
    return new Command.PlaceOrder(
        1, 0, 5, side, OrderType.GTC, 100, quantity, false, 50, StpMode.CANCEL_TAKER);
  }

  @Test
  void reRestingOrRequeueingAnAmendedOrderKeepsOneExpiryEntry() {
    long id = registry.newOrderId(m);
    registry.rest(m, a, id, expiringAt50(Side.BUY, 3), 3);
    assertThat(registry.queuedExpiries()).isEqualTo(1);

    for (long price = 101; price <= 103; price++) {
      registry.unrest(m, id);
      registry.restAgain(m, a, new OrderTerms(id, 5, true, price, 0, 50), 4);
    }
    registry.requeue(m, a, id, 5, 104, 4);
    assertThat(m.book().price(id)).isEqualTo(104);
    assertThat(registry.queuedExpiries()).isEqualTo(1);

    registry.expire(49);
    assertThat(events).isEmpty();
    registry.expire(50);
    assertThat(events)
        .containsExactly(new Event.OrderCancelled(1, m.id(), id, 5, 4, CancelReason.EXPIRED));
    assertThat(m.book().contains(id)).isFalse();
    assertThat(registry.queuedExpiries()).isZero();
  }

  @Test
  void entriesOfCancelledOrdersArePrunedAtTheirExpiry() {
    long id = registry.newOrderId(m);
    registry.rest(m, a, id, expiringAt50(Side.SELL, 3), 3);
    registry.cancel(m, id, CancelReason.USER);
    events.clear();
    assertThat(registry.queuedExpiries()).isEqualTo(1);

    registry.expire(50);
    assertThat(events).isEmpty();
    assertThat(registry.queuedExpiries()).isZero();
  }
}
