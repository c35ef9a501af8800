package dev.sable.batch;

import dev.sable.crypto.EdDsaSignature;

/** An oracle price slot: the market row it prices, the source, the price and its signature. */
public record OracleRow(
    int marketRow, long source, long price, long publishTime, EdDsaSignature signature) {}
