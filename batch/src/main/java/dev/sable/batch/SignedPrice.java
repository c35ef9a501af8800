package dev.sable.batch;

import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.OraclePriceMessage;

/** An oracle price signed by the market's source. */
public record SignedPrice(OraclePriceMessage price, EdDsaSignature signature) {}
