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
      a.size[m] = id * 100L + m;
      a.cost[m] = -(id * 1000L + m);
      a.fundingIndex[m] = m * 3L;
      a.openBuy[m] = m + 1;
      a.openSell[m] = id + 2L * m;
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
