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
}
