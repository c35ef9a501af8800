package dev.sable.node.sequencing;

/** A public trade: no account, no order id; the taker's side says who crossed the spread. */
public record Trade(
    long sequence, int market, long price, long quantity, String takerSide, long time) {}
