package dev.sable.sequencer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.TestExchange;
import dev.sable.sequencer.account.Account;
import dev.sable.sequencer.book.ArrayOrderBook;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.market.Market;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderRegistryTest {
  private final ExchangeState state = new ExchangeState();
  private final List<Event> events = new ArrayList<>();
  private final OrderRegistry registry = new OrderRegistry(state, events::add);
  private final Market m = new Market(0, TestExchange.spec(0, 0), new ArrayOrderBook());
  private final Account a;

  OrderRegistryTest() {
    state.markets.add(m);
    a = state.createAccount(1);
  }

  @Test
  void reRestingAnAmendedOrderKeepsOneExpiryEntry() {
    long id = state.newOrderId(m.id);
    registry.rest(m, a, id, 5, true, 100, 3, 0, 50, false);
    assertThat(registry.queuedExpiries()).isEqualTo(1);

    for (long price = 101; price <= 103; price++) {
      registry.unrest(m, id);
      registry.rest(m, a, id, 5, true, price, 4, 0, 50, true);
    }
    assertThat(registry.queuedExpiries()).isEqualTo(1);

    registry.expire(49);
    assertThat(events).isEmpty();
    registry.expire(50);
    assertThat(events)
        .containsExactly(new Event.OrderCancelled(1, m.id, id, 5, 4, CancelReason.EXPIRED));
    assertThat(m.book.contains(id)).isFalse();
    assertThat(registry.queuedExpiries()).isZero();
  }

  @Test
  void entriesOfCancelledOrdersArePrunedAtTheirExpiry() {
    long id = state.newOrderId(m.id);
    registry.rest(m, a, id, 5, false, 100, 3, 0, 50, false);
    registry.cancel(m, id, CancelReason.USER);
    events.clear();
    assertThat(registry.queuedExpiries()).isEqualTo(1);

    registry.expire(50);
    assertThat(events).isEmpty();
    assertThat(registry.queuedExpiries()).isZero();
  }
}
