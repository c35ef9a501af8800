package dev.sable.node.pipeline;

import dev.sable.crypto.Fr;

/** A batch proven and checked locally, ready for L1: its roots and the proof in calldata form. */
public record ProvenBatch(SealedBatch batch, Fr oldRoot, Fr newRoot, byte[] proof, long proveMs) {}
