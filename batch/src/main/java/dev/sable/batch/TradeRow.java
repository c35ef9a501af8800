package dev.sable.batch;

/** A trade slot: the maker and taker order rows, the fill, and the position slot each side uses. */
public record TradeRow(
    int makerRow,
    int takerRow,
    long quantity,
    long price,
    long makerFee,
    long takerFee,
    int makerSlot,
    int takerSlot) {}
