package dev.sable.batch;

import dev.sable.batch.SettlementMath.FillEffect;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.options.VolatilityQuote;
import dev.sable.state.FillSlotLeaf;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.Mark;
import dev.sable.state.settlement.MarketParams;
import dev.sable.state.settlement.OracleRecord;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every settlement rule the builder checks, each in one place (docs/settlement.md; they mirror Go's
 * circuits/ledger, which mirrors the circuit). A broken rule is recorded with what broke it; the
 * builder refuses the batch with all of them before it writes anything. A malformed batch (a market
 * that is not listed, a second tick, a ninth position) is refused at once: {@link #fail}.
 */
final class SettlementRules {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final long batchNumber;
  private final long batchTime;
  private final Deployment deployment;
  private final List<RuleViolation> violations = new ArrayList<>();

  SettlementRules(long batchNumber, long batchTime, Deployment deployment) {
    this.batchNumber = batchNumber;
    this.batchTime = batchTime;
    this.deployment = deployment;
  }

  void violate(Rule rule, String format, Object... args) {
    violations.add(new RuleViolation(rule, String.format(format, args)));
  }

  /** Refuses a malformed batch at once. */
  SettlementRuleException fail(Rule rule, String format, Object... args) {
    violate(rule, format, args);
    return refusal();
  }

  /** Throws with every broken rule, if any. */
  void refuseIfBroken() {
    if (!violations.isEmpty()) {
      throw refusal();
    }
  }

  private SettlementRuleException refusal() {
    return new SettlementRuleException(batchNumber, violations);
  }

  /** A value the state must store as a long. */
  long int64(String what, BigInteger x) {
    if (x.compareTo(LONG_MIN) < 0 || x.compareTo(LONG_MAX) > 0) {
      violate(Rule.RANGE, "%s %s outside the 64-bit range", what, x);
    }
    return x.longValue();
  }

  void batchTime(long previous) {
    if (batchTime < previous) {
      violate(Rule.BATCH_TIME, "batch time %d before the previous batch's %d", batchTime, previous);
    }
  }

  /** A tick at the previous batch's time, with the mark at that time. */
  void fundingTick(MarketWork m, long rate, Mark markBefore, long previousTime) {
    MarketParams p = m.params();
    if (!markBefore.valid()) {
      violate(Rule.FUNDING_MARK, "market %d has no valid mark", m.id());
    }
    if (rate > p.fundingClampPpm() || -rate > p.fundingClampPpm()) {
      violate(Rule.FUNDING_CLAMP, "rate %d beyond the clamp %d", rate, p.fundingClampPpm());
    }
    if (m.funded && previousTime - m.lastFundingTime < p.fundingInterval()) {
      violate(
          Rule.FUNDING_INTERVAL,
          "market %d ticked at %d, last at %d, interval %d",
          m.id(),
          previousTime,
          m.lastFundingTime,
          p.fundingInterval());
    }
  }

  /**
   * A signed record of a market's source: a price of a perpetual, or the volatility of an option
   * market (over TAG_VOL, in the oracle's range).
   */
  void oraclePrice(MarketWork m, SignedPrice signed) {
    var o = signed.price();
    KeyPoint key = m.before.oracleKeys().get((int) o.source());
    boolean option = m.before.isOption();
    if (!verifies(key.validated(), o.hashFor(option, deployment), signed)) {
      violate(Rule.ORACLE_SIGNATURE, "market %d source %d", o.marketId(), o.source());
    }
    if (option
        && (o.price() < VolatilityQuote.MIN_VOL_PPM || o.price() > VolatilityQuote.MAX_VOL_PPM)) {
      violate(
          Rule.ORACLE_VOLATILITY,
          "volatility %d outside [%d, %d]",
          o.price(),
          VolatilityQuote.MIN_VOL_PPM,
          VolatilityQuote.MAX_VOL_PPM);
    }
    if (!option && o.price() > m.params().maxPrice()) {
      violate(Rule.ORACLE_PRICE, "price %d outside [1, %d]", o.price(), m.params().maxPrice());
    }
    if (o.publishTime() > batchTime) {
      violate(Rule.ORACLE_TIME, "published at %d, batch time %d", o.publishTime(), batchTime);
    }
    OracleRecord last = m.records[(int) o.source()];
    if (last.isPresent() && o.publishTime() <= last.publishTime()) {
      violate(
          Rule.ORACLE_TIME,
          "published at %d, not after the source's last record at %d",
          o.publishTime(),
          last.publishTime());
    }
  }

  private static boolean verifies(Optional<EdDsaPublicKey> key, Fr message, SignedPrice signed) {
    return key.isPresent() && key.get().verify(message, signed.signature());
  }

  /** A credited deposit: the account's key; a valid one when the deposit creates the account. */
  void deposit(AccountWork a, Deposit d) {
    if (!d.key().equals(a.before.key())) {
      violate(Rule.DEPOSIT_KEY, "deposit to account %d names another key", d.account());
    }
    if (!a.exists && !a.credited && d.key().validated().isEmpty()) {
      violate(Rule.DEPOSIT_KEY, "account %d created with an invalid key", d.account());
    }
  }

  /** An order row: its owner's signature, its expiry. */
  void order(AccountWork a, SignedOrder signed) {
    OrderMessage o = signed.order();
    Optional<EdDsaPublicKey> key = a.signingKey();
    if (key.isEmpty() || !key.get().verify(o.hashV2(deployment), signed.signature())) {
      violate(Rule.ORDER_SIGNATURE, "order %d of account %d", o.clientOrderId(), o.accountIndex());
    }
    if (o.expiry() != 0 && o.expiry() <= batchTime) {
      violate(
          Rule.ORDER_EXPIRED,
          "order %d expired at %d, batch time %d",
          o.clientOrderId(),
          o.expiry(),
          batchTime);
    }
  }

  /**
   * The fill-slot rule (docs/state.md, section 4): an empty slot or an older id restarts at 0, the
   * same id continues, a newer id refuses the order; then what the batch fills stays within the
   * signed quantity. Returns the slot's new filled amount.
   */
  long fillSlot(OrderMessage o, Optional<FillSlotLeaf> old, long filled) {
    long start = 0;
    if (old.isPresent() && old.get().clientOrderId() == o.clientOrderId()) {
      start = old.get().filled();
    } else if (old.isPresent() && old.get().clientOrderId() > o.clientOrderId()) {
      violate(
          Rule.ORDER_REPLAY,
          "order %d of account %d: its fill slot holds the newer order %d",
          o.clientOrderId(),
          o.accountIndex(),
          old.get().clientOrderId());
    }
    BigInteger total = BigInteger.valueOf(start).add(BigInteger.valueOf(filled));
    if (total.compareTo(BigInteger.valueOf(o.quantity())) > 0) {
      violate(
          Rule.OVERFILL,
          "order %d of account %d filled %s of %d",
          o.clientOrderId(),
          o.accountIndex(),
          total,
          o.quantity());
      return start;
    }
    return total.longValueExact();
  }

  /** A fill between two orders, in the maker's market. */
  void trade(Trade t, MarketParams p) {
    OrderMessage maker = t.maker().order();
    OrderMessage taker = t.taker().order();
    if (maker.marketId() != taker.marketId()) {
      violate(
          Rule.TRADE_MARKET, "maker in market %d, taker in %d", maker.marketId(), taker.marketId());
    }
    if (maker.side() == taker.side()) {
      violate(Rule.TRADE_SIDE, "both orders on side %d", maker.side());
    }
    OrderMessage buyer = maker.side() == 1 ? taker : maker;
    OrderMessage seller = maker.side() == 1 ? maker : taker;
    if (t.price() > buyer.price() || t.price() < seller.price()) {
      violate(
          Rule.TRADE_LIMIT,
          "price %d outside the limits [%d, %d]",
          t.price(),
          seller.price(),
          buyer.price());
    }
    if (taker.type() == OrderType.POST_ONLY.ordinal()) {
      violate(Rule.TRADE_POST_ONLY, "post-only order %d took liquidity", taker.clientOrderId());
    }
    fill(t.quantity(), t.price(), t.makerFee(), t.takerFee(), p);
  }

  /**
   * A fill against a signed order (a trade, a close into the book, an unwind): the price on the
   * tick grid within maxPrice, the quantity in lots, each fee at most its rate and together not
   * negative.
   */
  void fill(long quantity, long price, long makerFee, long takerFee, MarketParams p) {
    if (price < 1 || price > p.maxPrice() || price % p.tickSize() != 0) {
      violate(Rule.TRADE_PRICE, "price %d (tick %d, max %d)", price, p.tickSize(), p.maxPrice());
    }
    if (quantity < 1 || quantity % p.lotSize() != 0) {
      violate(Rule.TRADE_QUANTITY, "quantity %d (lot %d)", quantity, p.lotSize());
    }
    BigInteger makerMax = SettlementMath.maxFee(quantity, price, p.makerFeePpm());
    BigInteger takerMax = SettlementMath.maxFee(quantity, price, p.takerFeePpm());
    if (BigInteger.valueOf(makerFee).compareTo(makerMax) > 0
        || BigInteger.valueOf(takerFee).compareTo(takerMax) > 0
        || BigInteger.valueOf(makerFee).add(BigInteger.valueOf(takerFee)).signum() < 0) {
      violate(
          Rule.TRADE_FEE,
          "fees %d/%d, at most %s/%s, sum at least 0",
          makerFee,
          takerFee,
          makerMax,
          takerMax);
    }
  }

  /** A signed order's side of a fill: a reduce-only order only reduces. */
  void reduceOnly(OrderMessage o, FillEffect f) {
    if (o.reduceOnly() != 0 && !f.pure()) {
      violate(
          Rule.REDUCE_ONLY,
          "order %d of account %d grows its position",
          o.clientOrderId(),
          o.accountIndex());
    }
  }

  /** Any side of a fill: the position stays within maxPosition; adding risk needs a valid mark. */
  void position(long account, FillEffect f, MarketWork m) {
    if (f.size().abs().compareTo(BigInteger.valueOf(m.params().maxPosition())) > 0) {
      violate(
          Rule.MAX_POSITION,
          "account %d position %s above %d",
          account,
          f.size(),
          m.params().maxPosition());
    }
    if (!f.pure() && !m.valid) {
      violate(Rule.MARK_INVALID, "market %d has no valid mark for a risk-increasing fill", m.id());
    }
  }

  /** A withdrawal, whose message must carry the nonce the account is at. */
  void withdrawal(AccountWork a, Withdrawal w, long nonce) {
    WithdrawalMessage m = w.message();
    if (m.nonce() != nonce) {
      violate(
          Rule.WITHDRAWAL_NONCE,
          "account %d signed nonce %d, current %d",
          m.accountIndex(),
          m.nonce(),
          nonce);
    }
    WithdrawalMessage atNonce =
        new WithdrawalMessage(m.accountIndex(), m.amount(), m.recipient(), nonce);
    Optional<EdDsaPublicKey> key = a.signingKey();
    if (key.isEmpty() || !key.get().verify(atNonce.hashV2(deployment), w.signature())) {
      violate(Rule.WITHDRAWAL_SIGNATURE, "withdrawal of account %d", m.accountIndex());
    }
  }

  /** A margin-mode switch, signed by its account's key (an account without one signs nothing). */
  void marginSwitch(AccountWork a, MarginSwitch s) {
    MarginModeMessage m = s.message();
    Optional<EdDsaPublicKey> key = a.signingKey();
    if (key.isEmpty() || !key.get().verify(m.hash(deployment), s.signature())) {
      violate(
          Rule.MODE_SIGNATURE,
          "margin-mode request %d of account %d",
          m.requestId(),
          m.accountIndex());
    }
  }

  /**
   * Whether a forced request is valid: its account exists, its key signed the request, and the
   * request's nonce is the account's after the batch's withdrawals. Not a rule: an invalid request
   * is served by paying 0.
   */
  boolean forcedRequestValid(AccountWork a, ForcedRequest r) {
    WithdrawalMessage m = r.message();
    Optional<EdDsaPublicKey> key = a.signingKey();
    return key.isPresent()
        && m.nonce() == a.before.nonce() + a.withdrawals
        && r.signedBy(key.get(), m.forcedHash(deployment));
  }

  /**
   * The end-of-batch rules at the batch's marks, before the liquidation sweep (docs/settlement.md,
   * "The margin rule, written once"): an account that withdrew keeps collateral >= 0; one that made
   * a risk-increasing fill or withdrew ends with equity >= its initial requirement (the cross one,
   * or a portfolio account's at the batch's risk rows).
   */
  void endOfBatch(
      AccountWork a, Positions positions, Function<AccountWork, BigInteger> initialRequirement) {
    if (a.withdrew && a.collateral.signum() < 0) {
      violate(
          Rule.WITHDRAWAL_COLLATERAL, "account %d ends with collateral %s", a.index, a.collateral);
    }
    if (a.needsMargin) {
      initialMargin(a, positions.equity(a), initialRequirement.apply(a));
    }
  }

  /** The margin rule: equity >= the initial requirement (in the account's mode). */
  void initialMargin(AccountWork a, BigInteger equity, BigInteger required) {
    covers(a, equity, required);
  }

  private void covers(AccountWork a, BigInteger equity, BigInteger required) {
    if (equity.compareTo(required) < 0) {
      violate(
          Rule.MARGIN,
          "account %d: equity %s below the initial requirement %s",
          a.index,
          equity,
          required);
    }
  }

  /** The fee pool after the trading phase is never negative. */
  void feePool(BigInteger fees) {
    if (fees.signum() < 0) {
      violate(Rule.FEE_POOL, "fee pool %s negative", fees);
    }
  }
}
