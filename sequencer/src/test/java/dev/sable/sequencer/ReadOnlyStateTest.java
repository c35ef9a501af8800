package dev.sable.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.core.OrderBook;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * What the sequencer hands out cannot change its state: the fields are not public (checked by
 * {@link EngineRules#NO_PUBLIC_STATE}), the mutators (a book's included) are package-private to the
 * core, and the market list is an unmodifiable view.
 */
class ReadOnlyStateTest {
  private final TestExchange x = new TestExchange();

  @Test
  void aBooksMutatorsAreNotVisibleOutsideTheCore() throws NoSuchMethodException {
    Method[] mutators = {
      OrderBook.class.getDeclaredMethod(
          "add",
          long.class,
          int.class,
          long.class,
          boolean.class,
          long.class,
          long.class,
          int.class,
          long.class),
      OrderBook.class.getDeclaredMethod("remove", long.class),
      OrderBook.class.getDeclaredMethod("setQuantity", long.class, long.class)
    };
    for (Method m : mutators) {
      assertThat(Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()))
          .as(m.getName())
          .isFalse();
    }
    int m = x.feelessMarket(100);
    x.deposit(1, 1_000_000);
    x.limit(1, m, 1, Side.BUY, 99, 5);
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
