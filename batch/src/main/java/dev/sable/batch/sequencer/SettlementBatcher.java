package dev.sable.batch.sequencer;

import dev.sable.batch.Capacities;
import dev.sable.batch.CapacityException;
import dev.sable.batch.OptionMark;
import dev.sable.batch.RiskRow;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.event.Event;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.SettlementView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * From the sequencer to provable batches (docs/settlement.md, "From the sequencer to batches"):
 * after each command the sequencer applies, {@link #accept} turns its events and evidence into the
 * builder's operations ({@link CommandAdapter}) and decides, by the sealing rule, whether the batch
 * being filled must be sealed first so that every sealed batch passes the circuit's end-of-batch
 * rules:
 *
 * <ul>
 *   <li>the batch with the command added would break an end-of-batch rule at the marks and time
 *       after it ({@link EndOfBatchCheck}): sealed before the command (a time tick or an oracle
 *       price that moves marks under an account at risk, a stale mark or an expiry, a reduction at
 *       a loss by an account at risk, ...);
 *   <li>the command's operations do not fit the circuit's capacities (or an account's 8 position
 *       slots) beside the batch's: sealed before it; a command with more fills than a whole batch
 *       holds is spread over consecutive batches, fill by fill; a margin-mode switch takes a switch
 *       slot (a batch whose switch slots are full is sealed before the next switch), and an order
 *       filling from the fill slot a switch of the batch took is sealed out of it (the circuit
 *       writes switch slots after the order rows, so the switch would find the order's newer id);
 *   <li>a funding tick opens a batch: sealed before it unless the batch holds only ticks of the
 *       same time (the circuit applies ticks first, at the previous batch's time);
 *   <li>a liquidation sweep that liquidated or unwound is the batch's last command: sealed right
 *       after it (the circuit proves one sweep per batch, at its end); a sweep larger than an empty
 *       batch is spread over consecutive batches, liquidation by liquidation and unwind fill by
 *       unwind fill (each batch proves its part from the state the parts before it left, and leaves
 *       no liquidation open);
 *   <li>an option's expiry (a time tick that settles an option's positions) ends a batch: the batch
 *       before the tick is sealed before it, the expiry's steps are sealed right after it, at its
 *       time (the circuit settles at the underlying's mark at the batch time; docs/settlement.md,
 *       "Option expiry");
 *   <li>forced withdrawal requests come last in a batch, at its time and marks: a batch serving one
 *       is sealed before the next command that is not a request of another account (or that moves
 *       marks or time), or when its request slots are full;
 *   <li>a batch holding operations since {@code maxAge} of log time is sealed after the command
 *       that makes it that old.
 * </ul>
 *
 * Everything is decided from the log (commands, events, log time), so replaying the journal through
 * the sequencer and a new batcher gives the same batches. The sequencer's own rules make one
 * command always fit an empty batch's end checks; the builder re-checks every rule.
 */
public final class SettlementBatcher {
  /** The format {@link #snapshot} writes (its first byte). */
  public static final int SNAPSHOT_FORMAT = 3;

  private final Capacities caps;
  private final ExchangeState state;
  private final CommandAdapter adapter;
  private final SettledModes modes;
  private final EndOfBatchCheck endCheck;
  private final long maxAge;
  private long requestsServed;
  private OpenBatch open;
  private long sealedTime;
  private long timeBefore;
  private List<OptionMark> marksBefore; // the option marks at timeBefore
  private final PortfolioInputs portfolio;
  private List<RiskRow> riskBefore; // a portfolio batch's risk rows at timeBefore
  private RuntimeException stopped;

  /**
   * @param caps the circuit's capacities
   * @param state the sequencer's state (read after each command)
   * @param start the settlement state the batches continue: its markets, deposit count and time
   *     must be where the sequencer is (genesis, or the state after the batches of the commands the
   *     sequencer replayed so far)
   * @param maxAge log time after which a batch with operations is sealed (Long.MAX_VALUE: never)
   */
  public SettlementBatcher(
      Capacities caps, ExchangeState state, SettlementView start, long maxAge) {
    this(caps, state, start, maxAge, 0);
  }

  /**
   * A batcher that serves forced withdrawal requests from L1's queue ({@code
   * Command.ForcedWithdrawal}, with the {@link Evidence.RequestRecord}).
   *
   * @param requestsServed the bridge's {@code requestsServed} after the batches {@code start} holds
   *     (0 at genesis): the queue index of the next request, and the request start of the batches
   *     that serve none
   */
  public SettlementBatcher(
      Capacities caps,
      ExchangeState state,
      SettlementView start,
      long maxAge,
      long requestsServed) {
    this(
        caps,
        state,
        new CommandAdapter(markets(start), start.header().depositCount(), requestsServed, caps),
        new SettledModes(start),
        maxAge,
        new OpenBatch(caps, requestsServed),
        start.header().time(),
        requestsServed);
  }

  private SettlementBatcher(
      Capacities caps,
      ExchangeState state,
      CommandAdapter adapter,
      SettledModes modes,
      long maxAge,
      OpenBatch open,
      long sealedTime,
      long requestsServed) {
    this.caps = caps;
    this.requestsServed = requestsServed;
    this.state = state;
    this.adapter = adapter;
    this.modes = modes;
    this.endCheck = new EndOfBatchCheck(state);
    this.maxAge = maxAge;
    this.open = open;
    this.sealedTime = sealedTime;
    this.timeBefore = state.now();
    this.marksBefore = optionMarks();
    this.portfolio = new PortfolioInputs(caps, state);
    this.riskBefore = portfolio.rows();
  }

  private static Map<Long, MarketLeafV2> markets(SettlementView start) {
    Map<Long, MarketLeafV2> markets = new HashMap<>();
    for (long id : start.marketIds()) {
      markets.put(id, start.market(id).orElseThrow());
    }
    return markets;
  }

  /**
   * The sequencer's mark of every option market now: a batch commits to its option rows' marks at
   * its time (docs/settlement.md, "Option markets"); the builder uses those of its rows.
   */
  private List<OptionMark> optionMarks() {
    List<OptionMark> marks = new ArrayList<>();
    for (Market m : state.markets()) {
      if (m.isOption()) {
        marks.add(new OptionMark(m.id(), m.mark(), m.markValid(), m.volatility()));
      }
    }
    return marks;
  }

  /**
   * The batcher's state between two commands, encoded canonically (one state, one encoding) for a
   * snapshot of the node (docs/settlement.md, "The batcher in a snapshot"): format {@link
   * #SNAPSHOT_FORMAT}, the last sealed batch's time, the forced requests served, the next deposit
   * and request queue indices, every resting order's signed order and remaining quantity, the
   * margin modes switch slots set, and the open batch (its operations, its requests and switches,
   * and what the sealing rule knows of them). Take it on the thread that feeds the batcher, after a
   * command.
   *
   * @throws IllegalStateException once batching stopped (a restart replays to the stop again)
   */
  public byte[] snapshot() {
    if (stopped != null) {
      throw new IllegalStateException("batching stopped: no snapshot of the batcher", stopped);
    }
    BatcherCodec.Out out =
        new BatcherCodec.Out().u8(SNAPSHOT_FORMAT).i64(sealedTime).i64(requestsServed);
    adapter.writeTo(out);
    modes.writeTo(out);
    open.writeTo(out);
    return out.toByteArray();
  }

  /**
   * The batcher a {@link #snapshot} holds, continuing on {@code state}, the sequencer's state
   * restored at the same command.
   *
   * @param genesis the settlement state at genesis (its markets)
   * @throws IllegalArgumentException if the bytes are not one snapshot of this format
   */
  public static SettlementBatcher restore(
      Capacities caps, ExchangeState state, SettlementView genesis, long maxAge, byte[] snapshot) {
    BatcherCodec.In in = new BatcherCodec.In(snapshot);
    int format = in.u8();
    if (format != SNAPSHOT_FORMAT) {
      throw new IllegalArgumentException(
          "batcher snapshot format " + format + " (this build reads " + SNAPSHOT_FORMAT + ")");
    }
    long sealedTime = in.i64();
    long requestsServed = in.i64();
    CommandAdapter adapter = CommandAdapter.readFrom(in, markets(genesis), caps);
    SettledModes modes = SettledModes.readFrom(in, genesis);
    OpenBatch open = OpenBatch.readFrom(in, caps);
    in.end();
    return new SettlementBatcher(
        caps, state, adapter, modes, maxAge, open, sealedTime, requestsServed);
  }

  /**
   * Takes the command the sequencer just applied (call it before the next one: the check reads the
   * accounts the command changed). Returns the batches sealed by it, oldest first: usually none,
   * the batch before it, or several when one command's fills fill more than a batch.
   *
   * @param sequence the command's journal sequence number
   * @throws UnprovableCommandException for a command no batch can prove
   * @throws CapacityException when a single operation does not fit an empty batch
   * @throws UnprovableCommandException on every call after either: batching stopped there
   */
  public List<SealedBatch> accept(
      long sequence, Command command, Evidence evidence, List<Event> events) {
    if (stopped != null) {
      throw new UnprovableCommandException("batching stopped at an earlier command: " + stopped);
    }
    try {
      return sealFor(
          sequence, command, adapter.adapt(command, evidence, modes.withoutSettled(events)));
    } catch (UnprovableCommandException | CapacityException e) {
      stopped = e;
      throw e;
    }
  }

  private List<SealedBatch> sealFor(long sequence, Command command, List<Operation> operations) {
    List<SealedBatch> sealed = new ArrayList<>();
    // An option's volatility record moves its mark as a price moves a perpetual's.
    boolean marksMoved =
        ((command instanceof Command.OraclePrice || command instanceof Command.VolatilityPrice)
                && !operations.isEmpty())
            || command instanceof Command.TimeTick;
    boolean requestsOnly =
        !operations.isEmpty() && operations.stream().allMatch(Operation.Request.class::isInstance);
    if (open.hasRequests() && (marksMoved || (!operations.isEmpty() && !requestsOnly))) {
      sealed.add(seal(timeBefore, marksBefore, riskBefore, SealedBatch.Reason.FORCED_REQUESTS));
    }
    if (requestsOnly && caps.requests() == 0) {
      throw new CapacityException(
          caps.circuitName()
              + " has no request slots: it cannot serve the forced withdrawal request of "
              + command);
    }
    boolean expiry = operations.stream().anyMatch(Operation.Settle.class::isInstance);
    if (expiry && open.hasOperations()) {
      sealed.add(seal(timeBefore, marksBefore, riskBefore, SealedBatch.Reason.OPTION_EXPIRY));
    }
    boolean ticks = operations.stream().anyMatch(Operation.Tick.class::isInstance);
    if (ticks && (!open.onlyTicks() || timeBefore != sealedTime)) {
      sealed.add(seal(timeBefore, marksBefore, riskBefore, SealedBatch.Reason.FUNDING_TICK));
    }
    if (operations.isEmpty() && !marksMoved) {
      timeBefore = state.now(); // nothing for the batch, nothing it could break (most commands)
      marksBefore = optionMarks();
      riskBefore = portfolio.rows();
      return sealed;
    }
    Effects e = Effects.of(operations, positionsBefore(operations), marksMoved);
    if (open.hasOperations() && !open.fits(e)) {
      sealed.add(seal(timeBefore, marksBefore, riskBefore, SealedBatch.Reason.CAPACITY));
    } else if (open.hasOperations() && !e.sweep && !endCheck.passes(open, e)) {
      // (a sweep changes nothing the end checks read before it: they run before the sweep)
      sealed.add(seal(timeBefore, marksBefore, riskBefore, SealedBatch.Reason.END_OF_BATCH_RULE));
    }
    if (open.fits(e)) {
      open.add(e, sequence, state.now());
    } else {
      spread(operations, sequence, e.sweep, sealed);
    }
    if (e.sweep) {
      sealed.add(seal(state.now(), SealedBatch.Reason.LIQUIDATION_SWEEP));
    } else if (expiry) {
      sealed.add(seal(state.now(), SealedBatch.Reason.OPTION_EXPIRY));
    } else if (open.hasOperations() && state.now() - open.openedAt >= maxAge) {
      sealed.add(seal(state.now(), SealedBatch.Reason.AGE));
    }
    timeBefore = state.now();
    marksBefore = optionMarks();
    riskBefore = portfolio.rows();
    return sealed;
  }

  /** The deposit queue index of the next deposit (every one before it is taken). */
  public long nextDepositIndex() {
    return adapter.nextQueueIndex();
  }

  /** The request queue index of the next forced request (every one before it is taken). */
  public long nextRequestIndex() {
    return adapter.nextRequestIndex();
  }

  /** Whether the batch being filled holds an operation. */
  public boolean batchOpen() {
    return open.hasOperations();
  }

  /**
   * Seals the batch being filled now, if it holds an operation (the caller's own size or time
   * policy; to replay to the same batches, call it at the same point of the log).
   */
  public Optional<SealedBatch> seal() {
    return open.hasOperations()
        ? Optional.of(seal(state.now(), SealedBatch.Reason.REQUESTED))
        : Optional.empty();
  }

  private SealedBatch seal(long time, SealedBatch.Reason reason) {
    return seal(time, optionMarks(), portfolio.rows(), reason);
  }

  /**
   * Seals at time, with the option marks and risk rows of that time (before or after the current
   * command).
   */
  private SealedBatch seal(
      long time, List<OptionMark> marks, List<RiskRow> risk, SealedBatch.Reason reason) {
    SealedBatch out = open.seal(time, marks, risk, reason);
    requestsServed += out.batch().requests().size();
    open = new OpenBatch(caps, requestsServed);
    sealedTime = time;
    return out;
  }

  private CommandPositions positionsBefore(List<Operation> operations) {
    List<CommandPositions.Leg> legs = new ArrayList<>();
    for (Operation op : operations) {
      if (op instanceof Operation.Fill f) {
        legs.addAll(CommandPositions.legs(f.trade()));
      } else if (op instanceof Operation.Sweep w) {
        legs.addAll(w.legs());
      } else if (op instanceof Operation.Settle s) {
        legs.addAll(s.legs());
      }
    }
    return new CommandPositions(state, legs);
  }

  /**
   * A command too large for one batch, operation by operation over consecutive batches. Within one
   * command the end checks hold at every fill (each fill that adds risk was checked against the
   * margin rule at these marks, and an account's fills in one command all go one way, so after its
   * first fill adding risk every later one adds risk too), so only the capacities decide. A sweep's
   * operations are its parts (a liquidation, an unwind fill): the end checks run before a sweep, so
   * the batches holding its later parts, at the same time and marks, have nothing else to check.
   */
  private void spread(
      List<Operation> operations, long sequence, boolean sweep, List<SealedBatch> sealed) {
    CommandPositions positions = positionsBefore(operations);
    for (Operation op : operations) {
      Effects one = Effects.of(List.of(op), positions, false);
      if (!open.fits(one) && open.hasOperations()) {
        sealed.add(
            seal(
                state.now(),
                sweep ? SealedBatch.Reason.LIQUIDATION_SWEEP : SealedBatch.Reason.CAPACITY));
      }
      if (!open.fits(one)) {
        throw new CapacityException(
            "one operation does not fit an empty batch of "
                + caps.circuitName()
                + " (its liquidation steps, its account, order or market rows, or a ninth"
                + " position): "
                + op);
      }
      open.add(one, sequence, state.now());
    }
  }
}
