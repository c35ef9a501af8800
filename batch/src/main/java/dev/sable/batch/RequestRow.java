package dev.sable.batch;

/**
 * A forced request slot: the request, the account row it names and what it was paid (0 for an
 * invalid one).
 */
public record RequestRow(int accountRow, ForcedRequest request, long paid) {}
