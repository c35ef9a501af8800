package dev.sable.batch;

import dev.sable.crypto.Fr;
import java.math.BigInteger;
import java.util.List;

/**
 * Everything the settlement circuit takes for one batch, before padding to its capacities (Go
 * ledger.Witness): the header, the tables in their documented order (the liquidation steps last),
 * and what the proof commits to. {@link SettlementCircuit#witness} encodes it for gnark.
 *
 * @param oldRoot the global state root before the batch
 * @param newRoot the global state root after it
 * @param rowRoots the account tree's root after each account row is written
 * @param requests the forced request slots, served after the sweep
 * @param requestStart the queue index of the first request slot
 * @param publicData d, padded to the capacities
 * @param ephemeral the owner data's ephemeral scalar e (null without the owner-data section)
 * @param risk the risk row of each market row (portfolio capacities; empty without)
 * @param expiries the expiry steps, after the trades (empty without expiry slots)
 * @param switches the switch slots in slot order (empty without switches)
 * @param blobData a {@code -owner-blob} batch's blob elements: its owner rows, padded to the
 *     capacities' account rows (what its transaction's blob holds, {@link Eip4844Blob#pack}); empty
 *     without the blob
 */
public record SettlementWitness(
    Capacities capacities,
    BatchHeader header,
    List<MarketRow> markets,
    List<OracleRow> oracles,
    List<AccountRow> accounts,
    List<DepositRow> deposits,
    List<OrderRow> orders,
    List<TradeRow> trades,
    List<WithdrawalRow> withdrawals,
    List<StepRow> steps,
    List<RequestRow> requests,
    long requestStart,
    Fr oldRoot,
    Fr newRoot,
    List<Fr> rowRoots,
    List<Fr> publicData,
    PublicInputs publicInputs,
    BigInteger ephemeral,
    List<RiskRow> risk,
    List<ExpiryRow> expiries,
    List<SwitchRow> switches,
    List<Fr> blobData) {

  public SettlementWitness {
    blobData = List.copyOf(blobData);
    switches = List.copyOf(switches);
    risk = List.copyOf(risk);
    expiries = List.copyOf(expiries);
    markets = List.copyOf(markets);
    oracles = List.copyOf(oracles);
    accounts = List.copyOf(accounts);
    deposits = List.copyOf(deposits);
    orders = List.copyOf(orders);
    trades = List.copyOf(trades);
    withdrawals = List.copyOf(withdrawals);
    steps = List.copyOf(steps);
    requests = List.copyOf(requests);
    rowRoots = List.copyOf(rowRoots);
    publicData = List.copyOf(publicData);
  }
}
