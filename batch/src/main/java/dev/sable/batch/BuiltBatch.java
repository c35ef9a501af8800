package dev.sable.batch;

import dev.sable.prover.Witness;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.GlobalState;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.StateChange;
import java.util.List;

/**
 * A batch the builder accepted: what the circuit takes and commits to, the state it leads to, and
 * the writes that get there. Nothing is in the state yet: prove {@link #gnarkWitness}, post the
 * public data with the proof, and once L1 holds {@link #after}'s root, commit {@link #change} to
 * the state the batch was built on.
 *
 * @param witness the circuit's tables, roots, public data and public inputs
 * @param gnarkWitness the same, encoded as gnark's binary witness at the capacities
 * @param accountsAfter each account row's account after the batch (for the row of an account that
 *     does not exist, read only to serve a forced request naming it: its empty default, not stored)
 * @param marketsAfter each market row's market after the batch
 * @param before the global state the batch starts from
 * @param after the global state the batch leads to
 * @param change the writes to commit
 */
public record BuiltBatch(
    SettlementWitness witness,
    Witness gnarkWitness,
    List<AccountLeafV2> accountsAfter,
    List<MarketLeafV2> marketsAfter,
    GlobalState before,
    GlobalState after,
    StateChange change) {

  public BuiltBatch {
    accountsAfter = List.copyOf(accountsAfter);
    marketsAfter = List.copyOf(marketsAfter);
  }

  public long number() {
    return witness.header().batchNumber();
  }
}
