package dev.sable.batch;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.Fr;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.PositionSlot;
import dev.sable.state.settlement.SettlementLayout;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/** An account row as the batch changes it. */
final class AccountWork {
  static final int SLOTS = SettlementLayout.POSITION_SLOTS;

  final long index;
  final boolean exists;
  final AccountLeafV2 before;
  BigInteger collateral;
  final long[] sizes = new long[SLOTS];
  final long[] costs = new long[SLOTS];
  final long[] fundingIndexes = new long[SLOTS];
  final int[] slotMarket = new int[SLOTS]; // market row per slot, NO_ROW for none
  final BigInteger[] owed = new BigInteger[SLOTS]; // funding owed at the post-tick index
  final boolean[] settled = new boolean[SLOTS]; // owed moved to the funding pool
  boolean withdrew;
  boolean needsMargin;
  boolean credited;
  long withdrawals;
  long served; // valid forced requests paid (at most one): funding settled, nonce + 1
  long mode; // the margin mode after the batch's switches so far
  Fr fillsRoot;
  private Optional<EdDsaPublicKey> key;

  AccountWork(long index, boolean exists, AccountLeafV2 before) {
    this.index = index;
    this.exists = exists;
    this.before = before;
    this.collateral = BigInteger.valueOf(before.collateral());
    this.fillsRoot = before.fillsRoot();
    this.mode = before.mode();
    Arrays.fill(slotMarket, AccountRow.NO_ROW);
    Arrays.fill(owed, BigInteger.ZERO);
    for (int p = 0; p < SLOTS; p++) {
      PositionSlot s = before.slots().get(p);
      sizes[p] = s.size();
      costs[p] = s.cost();
      fundingIndexes[p] = s.fundingIndex();
    }
  }

  /** Whether the account exists after the batch: it existed, or a credited deposit created it. */
  boolean existsAfter() {
    return exists || credited;
  }

  /** The key that signs for the account, if it exists and its key is a valid one. */
  Optional<EdDsaPublicKey> signingKey() {
    if (!existsAfter()) {
      return Optional.empty();
    }
    if (key == null) {
      key = before.key().validated();
    }
    return key;
  }

  /**
   * The slot of a market row, assigning one if needed: a slot keeps its market while it holds a
   * position; a new market takes the lowest slot empty at the start of the batch and not yet
   * assigned (docs/settlement.md, "Position slots"). -1 if none is free.
   */
  int slotOf(int marketRow) {
    for (int p = 0; p < SLOTS; p++) {
      if (slotMarket[p] == marketRow) {
        return p;
      }
    }
    for (int p = 0; p < SLOTS; p++) {
      if (slotMarket[p] == AccountRow.NO_ROW && before.slots().get(p).isEmpty()) {
        slotMarket[p] = marketRow;
        return p;
      }
    }
    return -1;
  }
}
