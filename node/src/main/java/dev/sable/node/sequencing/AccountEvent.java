package dev.sable.node.sequencing;

/**
 * What happened to one account's orders and balance, for that account only (its WebSocket channel
 * and its REST fills): the sequencer's events addressed to their owner, with the journal sequence
 * number of the command that caused them. The API writes each with its record name as "type".
 */
public sealed interface AccountEvent {
  long sequence();

  /** The account's own command was refused by the sequencer (it changed nothing). */
  record Rejected(long sequence, String command, long clientOrderId, String reason)
      implements AccountEvent {}

  record Accepted(
      long sequence,
      int market,
      long clientOrderId,
      long orderId,
      String side,
      long price,
      long quantity)
      implements AccountEvent {}

  record Amended(long sequence, long orderId, long price, long quantity, boolean keptPriority)
      implements AccountEvent {}

  record Cancelled(
      long sequence, int market, long orderId, long clientOrderId, long remaining, String reason)
      implements AccountEvent {}

  /** A fill of one of the account's orders: its side, and its fee and realized PnL. */
  record Filled(
      long sequence,
      int market,
      long orderId,
      String side,
      String liquidity,
      long price,
      long quantity,
      long fee,
      long realized)
      implements AccountEvent {}

  record Deposited(long sequence, long amount) implements AccountEvent {}

  record Withdrawn(long sequence, long amount) implements AccountEvent {}

  /** Funding settled: positive paid, negative received. */
  record FundingPaid(long sequence, int market, long amount) implements AccountEvent {}

  record Liquidated(long sequence, long equity, long maintenanceRequirement)
      implements AccountEvent {}
}
