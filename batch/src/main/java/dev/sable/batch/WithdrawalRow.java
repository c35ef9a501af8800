package dev.sable.batch;

import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;

/** A withdrawal slot: the account row, the amount, the L1 recipient and the signature. */
public record WithdrawalRow(int accountRow, long amount, Fr recipient, EdDsaSignature signature) {}
