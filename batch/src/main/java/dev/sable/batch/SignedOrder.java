package dev.sable.batch;

import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.OrderMessage;

/**
 * An order with its owner's signature over {@link OrderMessage#hashV2}. The pair is the order's
 * identity in a batch: its order row appears once however many fills it has.
 */
public record SignedOrder(OrderMessage order, EdDsaSignature signature) {}
