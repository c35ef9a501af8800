package dev.sable.batch;

import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.MarginModeMessage;

/**
 * A trader's margin-mode switch with the owner's signature over {@link MarginModeMessage#hash} (Go
 * ledger.MarginSwitch): it takes one switch slot.
 */
public record MarginSwitch(MarginModeMessage message, EdDsaSignature signature) {}
