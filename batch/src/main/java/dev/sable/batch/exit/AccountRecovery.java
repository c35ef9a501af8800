package dev.sable.batch.exit;

import dev.sable.crypto.Ecdh;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.StateLayout;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.OwnerData;
import dev.sable.state.settlement.SettlementLayout;
import dev.sable.state.store.InMemoryKeyValueStore;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Rebuilds the account tree from every accepted batch's owner data, in order from genesis (the
 * insurance fund's leaf), and finds the rows an owner's key decrypts (docs/bridge.md, "Exits").
 * Each batch's rebuilt account root and its state preimage are checked against what the batch
 * published, so a missing batch or a row that is not the proven one is an error, never a wrong
 * path.
 */
public final class AccountRecovery {
  private AccountRecovery() {}

  /**
   * The owner's account under the last batch's root. With {@code account} empty, the one account
   * whose rows the key decrypts; refused when there is none, or several.
   */
  public static RecoveredAccount recover(
      List<PublishedBatch> batches, EdDsaPrivateKey owner, OptionalLong account) {
    if (batches.isEmpty()) {
      throw new ExitRefusedException("no accepted batch on L1: there is no state to exit from");
    }
    SparseMerkleTree tree =
        new SparseMerkleTree(
            new InMemoryKeyValueStore(),
            new byte[] {'a'},
            StateLayout.ACCOUNT_DEPTH,
            Poseidon2.INSTANCE);
    tree.update(SettlementLayout.FUND_ACCOUNT, AccountLeafV2.insuranceFund().hash());
    KeyPoint key = KeyPoint.of(owner.publicKey());
    TreeMap<Long, AccountLeafV2> mine = new TreeMap<>();
    for (int i = 0; i < batches.size(); i++) {
      PublishedBatch b = batches.get(i);
      if (b.number() != i + 1) {
        throw new ExitRefusedException(
            "L1 history is not complete: batch "
                + (i + 1)
                + " is missing (got "
                + b.number()
                + ")");
      }
      for (OwnerRow row : b.owner().rows()) {
        tree.update(row.account(), row.leaf());
        decrypt(owner, key, b, row).ifPresent(leaf -> mine.put(row.account(), leaf));
      }
      if (!tree.root().equals(b.owner().accountsRoot())) {
        throw new ExitRefusedException(
            "batch "
                + b.number()
                + "'s owner rows do not rebuild its account root "
                + b.owner().accountsRoot());
      }
      if (!b.state().root().equals(b.newRoot())) {
        throw new ExitRefusedException(
            "batch " + b.number() + "'s published preimage does not hash to its root");
      }
    }
    long index = choose(mine, account);
    AccountLeafV2 leaf = mine.get(index);
    if (!tree.leaf(index).equals(leaf.hash())) {
      throw new ExitRefusedException(
          "account " + index + "'s latest leaf on L1 does not decrypt under this key");
    }
    PublishedBatch last = batches.get(batches.size() - 1);
    return new RecoveredAccount(
        index, leaf, tree.proof(index).siblings(), last.state(), last.newRoot());
  }

  private static long choose(TreeMap<Long, AccountLeafV2> mine, OptionalLong account) {
    if (account.isPresent()) {
      if (!mine.containsKey(account.getAsLong())) {
        throw new ExitRefusedException(
            "account " + account.getAsLong() + " not found in L1 data under this key");
      }
      return account.getAsLong();
    }
    if (mine.isEmpty()) {
      throw new ExitRefusedException(
          "account not found in L1 data: no owner row decrypts under this key");
    }
    if (mine.size() > 1) {
      throw new ExitRefusedException(
          "this key owns accounts " + mine.keySet() + ": name the one to exit");
    }
    return mine.firstKey();
  }

  /** The row's leaf if the owner's key decrypts it to a leaf hashing to the published one. */
  private static Optional<AccountLeafV2> decrypt(
      EdDsaPrivateKey owner, KeyPoint key, PublishedBatch b, OwnerRow row) {
    try {
      Ecdh.Point e = b.owner().ephemeral();
      List<Fr> plain = OwnerData.decrypt(owner, e, b.number(), row.account(), row.cipher());
      AccountLeafV2 leaf = OwnerData.leaf(key, plain);
      return leaf.hash().equals(row.leaf()) ? Optional.of(leaf) : Optional.empty();
    } catch (IllegalArgumentException notMine) {
      return Optional.empty(); // another owner's row, or an E off the curve
    }
  }
}
