package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.CompiledSettlement;
import dev.sable.batch.ForcedRequest;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SignedOrder;
import dev.sable.batch.sample.SampleWorld;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OrderMessage;
import dev.sable.prover.WitnessCheck;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.OptionTerms;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.MarketParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A sequencer and a settlement state that start together: the sample world's genesis (markets with
 * its default parameters and three oracle sources each, Go batchgen's keys) and the same markets
 * listed in the sequencer. Commands go through the sequencer with their evidence (signed by the
 * sample world's keys), then through the {@link SettlementBatcher}; the sealed batches collect in
 * {@link #sealed}, and {@link #buildAll} builds and commits them.
 */
final class SequencedWorld {
  static final int SOURCES = SampleWorld.SOURCES;

  /**
   * Small with room for the random streams' liquidation sweeps (24 steps): what the property test
   * and its guard use.
   */
  static final Capacities LIQUIDATING = Capacities.slots(2, 3, 6, 3, 4, 3, 2).steps(24).build();

  final SampleWorld world;
  final Sequencer sequencer;
  final SettlementBatcher batcher;
  final List<SealedBatch> sealed = new ArrayList<>();

  /** A command applied and its evidence. */
  record Applied(Command command, Evidence evidence) {}

  /** Every command applied, in order (the world's journal). */
  final List<Applied> log = new ArrayList<>();

  SettlementBatch lastBuilt;
  private final List<Event> events = new ArrayList<>();
  private final Map<Long, OrderMessage> placed = new HashMap<>(); // (account << 32 | client id)
  private long sequence;
  private long queueIndex;
  private long requestIndex;
  private final Map<Long, KeyPoint> keys = new HashMap<>(); // each account's key, once credited
  private Consumer<List<Event>> listener = events -> {};

  SequencedWorld(Capacities caps, long maxAge, int markets) {
    this(caps, maxAge, new SampleWorld(caps, ids(markets)), perpetuals(markets));
  }

  private static long[] ids(int markets) {
    long[] ids = new long[markets];
    for (int m = 0; m < markets; m++) {
      ids[m] = m;
    }
    return ids;
  }

  private static List<Command> perpetuals(int markets) {
    List<Command> listings = new ArrayList<>();
    for (int m = 0; m < markets; m++) {
      listings.add(new Command.ListMarket(spec(m, SampleWorld.defaultParams())));
    }
    return listings;
  }

  private SequencedWorld(Capacities caps, long maxAge, SampleWorld world, List<Command> listings) {
    this.world = world;
    sequencer = new Sequencer(ArrayOrderBook::new, events::add, false);
    batcher = new SettlementBatcher(caps, sequencer.state(), world.state(), maxAge);
    listings.forEach(c -> apply(c, Evidence.NONE));
  }

  /**
   * An option's parameters: the sample perpetual's, with maxPrice the underlying's (2^21) times the
   * contract size 1 rounded up to the tick, as the sequencer's listing rule asks.
   */
  static final MarketParams OPTION_PARAMS =
      new MarketParams(10, 100, 100_000, 50_000, -100, 500, 1L << 40, 2_097_160, 60, 3600, 2000);

  /** Perpetual market 0 and option market 1 on it, listed at genesis in both. */
  static SequencedWorld withOption(Capacities caps, OptionTerms option) {
    return withOption(caps, option, option);
  }

  /**
   * As {@link #withOption(Capacities, OptionTerms)}, the sequencer listing the option as listed.
   */
  static SequencedWorld withOption(Capacities caps, OptionTerms option, OptionTerms listed) {
    SampleWorld world =
        new SampleWorld(
            caps,
            List.of(
                SampleWorld.markets(0).get(0),
                SampleWorld.optionMarket(1, OPTION_PARAMS, SettlementMarkets.terms(option))));
    return new SequencedWorld(
        caps,
        Long.MAX_VALUE,
        world,
        List.of(
            new Command.ListMarket(spec(0, SampleWorld.defaultParams())),
            new Command.ListOption(spec(1, OPTION_PARAMS), listed)));
  }

  /** Every volatility source of the option at volPpm, now, each record signed by its source. */
  void volatility(long market, long volPpm) {
    for (int s = 0; s < SOURCES; s++) {
      apply(
          new Command.VolatilityPrice((int) market, s, volPpm, now()),
          new Evidence.PriceSignature(world.volatility(market, s, volPpm, now())));
    }
  }

  SequencedWorld(Capacities caps) {
    this(caps, Long.MAX_VALUE, 2);
  }

  /** The sequencer's spec of a genesis market: the same parameters, three sources. */
  static MarketSpec spec(int m, MarketParams p) {
    return new MarketSpec(
        "M" + m,
        p.tickSize(),
        p.lotSize(),
        p.initialMarginPpm(),
        p.maintenanceMarginPpm(),
        p.makerFeePpm(),
        p.takerFeePpm(),
        p.maxPosition(),
        p.maxPrice(),
        SOURCES,
        p.oracleStaleness(),
        p.fundingInterval(),
        p.fundingClampPpm(),
        1_000);
  }

  ExchangeState state() {
    return sequencer.state();
  }

  long now() {
    return state().now();
  }

  /** Applies a command with its evidence; returns its events. */
  List<Event> apply(Command c, Evidence e) {
    log.add(new Applied(c, e));
    events.clear();
    sequencer.apply(c);
    List<Event> out = List.copyOf(events);
    sealed.addAll(batcher.accept(++sequence, c, e, out));
    listener.accept(out);
    return out;
  }

  /** Also hands every command's events to {@code l}. */
  void onEvents(Consumer<List<Event>> l) {
    listener = l;
  }

  /** A deposit of the next queue record, under the trader's key (or the given one). */
  List<Event> deposit(long account, long amount, KeyPoint key) {
    Evidence.QueueRecord record =
        new Evidence.QueueRecord(
            queueIndex++, Fr.ofLong(0xD000 + account), key, Fr.ofLong(0xB11D0000L + account));
    List<Event> out =
        apply(new Command.Deposit((int) account, amount, AccountKeys.of(key)), record);
    if (out.stream().anyMatch(Event.Deposited.class::isInstance)) {
      keys.putIfAbsent(account, key);
    }
    return out;
  }

  /**
   * The next forced withdrawal request of L1's queue, with the verdict the node journals: whether
   * the account's key (as credited so far) signed it.
   */
  List<Event> force(ForcedRequest r) {
    var m = r.message();
    KeyPoint key = keys.get(m.accountIndex());
    boolean signed = key != null && world.signs(key, r);
    return apply(
        new Command.ForcedWithdrawal((int) m.accountIndex(), m.amount(), m.nonce(), signed),
        new Evidence.RequestRecord(requestIndex++, r));
  }

  /** A request of the account for at most {@code maxAmount}, signed for its nonce now. */
  List<Event> force(long account, long maxAmount) {
    Account a = state().account((int) account);
    return force(world.forcedRequest(account, maxAmount, a == null ? 0 : a.nonce()));
  }

  List<Event> deposit(long account, long amount) {
    return deposit(account, amount, KeyPoint.of(world.trader(account).publicKey()));
  }

  /** An order signed by its account, placed. */
  List<Event> place(OrderMessage o) {
    placed.put(o.accountIndex() << 32 | o.clientOrderId(), o);
    Command.PlaceOrder c = OrderCommands.place(o);
    return apply(c, new Evidence.OrderSignature(world.sign(o)));
  }

  /** A GTC limit order of the account in the market. */
  List<Event> limit(long account, long market, long id, long side, long price, long qty) {
    return place(new OrderMessage(account, market, id, side, 0, price, qty, 0, 0, 0));
  }

  /** Amends a placed order into the next client id of its fill slot, signing the new order. */
  List<Event> amend(long account, long clientOrderId, long price, long qty) {
    OrderMessage old = placed.get(account << 32 | clientOrderId);
    long next = clientOrderId + Account.FILL_SLOTS;
    OrderMessage o =
        new OrderMessage(
            account,
            old.marketId(),
            next,
            old.side(),
            old.type(),
            price,
            qty,
            old.reduceOnly(),
            old.expiry(),
            old.stp());
    placed.put(account << 32 | next, o);
    SignedOrder signed = world.sign(o);
    return apply(
        new Command.AmendOrder((int) account, clientOrderId, next, price, qty),
        new Evidence.OrderSignature(signed));
  }

  /** A withdrawal signed for the account's nonce in the sequencer. */
  List<Event> withdraw(long account, long amount) {
    Account a = state().account((int) account);
    long nonce = a == null ? 0 : a.nonce();
    return apply(
        new Command.Withdraw((int) account, amount, nonce),
        new Evidence.WithdrawalSignature(world.withdrawWithNonce(account, amount, nonce)));
  }

  /** The account's margin-mode switch under the request id, signed by its key. */
  List<Event> switchMode(long account, boolean portfolio, long requestId) {
    return apply(
        new Command.SetMarginMode((int) account, portfolio, requestId),
        new Evidence.SwitchSignature(world.marginSwitch(account, portfolio ? 1 : 0, requestId)));
  }

  /** A price of a source, published now. */
  List<Event> price(long market, int source, long price) {
    return apply(
        new Command.OraclePrice((int) market, source, price, now()),
        new Evidence.PriceSignature(world.price(market, source, price, now())));
  }

  /** Every source of the market at the price, now. */
  void prices(long market, long price) {
    for (int s = 0; s < SOURCES; s++) {
      price(market, s, price);
    }
  }

  List<Event> time(long now) {
    return apply(new Command.TimeTick(now), Evidence.NONE);
  }

  List<Event> funding(long market) {
    return apply(new Command.FundingTick((int) market), Evidence.NONE);
  }

  /** Seals the batch being filled, if it holds an operation. */
  void seal() {
    batcher.seal().ifPresent(sealed::add);
  }

  /**
   * What differs between the sequencer and the settlement state (call it with every batch built):
   * each account's collateral, nonce and positions (market, size, cost, funding index), the pools.
   * Empty when they agree.
   */
  List<String> differences() {
    List<String> out = new ArrayList<>();
    ExchangeState s = state();
    for (int id = 0; id < s.accountBound(); id++) {
      Account a = s.account(id);
      if (a == null) {
        continue;
      }
      var leaf = world.state().account(id);
      if (leaf.isEmpty()) {
        out.add("account " + id + " is not in the settlement state");
        continue;
      }
      if (leaf.get().collateral() != a.collateral() || leaf.get().nonce() != a.nonce()) {
        out.add("account " + id + ": " + leaf.get() + " vs collateral " + a.collateral());
      }
      if ((leaf.get().mode() != 0) != a.portfolioMargin()) {
        out.add("account " + id + ": mode " + leaf.get().mode() + " vs " + a.portfolioMargin());
      }
      Map<Long, String> positions = new HashMap<>();
      for (var slot : leaf.get().slots()) {
        if (!slot.isEmpty()) {
          positions.put(slot.market(), slot.size() + "/" + slot.cost() + "/" + slot.fundingIndex());
        }
      }
      for (int m = 0; m < s.marketCount(); m++) {
        String expected =
            a.size(m) == 0 ? null : a.size(m) + "/" + a.cost(m) + "/" + a.fundingIndex(m);
        if (!java.util.Objects.equals(expected, positions.get((long) m))) {
          out.add(
              "account "
                  + id
                  + " market "
                  + m
                  + ": "
                  + positions.get((long) m)
                  + " vs "
                  + expected);
        }
      }
    }
    var header = world.state().header();
    if (header.feePool() != s.feePool() || header.fundingPool() != s.fundingPool()) {
      out.add("pools: " + header + " vs " + s.feePool() + "/" + s.fundingPool());
    }
    return out;
  }

  /** Builds and commits every sealed batch not built yet; returns them. */
  List<BuiltBatch> buildAll() {
    List<BuiltBatch> out = new ArrayList<>();
    for (SealedBatch s : sealed) {
      out.add(world.apply(s.batch()));
      lastBuilt = s.batch();
    }
    sealed.clear();
    return out;
  }

  /**
   * Seals the open batch, builds every sealed batch, checks that the compiled circuit accepts each
   * one's witness and that the settlement state ends equal to the sequencer's; the built batches.
   */
  List<BuiltBatch> provenAll(CompiledSettlement circuit) {
    seal();
    List<BuiltBatch> built = buildAll();
    for (BuiltBatch b : built) {
      assertThat(circuit.check(b.gnarkWitness()))
          .as("batch %d", b.number())
          .isEqualTo(new WitnessCheck(""));
    }
    assertThat(differences()).as("sequencer and settlement state").isEmpty();
    return built;
  }
}
