package dev.sable.batch.sample;

import dev.sable.batch.BatchBuilder;
import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.Close;
import dev.sable.batch.Deposit;
import dev.sable.batch.ForcedRequest;
import dev.sable.batch.MarginSwitch;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SettlementMath;
import dev.sable.batch.SignedOrder;
import dev.sable.batch.SignedPrice;
import dev.sable.batch.Trade;
import dev.sable.batch.Withdrawal;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OraclePriceMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.MarketParams;
import dev.sable.state.settlement.OptionTerms;
import dev.sable.state.settlement.SettlementState;
import dev.sable.state.store.InMemoryKeyValueStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A settlement state in memory with the keys that act in it, for tests, benchmarks and demos (the
 * Java twin of Go's batchgen.World): markets listed with three oracle sources each, traders and
 * sources whose keys derive from fixed labels (Go's), and helpers that sign orders, prices and
 * withdrawals. Its keys are public by construction: never use them for real accounts.
 */
public final class SampleWorld {
  /** The deployment the sample batches are signed for (anvil's chain id). */
  public static final Deployment DEPLOYMENT = new Deployment(31337, Fr.ofLong(0x5AB1EB41D6EL));

  /** Oracle sources per listed market. */
  public static final int SOURCES = 3;

  private final Deployment deployment;
  private final SettlementState state;
  private final BatchBuilder builder;
  private final Map<Long, EdDsaPrivateKey> traders = new HashMap<>();
  private final Map<Long, Long> pendingWithdrawals = new HashMap<>();

  /** A world at genesis with these markets listed, signing for {@link #DEPLOYMENT}. */
  public SampleWorld(Capacities capacities, long... marketIds) {
    this(DEPLOYMENT, capacities, marketIds);
  }

  /** A world at genesis with these markets listed, signing for a deployment (a real bridge). */
  public SampleWorld(Deployment deployment, Capacities capacities, long... marketIds) {
    this(deployment, capacities, markets(marketIds));
  }

  /** A world at genesis with these market leaves listed (perpetuals and options). */
  public SampleWorld(Capacities capacities, List<MarketLeafV2> markets) {
    this(DEPLOYMENT, capacities, markets);
  }

  private SampleWorld(Deployment deployment, Capacities capacities, List<MarketLeafV2> markets) {
    this.deployment = deployment;
    this.state = SettlementState.genesis(new InMemoryKeyValueStore(), deployment, markets);
    this.builder =
        new BatchBuilder(capacities, capacities.ownerData() ? sampleOwnerSecret() : null);
  }

  /** The owner-data secret of sample worlds at capacities with the owner-data section: public. */
  private static byte[] sampleOwnerSecret() {
    return "sable sample owner-data secret".getBytes(StandardCharsets.US_ASCII);
  }

  /** The sample markets as listed at genesis: default parameters, three oracle sources each. */
  public static List<MarketLeafV2> markets(long... marketIds) {
    List<MarketLeafV2> markets = new ArrayList<>();
    for (long id : marketIds) {
      markets.add(MarketLeafV2.listed(id, defaultParams(), oracleKeys(id)));
    }
    return markets;
  }

  /** An option market as listed at genesis: its parameters and terms, three sources. */
  public static MarketLeafV2 optionMarket(long id, MarketParams params, OptionTerms terms) {
    return MarketLeafV2.listedOption(id, params, oracleKeys(id), terms);
  }

  private static List<KeyPoint> oracleKeys(long id) {
    List<KeyPoint> keys = new ArrayList<>();
    for (int s = 0; s < SOURCES; s++) {
      keys.add(KeyPoint.of(oracle(id, s).publicKey()));
    }
    return keys;
  }

  /**
   * A perpetual's parameters (Go batchgen.DefaultParams): tick 10, lot 100, initial margin 10%,
   * maintenance 5%, maker rebate 0.01%, taker fee 0.05%, positions up to 2^40, prices up to 2^21,
   * oracle records fresh for 60, funding every 3600 within 0.2%.
   */
  public static MarketParams defaultParams() {
    return new MarketParams(
        10, 100, 100_000, 50_000, -100, 500, 1L << 40, 1L << 21, 60, 3600, 2000);
  }

  /**
   * A key derived from a label (deterministic, public): the seed is SHA-256 of "sable-batchgen:"
   * and the label, as Go's batchgen derives its keys, so both sides sign with the same keys.
   */
  public static EdDsaPrivateKey key(String label) {
    try {
      return EdDsaPrivateKey.fromSeed(
          MessageDigest.getInstance("SHA-256")
              .digest(("sable-batchgen:" + label).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public SettlementState state() {
    return state;
  }

  public BatchBuilder builder() {
    return builder;
  }

  public EdDsaPrivateKey trader(long account) {
    return traders.computeIfAbsent(account, a -> key("trader-" + a));
  }

  public static EdDsaPrivateKey oracle(long market, int source) {
    return key("oracle-" + market + "-" + source);
  }

  /** An L1 deposit to an account under its trader's key. */
  public Deposit deposit(long account, long amount) {
    return new Deposit(
        account,
        amount,
        Fr.ofLong(0xD000 + account),
        KeyPoint.of(trader(account).publicKey()),
        Fr.ofLong(0xB11D0000L + account),
        false);
  }

  /** A GTC order without expiry, signed by its account's key. */
  public SignedOrder order(long account, long market, long id, long side, long price, long qty) {
    return sign(new OrderMessage(account, market, id, side, 0, price, qty, 0, 0, 0));
  }

  public SignedOrder sign(OrderMessage o) {
    return new SignedOrder(o, trader(o.accountIndex()).sign(o.hashV2(deployment)));
  }

  /** A fill at price with the market's full fees (the maker's rebate, the taker's fee). */
  public static Trade trade(SignedOrder maker, SignedOrder taker, long quantity, long price) {
    MarketParams p = defaultParams();
    return new Trade(
        maker,
        taker,
        quantity,
        price,
        SettlementMath.maxFee(quantity, price, p.makerFeePpm()).longValueExact(),
        SettlementMath.maxFee(quantity, price, p.takerFeePpm()).longValueExact());
  }

  /**
   * A close into the book (or an unwind) against a resting signed order at price, with the market's
   * full fees (the unsigned side pays the taker's).
   */
  public static Close close(SignedOrder maker, long quantity, long price) {
    Trade t = trade(maker, maker, quantity, price);
    return new Close(maker, quantity, price, t.makerFee(), t.takerFee());
  }

  /** A price signed by the market's source. */
  public SignedPrice price(long market, int source, long price, long publishTime) {
    OraclePriceMessage m = new OraclePriceMessage(market, source, price, publishTime);
    return new SignedPrice(m, oracle(market, source).sign(m.hash(deployment)));
  }

  /** An option market's volatility record (ppm per year) signed by its source over TAG_VOL. */
  public SignedPrice volatility(long market, int source, long volPpm, long publishTime) {
    OraclePriceMessage m = new OraclePriceMessage(market, source, volPpm, publishTime);
    return new SignedPrice(m, oracle(market, source).sign(m.volatilityHash(deployment)));
  }

  /** A withdrawal signed with the account's next nonce (its nonce plus those signed since). */
  public Withdrawal withdraw(long account, long amount) {
    long nonce =
        state.account(account).map(a -> a.nonce()).orElse(0L)
            + pendingWithdrawals.getOrDefault(account, 0L);
    pendingWithdrawals.merge(account, 1L, Long::sum);
    return withdrawWithNonce(account, amount, nonce);
  }

  public Withdrawal withdrawWithNonce(long account, long amount, long nonce) {
    WithdrawalMessage m =
        new WithdrawalMessage(account, amount, Fr.ofLong(0xE000 + account), nonce);
    return new Withdrawal(m, trader(account).sign(m.hashV2(deployment)));
  }

  /** The account's margin-mode switch (0 cross, 1 portfolio) under its request id, signed. */
  public MarginSwitch marginSwitch(long account, long mode, long requestId) {
    MarginModeMessage m = new MarginModeMessage(account, mode, requestId);
    return new MarginSwitch(m, trader(account).sign(m.hash(deployment)));
  }

  /**
   * A forced withdrawal request of the account for at most {@code maxAmount}, naming {@code nonce},
   * signed by the account's key, as the bridge would queue it.
   */
  public ForcedRequest forcedRequest(long account, long maxAmount, long nonce) {
    WithdrawalMessage m =
        new WithdrawalMessage(account, maxAmount, Fr.ofLong(0xF000 + account), nonce);
    return new ForcedRequest(m, trader(account).sign(m.forcedHash(deployment)));
  }

  /** Whether {@code key} signed the request for this world's deployment (the circuit's check). */
  public boolean signs(KeyPoint key, ForcedRequest request) {
    return request.signedBy(key, deployment);
  }

  /** Builds the next batch without changing the state. */
  public BuiltBatch build(SettlementBatch batch) {
    return builder.build(state, batch);
  }

  /** Builds the next batch and commits it. */
  public BuiltBatch apply(SettlementBatch batch) {
    BuiltBatch built = build(batch);
    state.commit(built.change());
    pendingWithdrawals.clear();
    return built;
  }
}
