package dev.sable.sequencer.margin;

import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.Market;

/**
 * An account's fill-time sums over its markets other than the traded one ({@link
 * Margin#fillAllowed}): the exposure bound's terms and the positions' equity minus initial
 * requirement. Within one match only the traded market's row and the collateral of its accounts
 * change (no mark, funding index or other market moves), so the sums of one account, once made,
 * hold for its later fills of the same match. Whoever matches {@link #clear}s them when a match
 * starts; Margin sums afresh whenever they were made for another account or market.
 */
public final class FillSums {
  private int account = -1;
  private int market = -1;
  long exposure;
  long excess;
  boolean fits;

  /** Forgets the sums: the next check sums afresh. */
  public void clear() {
    account = -1;
  }

  boolean holds(Account a, Market m) {
    return account == a.id() && market == m.id();
  }

  void madeFor(Account a, Market m) {
    account = a.id();
    market = m.id();
  }
}
