package dev.sable.sequencer.core;

import dev.sable.sequencer.command.AccountKey;

/**
 * Builds a state directly, for tests of code outside the core that reads one (the state hash). It
 * lives in the test sources: production code outside the core has no such access.
 */
public final class StateFixture {
  private final ExchangeState state = new ExchangeState();

  public StateFixture() {
    state.beginCommand();
  }

  public ExchangeState state() {
    return state;
  }

  /**
   * An account changed by the current command, with a position and open orders in markets 0 to
   * {@code markets - 1}, every value distinct.
   */
  public Account account(int id, int markets) {
    Account a = state.createAccount(id, new AccountKey(0, 0, 7, id));
    a.nonce = 3L * id;
    a.collateral = 1_000_000L * id + 7;
    a.ensureMarket(ExchangeState.MAX_MARKETS - 1);
    for (int m = 0; m < markets; m++) {
      a.set(m, Account.SIZE, id * 100L + m);
      a.set(m, Account.COST, -(id * 1000L + m));
      a.set(m, Account.FUNDING_INDEX, m * 3L);
      a.set(m, Account.OPEN_BUY, m + 1);
      a.set(m, Account.OPEN_SELL, id + 2L * m);
      a.refreshActive(m);
    }
    state.touch(id);
    return a;
  }

  public void pools(long feePool, long fundingPool, long now) {
    state.feePool = feePool;
    state.fundingPool = fundingPool;
    state.now = now;
  }

  /**
   * Adds one to the number an account's {@code word}-th recorded word holds (docs/sequencer.md,
   * "State hash"): 1 the collateral, 2 the nonce, {@code 4 + 5k + f} the f-th of the five numbers
   * of its k-th active market. The id (0) and the market mask (3) are not numbers to change.
   */
  public void nudge(int id, int word) {
    Account a = state.account(id);
    switch (word) {
      case 1 -> a.collateral++;
      case 2 -> a.nonce++;
      default -> {
        if (word < 4) {
          throw new IllegalArgumentException("word " + word + " is not a number");
        }
        long bits = a.activeMarkets();
        for (int k = (word - 4) / 5; k > 0; k--) {
          bits &= bits - 1;
        }
        int market = Long.numberOfTrailingZeros(bits);
        int field = (word - 4) % 5; // SIZE, COST, FUNDING_INDEX, OPEN_BUY, OPEN_SELL: 0 to 4
        a.set(market, field, a.get(market, field) + 1);
      }
    }
  }
}
