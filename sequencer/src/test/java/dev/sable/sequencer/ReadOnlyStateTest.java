package dev.sable.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.book.OrderBook;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.core.Market;
import org.junit.jupiter.api.Test;

/**
 * What the sequencer hands out cannot change its state: the fields are not public (checked by
 * {@link EngineRules#NO_PUBLIC_STATE}), the mutators are package-private to the core, and the
 * collections and books come as read-only views.
 */
class ReadOnlyStateTest {
  private final TestExchange x = new TestExchange();

  @Test
  void aMarketsBookCannotBeCastBackToAWritableBook() {
    int m = x.feelessMarket(100);
    x.deposit(1, 1_000_000);
    x.limit(1, m, 1, Side.BUY, 99, 5);

    assertThat(x.seq.state().market(m).book()).isNotInstanceOf(OrderBook.class);
    assertThat(x.seq.state().market(m).book().size()).isEqualTo(1);
  }

  @Test
  void theMarketListIsUnmodifiable() {
    x.feelessMarket(100);
    Market first = x.seq.state().market(0);

    assertThatThrownBy(() -> x.seq.state().markets().add(first))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> x.seq.state().markets().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(x.seq.state().marketCount()).isEqualTo(1);
  }
}
