package dev.sable.state.settlement;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Fr;
import dev.sable.crypto.PackedWord;
import dev.sable.crypto.PackedWord.Lane;
import dev.sable.crypto.Poseidon2;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An account leaf of the settlement layout (docs/state.md, section 12): {@code H(TAG_ACCOUNT2, pkX,
 * pkY, blinding, extension, word, fillsRoot, slot_0, ..., slot_7)}.
 *
 * @param key the owner's key, or {@link KeyPoint#NONE} for the keyless insurance fund
 * @param blinding set when the account is created, never changed: hides the leaf's contents
 * @param extension reserved (more position pages, portfolio-margin data); 0
 * @param collateral collateral base units, signed
 * @param nonce withdrawal nonce, in [0, 2^63)
 * @param mode margin mode: 0 = cross, {@link #MODE_PORTFOLIO} = portfolio margin
 * @param fillsRoot root of the account's fill-slot tree
 * @param slots the 8 position slots
 */
public record AccountLeafV2(
    KeyPoint key,
    Fr blinding,
    Fr extension,
    long collateral,
    long nonce,
    long mode,
    Fr fillsRoot,
    List<PositionSlot> slots) {

  /** The mode of a portfolio-margined account (docs/settlement.md). */
  public static final long MODE_PORTFOLIO = 1;

  public AccountLeafV2 {
    slots = List.copyOf(slots);
    if (slots.size() != SettlementLayout.POSITION_SLOTS) {
      throw new IllegalArgumentException(
          "an account has " + SettlementLayout.POSITION_SLOTS + " slots, got " + slots.size());
    }
    if (nonce < 0 || mode < 0) {
      throw new IllegalArgumentException("nonce and mode must be non-negative");
    }
  }

  /** The insurance fund at genesis: keyless, blinding 0 (its contents are public anyway). */
  public static AccountLeafV2 insuranceFund() {
    return opened(KeyPoint.NONE, Fr.ZERO);
  }

  /** A new account as its first deposit creates it: its key and blinding, everything else empty. */
  public static AccountLeafV2 opened(KeyPoint key, Fr blinding) {
    return new AccountLeafV2(
        key,
        blinding,
        Fr.ZERO,
        0,
        0,
        0,
        SettlementLayout.EMPTY_FILLS_ROOT,
        Collections.nCopies(SettlementLayout.POSITION_SLOTS, PositionSlot.EMPTY));
  }

  /** This account with new balances, fills and positions (key, blinding, extension, mode kept). */
  public AccountLeafV2 with(long collateral, long nonce, Fr fillsRoot, List<PositionSlot> slots) {
    return new AccountLeafV2(key, blinding, extension, collateral, nonce, mode, fillsRoot, slots);
  }

  /** This account in another margin mode. */
  public AccountLeafV2 withMode(long mode) {
    return new AccountLeafV2(key, blinding, extension, collateral, nonce, mode, fillsRoot, slots);
  }

  /** (collateral + 2^63) + 2^64 nonce + 2^128 mode. */
  public Fr word() {
    return PackedWord.pack(
        Lane.signed(collateral, 0), Lane.unsigned(nonce, 64), Lane.unsigned(mode, 128));
  }

  /** The level-0 node of the account tree. */
  public Fr hash() {
    List<Fr> elements = new ArrayList<>(15);
    elements.addAll(List.of(DomainTag.ACCOUNT2, key.x(), key.y(), blinding, extension));
    elements.add(word());
    elements.add(fillsRoot);
    slots.forEach(s -> elements.add(s.encode()));
    return Poseidon2.INSTANCE.hash(elements.toArray(Fr[]::new));
  }
}
