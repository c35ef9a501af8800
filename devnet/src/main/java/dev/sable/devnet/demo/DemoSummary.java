package dev.sable.devnet.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What `sable demo --summary` writes; field names are part of the CLI's contract. */
public record DemoSummary(
    @JsonProperty("batches_verified_on_l1") long batchesVerifiedOnL1,
    @JsonProperty("node_root") String nodeRoot,
    @JsonProperty("l1_root") String l1Root,
    @JsonProperty("submit_gas") long submitGas,
    @JsonProperty("submit_gas_per_batch") List<Long> submitGasPerBatch,
    @JsonProperty("prove_ms") long proveMs,
    @JsonProperty("prove_ms_per_batch") List<Long> proveMsPerBatch,
    @JsonProperty("constraints") int constraints,
    @JsonProperty("circuit") String circuit,
    @JsonProperty("keys_reused") boolean keysReused,
    @JsonProperty("key_dir") String keyDir,
    @JsonProperty("setup_kind") String setupKind,
    @JsonProperty("verifying_key_hash") String verifyingKeyHash,
    @JsonProperty("setup_ms") long setupMs,
    @JsonProperty("bridge_address") String bridgeAddress,
    @JsonProperty("orders_acked") long ordersAcked,
    @JsonProperty("ack_p99_ms") double ackP99Ms) {}
