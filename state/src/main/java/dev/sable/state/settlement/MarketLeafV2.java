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
 * A market leaf of the settlement layout (docs/state.md, section 12), at index = market id: {@code
 * H(TAG_MARKET2, paramsHash, keysHash, dynamic, record_0, ..., record_7)}.
 *
 * @param oracleKeys the 8 oracle sources' keys ({@link KeyPoint#NONE} for an unused source)
 * @param mark the mark at the time of the last batch that used the market (a cache: {@link #markAt}
 *     recomputes it)
 * @param fundingIndex cumulative funding, millionths of a collateral unit per quantity unit
 * @param lastFundingTime the time of the last funding tick
 * @param funded whether a funding tick has happened (the first one is never too early)
 * @param records each source's last signed price
 * @param option an option market's terms, null for a perpetual
 */
public record MarketLeafV2(
    long id,
    MarketParams params,
    List<KeyPoint> oracleKeys,
    long mark,
    long fundingIndex,
    long lastFundingTime,
    boolean funded,
    List<OracleRecord> records,
    OptionTerms option) {

  /** A perpetual market's leaf. */
  public MarketLeafV2(
      long id,
      MarketParams params,
      List<KeyPoint> oracleKeys,
      long mark,
      long fundingIndex,
      long lastFundingTime,
      boolean funded,
      List<OracleRecord> records) {
    this(id, params, oracleKeys, mark, fundingIndex, lastFundingTime, funded, records, null);
  }

  public MarketLeafV2 {
    oracleKeys = List.copyOf(oracleKeys);
    records = List.copyOf(records);
    if (id < 0 || id >= SettlementLayout.MARKETS) {
      throw new IllegalArgumentException("market id " + id + " out of range");
    }
    if (oracleKeys.size() != SettlementLayout.ORACLE_SOURCES
        || records.size() != SettlementLayout.ORACLE_SOURCES) {
      throw new IllegalArgumentException(
          "a market has " + SettlementLayout.ORACLE_SOURCES + " oracle keys and records");
    }
    if (mark < 0 || lastFundingTime < 0) {
      throw new IllegalArgumentException("mark and last funding time must be non-negative");
    }
  }

  /** A market as listed at genesis: its parameters and oracle keys (at most 8), no state yet. */
  public static MarketLeafV2 listed(long id, MarketParams params, List<KeyPoint> keys) {
    if (keys.size() > SettlementLayout.ORACLE_SOURCES) {
      throw new IllegalArgumentException(
          "at most " + SettlementLayout.ORACLE_SOURCES + " oracle sources, got " + keys.size());
    }
    List<KeyPoint> all = new ArrayList<>(keys);
    all.addAll(Collections.nCopies(SettlementLayout.ORACLE_SOURCES - keys.size(), KeyPoint.NONE));
    return new MarketLeafV2(
        id,
        params,
        all,
        0,
        0,
        0,
        false,
        Collections.nCopies(SettlementLayout.ORACLE_SOURCES, OracleRecord.NONE));
  }

  /** An option market as listed at genesis: a perpetual's listing with its terms. */
  public static MarketLeafV2 listedOption(
      long id, MarketParams params, List<KeyPoint> keys, OptionTerms terms) {
    return listed(id, params, keys).withOption(terms);
  }

  private MarketLeafV2 withOption(OptionTerms terms) {
    return new MarketLeafV2(
        id, params, oracleKeys, mark, fundingIndex, lastFundingTime, funded, records, terms);
  }

  /** Whether this is an option market. */
  public boolean isOption() {
    return option != null;
  }

  /** The parameters' hash: with the terms for an option ({@link OptionTerms#paramsHash}). */
  public Fr paramsHash() {
    return option == null ? params.hash() : option.paramsHash(params);
  }

  /** The mark rule at time now over this leaf's records ({@link Mark#at}). */
  public Mark markAt(long now) {
    return Mark.at(records, params.oracleStaleness(), now);
  }

  /** H(TAG_ORACLE_KEYS, k0.x, k0.y, ..., k7.x, k7.y). */
  public Fr keysHash() {
    List<Fr> elements = new ArrayList<>(17);
    elements.add(DomainTag.ORACLE_KEYS);
    oracleKeys.forEach(
        k -> {
          elements.add(k.x());
          elements.add(k.y());
        });
    return Poseidon2.INSTANCE.hash(elements.toArray(Fr[]::new));
  }

  /** mark + 2^64 (fundingIndex + 2^63) + 2^128 lastFundingTime + 2^192 funded. */
  public Fr dynamic() {
    return PackedWord.pack(
        Lane.unsigned(mark, 0),
        Lane.signed(fundingIndex, 64),
        Lane.unsigned(lastFundingTime, 128),
        Lane.unsigned(funded ? 1 : 0, 192));
  }

  /** The level-0 node of the market tree. */
  public Fr hash() {
    List<Fr> elements = new ArrayList<>(12);
    elements.addAll(List.of(DomainTag.MARKET2, paramsHash(), keysHash(), dynamic()));
    records.forEach(r -> elements.add(r.encode()));
    return Poseidon2.INSTANCE.hash(elements.toArray(Fr[]::new));
  }
}
