package dev.sable.node.pipeline;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.Fr;
import dev.sable.node.intake.AccountKeys;
import dev.sable.node.journal.JournalEntry;
import dev.sable.prover.StateUpdateWitness;
import dev.sable.prover.Witness;
import dev.sable.prover.WitnessLayout;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import dev.sable.state.AccountLeaf;
import dev.sable.state.LeafUpdate;
import dev.sable.state.LeafWrite;
import dev.sable.state.PositionLeaf;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.StagedBatch;
import dev.sable.state.StateLayout;
import dev.sable.state.store.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Interim batches, until the settlement circuit's batch builder: each batch is one account's leaf
 * as the sequencer now holds it (key, collateral, withdrawal nonce 0, its positions tree, an empty
 * fill-slot tree), proven by the single-leaf {@code stateupdate} circuit. The proof shows only that
 * the account tree moved from the old root to the new one by changing that one leaf; it says
 * nothing about the trades, fees or margin behind the change. Accounts changed since their last
 * batch wait in arrival order; an account changed again before its turn is sealed once.
 */
public final class AccountLeafBuilder implements BatchBuilder {
  private final AccountKeys keys;
  private final FieldHasher hasher;
  private final Fr emptyFills;
  private final Set<Integer> dirty = new LinkedHashSet<>(); // sequencer thread only

  public AccountLeafBuilder(AccountKeys keys, FieldHasher hasher) {
    this.keys = keys;
    this.hasher = hasher;
    this.emptyFills =
        SparseMerkleTree.emptySubtreeRoots(hasher, StateLayout.FILL_DEPTH)[StateLayout.FILL_DEPTH];
  }

  @Override
  public void applied(JournalEntry entry, List<Event> events, Sequencer sequencer) {
    for (int i = 0; i < sequencer.changedAccountCount(); i++) {
      int account = sequencer.changedAccount(i);
      if (account != Account.INSURANCE_FUND) {
        dirty.add(account);
      }
    }
  }

  @Override
  public SealedBatch seal(Sequencer sequencer, long appliedSequence) {
    for (var it = dirty.iterator(); it.hasNext(); ) {
      int account = it.next();
      it.remove();
      EdDsaPublicKey key = keys.key(account);
      Account a = sequencer.state().account(account);
      if (key != null && a != null) {
        return new SealedBatch(
            List.of(new LeafWrite(account, leaf(key, a).hash())), appliedSequence, account);
      }
    }
    return null;
  }

  /** Marks every account with a key as changed (a restart does not know what L1 has). */
  public void markAll(Sequencer sequencer) {
    for (int id = 1; id < sequencer.state().accountBound(); id++) {
      if (sequencer.state().account(id) != null) {
        dirty.add(id);
      }
    }
  }

  @Override
  public void retry(SealedBatch batch) {
    dirty.add((int) batch.account());
  }

  private AccountLeaf leaf(EdDsaPublicKey key, Account a) {
    SparseMerkleTree positions =
        new SparseMerkleTree(
            new InMemoryKeyValueStore(), new byte[] {'p'}, StateLayout.POSITION_DEPTH, hasher);
    List<LeafWrite> writes = new ArrayList<>();
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      int m = Long.numberOfTrailingZeros(bits);
      if (a.size(m) != 0) {
        writes.add(
            new LeafWrite(m, new PositionLeaf(a.size(m), a.cost(m), a.fundingIndex(m)).hash()));
      }
    }
    Fr positionsRoot = positions.putAll(writes);
    return new AccountLeaf(key.x(), key.y(), a.collateral(), 0, positionsRoot, emptyFills);
  }

  @Override
  public WitnessLayout layout() {
    return StateUpdateWitness.LAYOUT;
  }

  @Override
  public Witness witness(StagedBatch staged) {
    return stateUpdate(staged).toWitness();
  }

  @Override
  public List<Fr> publicInputs(StagedBatch staged) {
    return stateUpdate(staged).publicInputs();
  }

  /** The single-leaf circuit's assignment for a one-write batch. */
  public static StateUpdateWitness stateUpdate(StagedBatch staged) {
    List<LeafUpdate> updates = staged.update().updates();
    if (updates.size() != 1) {
      throw new IllegalArgumentException(
          "the stateupdate circuit proves one leaf, got " + updates.size());
    }
    return witnessOf(updates.get(0));
  }

  /** The single-leaf circuit's assignment for one leaf change. */
  public static StateUpdateWitness witnessOf(LeafUpdate u) {
    return new StateUpdateWitness(
        u.oldRoot(), u.newRoot(), u.index(), u.oldLeaf(), u.newLeaf(), u.siblings());
  }
}
