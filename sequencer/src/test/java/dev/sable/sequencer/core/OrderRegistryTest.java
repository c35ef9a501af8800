package dev.sable.sequencer.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.TestExchange;
import dev.sable.sequencer.book.ArrayOrderBook;
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
    a = core.state().createAccount(1);
    events.clear();
  }

  /** A buy for client id 5 at {@code price}, expiring at 50. */
  private static OrderTerms buyExpiringAt50(long orderId, long price) {
    return new OrderTerms(orderId, 5, true, price, 0, 50);
  }

  @Test
  void reRestingAnAmendedOrderKeepsOneExpiryEntry() {
    long id = registry.newOrderId(m);
    registry.rest(m, a, buyExpiringAt50(id, 100), 3);
    assertThat(registry.queuedExpiries()).isEqualTo(1);

    for (long price = 101; price <= 103; price++) {
      registry.unrest(m, id);
      registry.restAgain(m, a, buyExpiringAt50(id, price), 4);
    }
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
    registry.rest(m, a, new OrderTerms(id, 5, false, 100, 0, 50), 3);
    registry.cancel(m, id, CancelReason.USER);
    events.clear();
    assertThat(registry.queuedExpiries()).isEqualTo(1);

    registry.expire(50);
    assertThat(events).isEmpty();
    assertThat(registry.queuedExpiries()).isZero();
  }
}
