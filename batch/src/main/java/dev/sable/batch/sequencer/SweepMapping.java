package dev.sable.batch.sequencer;

import dev.sable.batch.AdlFill;
import dev.sable.batch.Close;
import dev.sable.batch.Deleveraging;
import dev.sable.batch.Liquidation;
import dev.sable.batch.SignedOrder;
import dev.sable.batch.Takeover;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A liquidation sweep's events as the builder's operations (docs/settlement.md, "What the
 * sequencer's liquidation must emit"), fed in event order: a {@code Liquidated} starts a
 * liquidation; within one, a {@code Fill} whose taker is the liquidated account is a close into the
 * book (the sequencer cancelled the account's own orders first, so its only order in a sweep is the
 * liquidation's); {@code PositionTakeover}, {@code AdlFill}, {@code InsuranceSurplus} and {@code
 * UncoveredDeficit} are its takeovers, ADL fills and final amounts; a {@code DeficitCovered} before
 * its first {@code AdlFill} is the ADL cover, otherwise the final cover. A {@code Fill} whose taker
 * is the fund, which cannot trade otherwise, is an unwind; unwinds follow the last liquidation.
 * Anything else is an error (the sequencer emitted what no batch proves).
 *
 * <p>The sweep comes out in parts, one per liquidation and one per unwind fill, each with the
 * position changes it made: a part is the smallest run of steps the circuit proves on its own (a
 * batch leaves no liquidation open), so a sweep larger than a batch is spread over consecutive
 * batches part by part, each proven from the state the parts before it left.
 */
final class SweepMapping {
  /** One liquidation being collected. */
  private static final class Open {
    final long account;
    final List<CommandPositions.Leg> legs = new ArrayList<>();
    final List<Close> closes = new ArrayList<>();
    final List<Takeover> takeovers = new ArrayList<>();
    List<AdlFill> adlFills;
    long adlCovered;
    Long pendingCover; // a DeficitCovered not yet known to be the ADL cover or the final one
    long surplus;
    long covered;
    long uncovered;

    Open(long account) {
      this.account = account;
    }

    Operation.Sweep done() {
      if (pendingCover != null) {
        covered = pendingCover;
      }
      Optional<Deleveraging> adl =
          adlFills == null ? Optional.empty() : Optional.of(new Deleveraging(adlCovered, adlFills));
      Liquidation l = new Liquidation(account, closes, takeovers, adl, surplus, covered, uncovered);
      return new Operation.Sweep(List.of(l), List.of(), legs);
    }
  }

  private final Command command;
  private final Function<Event.Fill, SignedOrder> makerOf;
  private final List<Operation.Sweep> parts = new ArrayList<>();
  private boolean unwinding;
  private Open current;

  /**
   * @param makerOf the signed resting order a fill names as its maker (the adapter's record)
   */
  SweepMapping(Command command, Function<Event.Fill, SignedOrder> makerOf) {
    this.command = command;
    this.makerOf = makerOf;
  }

  void liquidated(Event.Liquidated l) {
    if (unwinding) {
      throw unexpected(l);
    }
    end();
    current = new Open(l.account());
  }

  void fill(Event.Fill f) {
    Close close = new Close(makerOf.apply(f), f.quantity(), f.price(), f.makerFee(), f.takerFee());
    long signed = f.takerSide() == Side.BUY ? f.quantity() : -f.quantity();
    List<CommandPositions.Leg> legs =
        List.of(
            new CommandPositions.Leg(f.taker(), f.market(), signed),
            new CommandPositions.Leg(f.maker(), f.market(), -signed));
    if (f.taker() == Account.INSURANCE_FUND) {
      end();
      unwinding = true;
      parts.add(new Operation.Sweep(List.of(), List.of(close), legs));
    } else if (current != null && f.taker() == current.account) {
      current.closes.add(close);
      current.legs.addAll(legs);
    } else {
      throw unexpected(f);
    }
  }

  void takeover(Event.PositionTakeover t) {
    Open l = of(t.account(), t);
    l.takeovers.add(new Takeover(t.market(), Math.abs(t.size()), t.price()));
    l.legs.add(new CommandPositions.Leg(t.account(), t.market(), -t.size()));
    l.legs.add(new CommandPositions.Leg(Account.INSURANCE_FUND, t.market(), t.size()));
  }

  void adl(Event.AdlFill f) {
    Open l = of(f.bankrupt(), f);
    if (l.adlFills == null) {
      l.adlFills = new ArrayList<>();
      l.adlCovered = l.pendingCover == null ? 0 : l.pendingCover;
      l.pendingCover = null;
    }
    l.adlFills.add(new AdlFill(f.counterparty(), f.market(), f.quantity(), f.price()));
    long signed = f.bankruptSize() > 0 ? -f.quantity() : f.quantity();
    l.legs.add(new CommandPositions.Leg(f.bankrupt(), f.market(), signed));
    l.legs.add(new CommandPositions.Leg(f.counterparty(), f.market(), -signed));
  }

  void covered(Event.DeficitCovered c) {
    Open l = of(c.account(), c);
    if (l.adlFills == null && l.pendingCover == null) {
      l.pendingCover = c.amount();
    } else {
      l.covered = c.amount();
    }
  }

  void surplus(Event.InsuranceSurplus s) {
    of(s.account(), s).surplus = s.amount();
  }

  void uncovered(Event.UncoveredDeficit u) {
    of(u.account(), u).uncovered = u.amount();
  }

  /** The sweep's parts in event order: none when it liquidated and unwound nothing. */
  List<Operation.Sweep> parts() {
    end();
    return List.copyOf(parts);
  }

  private void end() {
    if (current != null) {
      parts.add(current.done());
      current = null;
    }
  }

  private Open of(long account, Event e) {
    if (current == null || current.account != account) {
      throw unexpected(e);
    }
    return current;
  }

  private UnprovableCommandException unexpected(Event e) {
    return new UnprovableCommandException(
        command
            + " emitted "
            + e
            + " outside the liquidation it belongs to (docs/settlement.md, \"What the sequencer's"
            + " liquidation must emit\"): no batch can prove it");
  }
}
