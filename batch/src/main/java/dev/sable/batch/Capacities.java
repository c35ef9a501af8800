package dev.sable.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The slot counts of one compiled settlement circuit (Go ledger.Capacities); a batch uses at most
 * these, and unused slots are no-ops. Each capacity names a different circuit with its own keys.
 *
 * @param markets market table rows (every market the batch reads or writes)
 * @param oracles signed oracle prices
 * @param accounts account table rows (every account the batch changes)
 * @param deposits deposits from L1's queue (at most 248: the refund bits fill one element)
 * @param orders order table rows (each signed order the batch fills, once)
 * @param trades fills
 * @param withdrawals signed withdrawals
 * @param steps liquidation steps (0: the circuit proves no liquidation)
 * @param requests forced withdrawal request slots (0: the circuit serves none)
 * @param options whether market rows may be option rows (docs/settlement.md, "Option markets")
 * @param ownerData the circuit publishes the owner-data section (a row per account row; false:
 *     none, the layout of the circuits made before it)
 * @param portfolio accounts may be portfolio-margined, checked at risk rows the batch commits to in
 *     one last public element (needs options; docs/settlement.md, "Portfolio margin in the
 *     circuit")
 * @param expiries expiry step slots (0: the circuit settles no expiry; needs options;
 *     docs/settlement.md, "Option expiry")
 * @param switches margin-mode switch slots (0: the circuit proves no switch; needs portfolio;
 *     docs/settlement.md, "The margin-mode switch")
 * @param blobs the owner rows go to this many EIP-4844 blobs ({@link #blobRowsPer} rows each, in
 *     row order) and the owner-data section holds a blob section per blob in their place (needs
 *     ownerData; 0: the rows are in the public data; docs/bridge.md, "Owner data in a blob" and
 *     "... several blobs per batch")
 */
public record Capacities(
    int markets,
    int oracles,
    int accounts,
    int deposits,
    int orders,
    int trades,
    int withdrawals,
    int steps,
    int requests,
    boolean options,
    boolean ownerData,
    boolean portfolio,
    int expiries,
    int switches,
    int blobs) {

  /** The smallest batch with every slot type (CI's real proofs). */
  public static final Capacities TINY = slots(1, 1, 2, 2, 2, 1, 1).build();

  /**
   * TINY with two liquidation steps, the smallest that proves the demo's sweeps: a liquidation that
   * ends in the fund's takeover of one position (a start and a takeover), or one unwind fill.
   */
  public static final Capacities TINY_L2 = TINY.toBuilder().steps(2).build();

  /**
   * TINY_L2 with one forced request slot (without owner data; the default adds it). With it a
   * forced request on the bridge is served by the next batch instead of freezing the bridge at its
   * deadline (with one listed market it meets {@link #requestRule}).
   */
  public static final Capacities TINY_L2_Q1 = TINY_L2.toBuilder().requests(1).build();

  /**
   * TINY_L2_Q1 with the owner-data section: the demo's and the node's default, so that every
   * changed account's leaf is on L1, encrypted to its owner (docs/bridge.md, "Owner data").
   */
  public static final Capacities TINY_L2_Q1_OWNER = TINY_L2_Q1.toBuilder().ownerData(true).build();

  /**
   * TINY_L2_Q1_OWNER with the owner rows in an EIP-4844 blob ({@code -owner-blob}): the node's
   * preset whose batches go to a SettlementBlobBridge as type-3 transactions carrying their blob,
   * so owner rows cost blob gas instead of calldata (docs/bridge.md, "Owner data in a blob").
   */
  public static final Capacities TINY_L2_Q1_OWNER_BLOB =
      TINY_L2_Q1_OWNER.toBuilder().blobs(1).build();

  /**
   * TINY_L2_Q1_OWNER_BLOB with its two owner rows in two blobs ({@code -owner-blob2}, one row
   * each): the node's preset whose batches carry two blobs to a two-blob SettlementBlobBridge
   * (docs/bridge.md, "... several blobs per batch").
   */
  public static final Capacities TINY_L2_Q1_OWNER_BLOB2 =
      TINY_L2_Q1_OWNER.toBuilder().blobs(2).build();

  /**
   * TINY_L2_Q1_OWNER with 8 market rows: serves the forced requests of any genesis (an account
   * holds positions in at most {@link #POSITION_SLOTS} markets), so a node listing 2 to 64 markets
   * meets {@link #requestRule} (docs/node.md, "Forced withdrawal requests from L1").
   */
  public static final Capacities TINY_M8_L2_Q1_OWNER =
      TINY_L2_Q1_OWNER.toBuilder().markets(8).build();

  /**
   * TINY_L2_Q1_OWNER with option rows and a second market row (an option fill needs its row and its
   * underlying's): the demo's, with one option on its perpetual. Two rows keep the request rule for
   * two listed markets.
   */
  public static final Capacities TINY_L2_Q1_OPT_OWNER =
      TINY_L2_Q1_OWNER.toBuilder().markets(2).options(true).build();

  /**
   * TINY_L2_Q1_OPT_OWNER with two expiry step slots (-e2): a node at it proves an option's expiry
   * (both sides of a position settled in one batch; more holders spread over batches at the stored
   * settlement price). The demo keeps TINY_L2_Q1_OPT_OWNER: its option expires 30 days after the
   * run starts.
   */
  public static final Capacities TINY_L2_Q1_E2_OPT_OWNER =
      TINY_L2_Q1_OPT_OWNER.toBuilder().expiries(2).build();

  /**
   * TINY_L2_Q1_OPT_OWNER whose accounts may be portfolio-margined (-pm): the node's portfolio
   * preset. A forced request or a liquidation of a portfolio account is not proven yet
   * (docs/settlement.md, "Portfolio margin in the circuit").
   */
  public static final Capacities TINY_L2_Q1_OPT_PM_OWNER =
      TINY_L2_Q1_OPT_OWNER.toBuilder().portfolio(true).build();

  /**
   * TINY_L2_Q1_OPT_PM_OWNER with one margin-mode switch slot (-s1): the node's preset on which a
   * trader switches margin mode by a signed request (docs/settlement.md, "The margin-mode switch").
   */
  public static final Capacities TINY_L2_Q1_S1_OPT_PM_OWNER =
      TINY_L2_Q1_OPT_PM_OWNER.toBuilder().switches(1).build();

  /** The most markets an account holds positions in (its position slots). */
  public static final int POSITION_SLOTS = 8;

  /** A few of each (CI's solver tests, the vectors). */
  public static final Capacities SMALL = slots(2, 3, 4, 3, 4, 3, 2).build();

  /** SMALL with room for a liquidation sweep (liquidation.txt, Go ledger.Sweep). */
  public static final Capacities SWEEP = SMALL.toBuilder().accounts(6).steps(8).build();

  /** The smallest with every step kind over a few batches (Go ledger.TinySweep). */
  public static final Capacities TINY_SWEEP = slots(1, 1, 3, 1, 2, 1, 1).steps(4).build();

  /** SWEEP with three forced request slots (forced.txt, Go ledger.Forced). */
  public static final Capacities FORCED = SWEEP.toBuilder().requests(3).build();

  /** SWEEP with the owner-data section (ownerbatches.txt, Go ledger.Owner). */
  public static final Capacities OWNER = SWEEP.toBuilder().ownerData(true).build();

  /** TINY with the owner-data section (Go ledger.TinyOwner, the bridge's owner-data fixture). */
  public static final Capacities TINY_OWNER = TINY.toBuilder().ownerData(true).build();

  /** Elements of the owner-data section before its rows: two roots, two pools, E. */
  static final int OWNER_HEADER = 6;

  /** Elements of an owner-data row: 2^24 + account, the leaf, 11 encrypted fields. */
  static final int OWNER_ROW = 13;

  /** OWNER with the owner rows in a blob (blob.txt, Go ledger.Owner with Blob). */
  public static final Capacities OWNER_BLOB = OWNER.toBuilder().blobs(1).build();

  /**
   * TINY_OWNER with the owner rows in a blob (Go ledger.TinyOwnerBlob, the blob bridge's fixture).
   */
  public static final Capacities TINY_OWNER_BLOB = TINY_OWNER.toBuilder().blobs(1).build();

  /** SMALL with three market rows that may be option rows (options.txt, Go batchgen.Options). */
  public static final Capacities OPTIONS = SMALL.toBuilder().markets(3).options(true).build();

  /** OPTIONS with six expiry step slots (expiries.txt, Go batchgen.OptionExpiries). */
  public static final Capacities OPTION_EXPIRIES = OPTIONS.toBuilder().expiries(6).build();

  /** OPTIONS whose accounts may be portfolio-margined (pmbatches.txt, Go batchgen.Portfolio). */
  public static final Capacities PORTFOLIO = OPTIONS.toBuilder().portfolio(true).build();

  /** PORTFOLIO with two margin-mode switch slots (pmswitch.txt, Go batchgen.PortfolioSwitches). */
  public static final Capacities PORTFOLIO_SWITCHES = PORTFOLIO.toBuilder().switches(2).build();

  /** Header elements of the public data: chain, contract, number, time, roots, deposit range. */
  static final int PUBLIC_HEADER = 8;

  /** The most owner rows one blob holds: 4096 elements, OWNER_ROW per row (Go BlobRowLimit). */
  public static final int BLOB_ROW_LIMIT = Eip4844Blob.SIZE / OWNER_ROW;

  public Capacities {
    if (blobs < 0 || blobs > 0 && !ownerData) {
      throw new IllegalArgumentException("a blob section needs the owner-data section: " + this);
    }
    // (the compact constructor sees its parameters, not yet the fields blobRowsPer() reads)
    if (blobs > 0 && rowsPer(accounts, blobs) > BLOB_ROW_LIMIT) {
      throw new IllegalArgumentException(
          String.format(
              "%d account rows in %d blobs: %d rows per blob, a blob holds %d",
              accounts, blobs, rowsPer(accounts, blobs), BLOB_ROW_LIMIT));
    }
    if (blobs > 0 && (blobs - 1) * rowsPer(accounts, blobs) >= accounts) {
      throw new IllegalArgumentException(
          String.format(
              "%d account rows in %d blobs: the last blob would hold no row", accounts, blobs));
    }
    if (expiries < 0 || (expiries > 0 && !options)) {
      throw new IllegalArgumentException("expiry steps need option rows: " + this);
    }
    if (portfolio && !options) {
      throw new IllegalArgumentException("portfolio margin needs option rows");
    }
    if (switches < 0 || switches > 0 && !portfolio) {
      throw new IllegalArgumentException("switch slots need portfolio margin: " + this);
    }
    if (steps < 0 || requests < 0) {
      throw new IllegalArgumentException("negative step or request capacity: " + this);
    }
    if (markets < 1
        || oracles < 1
        || accounts < 1
        || deposits < 1
        || orders < 1
        || trades < 1
        || withdrawals < 1) {
      throw new IllegalArgumentException("every capacity is at least 1: " + this);
    }
    if (deposits > 248) {
      throw new IllegalArgumentException(
          "deposit capacity " + deposits + " above 248 (the refund bits fill one element)");
    }
  }

  /**
   * A builder from the seven slot counts every circuit has, with no liquidation step, request,
   * expiry or switch slot, no option rows, no owner-data section and no portfolio margin; set those
   * on it.
   */
  public static Builder slots(
      int markets,
      int oracles,
      int accounts,
      int deposits,
      int orders,
      int trades,
      int withdrawals) {
    return new Builder(markets, oracles, accounts, deposits, orders, trades, withdrawals);
  }

  /** A builder holding these capacities, to make a variant of them. */
  public Builder toBuilder() {
    return slots(markets, oracles, accounts, deposits, orders, trades, withdrawals)
        .steps(steps)
        .requests(requests)
        .options(options)
        .ownerData(ownerData)
        .portfolio(portfolio)
        .expiries(expiries)
        .switches(switches)
        .blobs(blobs);
  }

  /** Whether the owner rows are in blobs (a {@code -owner-blob} circuit, one blob or more). */
  public boolean blob() {
    return blobs > 0;
  }

  /**
   * Owner rows in each blob but the last (which may hold fewer): accounts / blobs rounded up, so
   * row r is in blob r / blobRowsPer() (Go Capacities.BlobRowsPer).
   */
  public int blobRowsPer() {
    return rowsPer(accounts, blobs);
  }

  /** Owner rows in each blob but the last when {@code accounts} rows fill {@code blobs} blobs. */
  public static int blobRowsPer(int accounts, int blobs) {
    return rowsPer(accounts, blobs);
  }

  /**
   * The owner rows' elements ({@code OWNER_ROW} per account row, all of them) split into each
   * blob's data, in blob order (Go ledger.BlobParts).
   */
  public <T> List<List<T>> blobParts(List<T> rows) {
    return split(rows, OWNER_ROW * blobRowsPer(), blobs);
  }

  /**
   * {@link #blobParts} of all the owner rows' elements of a batch ({@code OWNER_ROW} per account
   * row) in {@code blobs} blobs, where only the count is known (a submission's record).
   *
   * @throws IllegalArgumentException if the elements are not whole rows, or the rows do not fill
   *     that many blobs
   */
  public static <T> List<List<T>> blobParts(List<T> rows, int blobs) {
    int accounts = rows.size() / OWNER_ROW;
    if (blobs < 1
        || rows.size() % OWNER_ROW != 0
        || (blobs - 1) * rowsPer(accounts, blobs) >= accounts) {
      throw new IllegalArgumentException(
          String.format(
              "%d owner row elements (%d per row) do not fill %d blobs",
              rows.size(), OWNER_ROW, blobs));
    }
    return split(rows, OWNER_ROW * rowsPer(accounts, blobs), blobs);
  }

  private static <T> List<List<T>> split(List<T> rows, int per, int blobs) {
    List<List<T>> parts = new ArrayList<>(blobs);
    for (int j = 0; j < blobs; j++) {
      parts.add(rows.subList(Math.min(per * j, rows.size()), Math.min(per * (j + 1), rows.size())));
    }
    return parts;
  }

  private static int rowsPer(int accounts, int blobs) {
    return (accounts + blobs - 1) / blobs;
  }

  /**
   * Whether these capacities can serve every forced request a bridge may queue, given how many
   * markets are listed at genesis (docs/settlement.md, "Capacity hazard"). A request the circuit
   * cannot serve lets anyone freeze the bridge at its deadline, so a circuit with request slots
   * needs a market row for every market the request's account can hold (at most {@value
   * #POSITION_SLOTS}, at most the listed ones) and an account row for it beside the fund's (row 0
   * when the circuit has liquidation steps).
   *
   * @return empty when the rule holds (always without request slots), else why not, in one line
   */
  public Optional<String> requestRule(int listedMarkets) {
    if (requests == 0) {
      return Optional.empty();
    }
    int marketsNeeded = Math.min(POSITION_SLOTS, listedMarkets);
    if (markets < marketsNeeded) {
      return Optional.of(
          String.format(
              "%s has %d market rows, but with %d markets listed an account's forced request can"
                  + " need %d: such a request could not be served and would let anyone freeze the"
                  + " bridge",
              circuitName(), markets, listedMarkets, marketsNeeded));
    }
    int accountsNeeded = steps > 0 ? 2 : 1;
    if (accounts < accountsNeeded) {
      return Optional.of(
          String.format(
              "%s has %d account rows, a forced request needs %d (its account%s)",
              circuitName(), accounts, accountsNeeded, steps > 0 ? " and the fund's row 0" : ""));
    }
    return Optional.empty();
  }

  /**
   * The circuit's catalog name (Go settlement.Name), e.g. settlement-m1-k1-a2-d2-o2-t1-w1, with
   * "-l&lt;steps&gt;" only when it has liquidation steps, "-q&lt;requests&gt;" only when it has
   * request slots, "-e&lt;expiries&gt;" only when it has expiry step slots, "-s&lt;switches&gt;"
   * only when it has margin-mode switch slots, "-opt" only when it has option rows, "-pm" only when
   * its accounts may be portfolio-margined, "-owner" only when it has the owner-data section and
   * "-owner-blob" when its owner rows are in a blob ("-owner-blob&lt;k&gt;" in k &gt; 1 blobs).
   */
  public String circuitName() {
    String name =
        String.format(
            "settlement-m%d-k%d-a%d-d%d-o%d-t%d-w%d",
            markets, oracles, accounts, deposits, orders, trades, withdrawals);
    name = steps > 0 ? name + "-l" + steps : name;
    name = requests > 0 ? name + "-q" + requests : name;
    name = expiries > 0 ? name + "-e" + expiries : name;
    name = switches > 0 ? name + "-s" + switches : name;
    name = options ? name + "-opt" : name;
    name = portfolio ? name + "-pm" : name;
    name = ownerData ? name + "-owner" : name;
    return blobs == 0 ? name : blobs == 1 ? name + "-blob" : name + "-blob" + blobs;
  }

  /**
   * Elements of the public data: header, 3 per deposit, the refund bits, withdrawals, markets,
   * liquidation steps, then (with request slots) the request section: first queue index, count, 5
   * per slot, 1 payment per slot, then (with ownerData) the owner-data section: OWNER_HEADER
   * elements and OWNER_ROW per account row (with blobs: the {@link BlobSection#LENGTH} elements of
   * each blob's section instead), then (with portfolio) the risk-array commitment.
   */
  public int publicDataLength() {
    int rows = blobs > 0 ? BlobSection.LENGTH * blobs : OWNER_ROW * accounts;
    return ownerDataAt() + (ownerData ? OWNER_HEADER + rows : 0) + (portfolio ? 1 : 0);
  }

  /** Offset of the owner-data section (the end of the public data without one). */
  int ownerDataAt() {
    return requestsAt() + (requests == 0 ? 0 : 2 + 6 * requests);
  }

  /** Offset of the request section (the end of the public data without one). */
  int requestsAt() {
    return marketsAt() + markets + steps;
  }

  /** Offset of the market rows: after the header, the deposits, the refund bits, withdrawals. */
  public int marketsAt() {
    return PUBLIC_HEADER + 3 * deposits + 1 + withdrawals;
  }

  /** Capacities under construction: {@link #build} checks them as the constructor does. */
  public static final class Builder {
    private int markets;
    private final int oracles;
    private int accounts;
    private final int deposits;
    private final int orders;
    private final int trades;
    private final int withdrawals;
    private int steps;
    private int requests;
    private boolean options;
    private boolean ownerData;
    private boolean portfolio;
    private int expiries;
    private int switches;
    private int blobs;

    private Builder(
        int markets,
        int oracles,
        int accounts,
        int deposits,
        int orders,
        int trades,
        int withdrawals) {
      this.markets = markets;
      this.oracles = oracles;
      this.accounts = accounts;
      this.deposits = deposits;
      this.orders = orders;
      this.trades = trades;
      this.withdrawals = withdrawals;
    }

    public Builder markets(int markets) {
      this.markets = markets;
      return this;
    }

    public Builder accounts(int accounts) {
      this.accounts = accounts;
      return this;
    }

    public Builder steps(int steps) {
      this.steps = steps;
      return this;
    }

    public Builder requests(int requests) {
      this.requests = requests;
      return this;
    }

    public Builder options(boolean options) {
      this.options = options;
      return this;
    }

    public Builder ownerData(boolean ownerData) {
      this.ownerData = ownerData;
      return this;
    }

    public Builder portfolio(boolean portfolio) {
      this.portfolio = portfolio;
      return this;
    }

    public Builder expiries(int expiries) {
      this.expiries = expiries;
      return this;
    }

    public Builder switches(int switches) {
      this.switches = switches;
      return this;
    }

    public Builder blobs(int blobs) {
      this.blobs = blobs;
      return this;
    }

    public Capacities build() {
      return new Capacities(
          markets,
          oracles,
          accounts,
          deposits,
          orders,
          trades,
          withdrawals,
          steps,
          requests,
          options,
          ownerData,
          portfolio,
          expiries,
          switches,
          blobs);
    }
  }
}
