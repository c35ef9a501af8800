package dev.sable.devnet.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.sable.batch.OptionMark;
import dev.sable.l1.PublicDataLayout;
import dev.sable.node.Node;
import dev.sable.node.pipeline.BatchRecord;
import dev.sable.prover.CircuitKeys;
import java.util.List;

/**
 * What `sable demo --summary` writes; field names are part of the CLI's contract. Every figure is
 * measured in the run: gas from L1's receipts, proving times from the prover, counts from the
 * batches L1 verified.
 *
 * @param tradesProven fills carried by the verified batches
 * @param constraintsPerTrade the circuit's constraints over its trade slots
 * @param msPerTrade proving time of the batches with fills over their fills (null without fills)
 * @param l1GasPerBatch mean gas of the verified batches' submitBatch transactions
 * @param depositsFromL1 deposits the verified batches credited from the bridge's queue
 * @param withdrawalsClaimed withdrawals a verified batch credited and the trader then claimed on L1
 * @param liquidationsProven liquidations in the sweeps of the verified batches
 * @param daBytesPerChangedAccount calldata bytes of the owner data one changed account adds to a
 *     posted batch: the owner-data section's elements per account row x 32, from the public data
 *     layout the demo's bridge holds on L1 (read back from the chain after the run; 0 without the
 *     section). Every posted batch carries all rows, unused ones as zeros.
 * @param optionTrades fills on option markets carried by the verified batches
 * @param optionMark the option mark committed by the first verified batch with an option fill
 *     (collateral units per option; null without option fills)
 * @param portfolioAccounts accounts in portfolio margin mode at the end, read from the node's state
 *     once its root is L1's
 * @param escape the escape scenario's figures, written among the others (null: not that scenario)
 */
public record DemoSummary(
    @JsonProperty("batches_verified_on_l1") long batchesVerifiedOnL1,
    @JsonProperty("node_root") String nodeRoot,
    @JsonProperty("l1_root") String l1Root,
    @JsonProperty("submit_gas") long submitGas,
    @JsonProperty("submit_gas_per_batch") List<Long> submitGasPerBatch,
    @JsonProperty("l1_gas_per_batch") long l1GasPerBatch,
    @JsonProperty("prove_ms") long proveMs,
    @JsonProperty("prove_ms_per_batch") List<Long> proveMsPerBatch,
    @JsonProperty("constraints") int constraints,
    @JsonProperty("circuit") String circuit,
    @JsonProperty("trades_proven") long tradesProven,
    @JsonProperty("constraints_per_trade") long constraintsPerTrade,
    @JsonProperty("ms_per_trade") Double msPerTrade,
    @JsonProperty("deposits_from_l1") long depositsFromL1,
    @JsonProperty("withdrawals_claimed") long withdrawalsClaimed,
    @JsonProperty("liquidations_proven") long liquidationsProven,
    @JsonProperty("keys_reused") boolean keysReused,
    @JsonProperty("key_dir") String keyDir,
    @JsonProperty("setup_kind") String setupKind,
    @JsonProperty("verifying_key_hash") String verifyingKeyHash,
    @JsonProperty("setup_ms") long setupMs,
    @JsonProperty("bridge_address") String bridgeAddress,
    @JsonProperty("orders_acked") long ordersAcked,
    @JsonProperty("ack_p99_ms") double ackP99Ms,
    @JsonProperty("da_bytes_per_changed_account") long daBytesPerChangedAccount,
    @JsonProperty("option_trades") long optionTrades,
    @JsonProperty("option_mark") Long optionMark,
    @JsonProperty("portfolio_accounts") long portfolioAccounts,
    @JsonUnwrapped EscapeSummary escape) {

  /** The summary of a run from the node's report and the batches L1 verified, oldest first. */
  static DemoSummary of(
      Node.Report report,
      List<BatchRecord> verified,
      long setupMs,
      long ordersAcked,
      double ackP99Ms,
      int tradeSlots,
      long withdrawalsClaimed,
      PublicDataLayout posted,
      long portfolioAccounts) {
    BatchRecord last = verified.get(verified.size() - 1);
    CircuitKeys keys = report.keys();
    List<Long> gas = verified.stream().map(BatchRecord::gasUsed).toList();
    long trades = verified.stream().mapToLong(r -> r.summary().trades()).sum();
    long tradeProveMs =
        verified.stream()
            .filter(r -> r.summary().trades() > 0)
            .mapToLong(BatchRecord::proveMs)
            .sum();
    return new DemoSummary(
        last.number(),
        "0x" + report.batches().nodeRoot(),
        "0x" + report.batches().l1Root(),
        last.gasUsed(),
        gas,
        Math.round(gas.stream().mapToLong(Long::longValue).average().orElse(0)),
        last.proveMs(),
        verified.stream().map(BatchRecord::proveMs).toList(),
        keys.constraints(),
        keys.circuit(),
        trades,
        keys.constraints() / tradeSlots,
        trades == 0 ? null : (double) tradeProveMs / trades,
        verified.stream().mapToLong(r -> r.summary().deposits()).sum(),
        withdrawalsClaimed,
        verified.stream().mapToLong(r -> r.summary().liquidations()).sum(),
        keys.reused(),
        keys.keyDir(),
        keys.setup().kind(),
        keys.verifyingKeyHash(),
        setupMs,
        report.bridgeAddress(),
        ordersAcked,
        ackP99Ms,
        ownerBytesPerRow(posted),
        verified.stream().mapToLong(r -> r.summary().optionTrades()).sum(),
        verified.stream()
            .filter(r -> r.summary().optionTrades() > 0)
            .flatMap(r -> r.summary().optionMarks().stream())
            .map(OptionMark::mark)
            .findFirst()
            .orElse(null),
        portfolioAccounts,
        null);
  }

  /** This summary with the escape scenario's figures. */
  DemoSummary withEscape(EscapeSummary e) {
    return new DemoSummary(
        batchesVerifiedOnL1,
        nodeRoot,
        l1Root,
        submitGas,
        submitGasPerBatch,
        l1GasPerBatch,
        proveMs,
        proveMsPerBatch,
        constraints,
        circuit,
        tradesProven,
        constraintsPerTrade,
        msPerTrade,
        depositsFromL1,
        withdrawalsClaimed,
        liquidationsProven,
        keysReused,
        keyDir,
        setupKind,
        verifyingKeyHash,
        setupMs,
        bridgeAddress,
        ordersAcked,
        ackP99Ms,
        daBytesPerChangedAccount,
        optionTrades,
        optionMark,
        portfolioAccounts,
        e);
  }

  /** Bytes of one owner-data row in the calldata of a batch of this layout (0 without rows). */
  static long ownerBytesPerRow(PublicDataLayout layout) {
    if (layout.accountRows() == 0) {
      return 0;
    }
    // the owner rows end where a -pm circuit's risk commitment starts
    int rowElements =
        layout.riskCommitmentAt() - layout.ownerDataAt() - PublicDataLayout.OWNER_HEADER;
    return 32L * rowElements / layout.accountRows();
  }
}
