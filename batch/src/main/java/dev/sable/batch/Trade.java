package dev.sable.batch;

/**
 * One fill between a resting (maker) and an incoming (taker) order, at the price the sequencer
 * chose (the maker's), with the fees it charged (signed: a negative maker fee is a rebate).
 */
public record Trade(
    SignedOrder maker,
    SignedOrder taker,
    long quantity,
    long price,
    long makerFee,
    long takerFee) {}
