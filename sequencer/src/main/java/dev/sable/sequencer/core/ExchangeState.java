package dev.sable.sequencer.core;

import dev.sable.sequencer.command.AccountKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * All state of the exchange, plus the set of accounts changed by the command being applied. Pools:
 * {@link #feePool()} holds fees net of rebates, {@link #fundingPool()} holds funding paid minus
 * funding received (the rounding dust of funding, plus amounts not yet settled by the receiving
 * side).
 *
 * <p>Everyone may read it; it changes only through the handles of its {@link ExchangeCore} (the
 * mutators are package-private), so a caller given the state cannot change it.
 */
public final class ExchangeState {
  /** Account ids are below this bound, so accounts live in a plain array. */
  public static final int MAX_ACCOUNTS = 1 << 22;

  /** Market ids fit the 64-bit active-market mask of an account. */
  public static final int MAX_MARKETS = 64;

  /**
   * Deposits may not take an account's collateral above 2^60 (about 1.15e18 base units), so
   * collateral + deposit never overflows. Collateral can still grow past it through realized PnL;
   * deposits to such an account are then refused.
   */
  public static final long MAX_COLLATERAL = 1L << 60;

  /**
   * Deposits may not take {@link #netDeposits} above 2^61: the money in the exchange, which every
   * collateral, pool and cost term of the conservation check is a share of, stays far from 2^63.
   */
  public static final long MAX_NET_DEPOSITS = 1L << 61;

  private final List<Market> markets = new ArrayList<>();
  private final List<Market> marketsView = Collections.unmodifiableList(markets);

  // The same markets in a plain array (null where none is listed): market(id) runs several times
  // per command, and this saves the list's bounds check and its backing array's indirection.
  private final Market[] byId = new Market[MAX_MARKETS];
  private Account[] accounts = new Account[1024];
  private int accountBound = 1;

  long now;
  long feePool;
  long fundingPool;

  /**
   * Deposits minus withdrawals: a net figure, so deposit/withdraw cycling does not grow it. It only
   * feeds the conservation check (it equals sum(collateral) - sum(cost) + pools).
   */
  long netDeposits;

  long orderSequence;

  /**
   * Counts changes of any market's mark or funding index ({@link MarketControl}): margin sums an
   * account keeps ({@link Account#keepSums}) hold only at the epoch they were made in.
   */
  long marketEpoch;

  private int[] changed = new int[16];
  private int changedCount;
  private int[] changedMark = new int[1024];
  private int commandNumber = 1;

  ExchangeState() {
    accounts[Account.INSURANCE_FUND] = new Account(Account.INSURANCE_FUND, AccountKey.NONE, this);
  }

  /** See {@link #marketEpoch}. */
  public long marketEpoch() {
    return marketEpoch;
  }

  /** The market of that id, or null. */
  public Market market(int id) {
    return id >= 0 && id < MAX_MARKETS ? byId[id] : null;
  }

  /** The listed markets by id (unmodifiable). */
  public List<Market> markets() {
    return marketsView;
  }

  public int marketCount() {
    return markets.size();
  }

  void addMarket(Market m) {
    byId[markets.size()] = m;
    markets.add(m);
  }

  /** Log time: the last {@code TimeTick}. */
  public long now() {
    return now;
  }

  public long feePool() {
    return feePool;
  }

  public long fundingPool() {
    return fundingPool;
  }

  public long netDeposits() {
    return netDeposits;
  }

  /** The account of that id, or null. */
  public Account account(int id) {
    return id >= 0 && id < accountBound ? accounts[id] : null;
  }

  public Account fund() {
    return accounts[Account.INSURANCE_FUND];
  }

  /** One more than the highest account id ever created. */
  public int accountBound() {
    return accountBound;
  }

  Account createAccount(int id, AccountKey key) {
    if (id >= accounts.length) {
      int n = Math.max(id + 1, accounts.length * 2);
      accounts = Arrays.copyOf(accounts, n);
      changedMark = Arrays.copyOf(changedMark, n);
    }
    Account a = new Account(id, key, this);
    accounts[id] = a;
    accountBound = Math.max(accountBound, id + 1);
    return a;
  }

  /** Order ids: a global sequence in the high bits, the market id in the low 6 bits. */
  long newOrderId(int market) {
    return (++orderSequence << 6) | market;
  }

  public static int marketOf(long orderId) {
    return (int) (orderId & (MAX_MARKETS - 1));
  }

  /** Records that an account's state changed in the current command. */
  void touch(int accountId) {
    if (changedMark[accountId] != commandNumber) {
      changedMark[accountId] = commandNumber;
      if (changedCount == changed.length) {
        changed = Arrays.copyOf(changed, changedCount * 2);
      }
      changed[changedCount++] = accountId;
    }
  }

  /** Starts a new command: the changed-account set becomes empty. */
  void beginCommand() {
    commandNumber++;
    changedCount = 0;
  }

  public int changedAccountCount() {
    return changedCount;
  }

  /** The i-th account changed by the last command, in order of first change. */
  public int changedAccount(int i) {
    return changed[i];
  }
}
