package dev.sable.batch;

import dev.sable.state.settlement.Mark;
import dev.sable.state.settlement.OptionTerms;
import dev.sable.state.settlement.StateDraft;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The option rows of a batch (docs/settlement.md, "Option markets"; Go ledger/options.go): the
 * underlyings the table needs, the committed marks, and every row's margin price.
 */
final class OptionRows {
  private OptionRows() {}

  /**
   * Adds to the market ids the underlying of every option market among them (its margin price reads
   * the underlying's mark); an option market needs a circuit with option rows.
   */
  static void addUnderlyings(
      Set<Long> ids, StateDraft draft, Capacities caps, SettlementRules rules) {
    for (long id : List.copyOf(ids)) {
      var m = draft.market(id);
      if (m.isPresent() && m.get().isOption()) {
        if (!caps.options()) {
          throw rules.fail(
              Rule.OPTION_ROWS, "option market %d needs a circuit with option rows", id);
        }
        ids.add(m.get().option().underlyingMarket());
      }
    }
  }

  /**
   * Sets each option row's mark from the batch's committed marks (one per option row; a mark of an
   * option market without a row is not used, one of a perpetual is refused), checks it (at most
   * maxPrice, valid only with a valid underlying mark and before the expiry), then every row's
   * margin price: the mark for a perpetual, max(mark, underlying mark * contractSize) for an
   * option.
   */
  static void mark(
      Tables tables,
      List<OptionMark> marks,
      long batchTime,
      StateDraft draft,
      SettlementRules rules) {
    Map<Long, OptionMark> given = new HashMap<>();
    for (OptionMark m : marks) {
      if (given.put(m.market(), m) != null) {
        throw rules.fail(Rule.OPTION_MARK, "option market %d marked twice", m.market());
      }
    }
    for (MarketWork m : tables.markets) {
      OptionTerms o = m.before.option();
      if (o == null) {
        continue;
      }
      OptionMark mark = given.remove(m.id());
      if (mark == null) {
        throw rules.fail(Rule.OPTION_MARK, "option market %d has no mark in the batch", m.id());
      }
      // The volatility is the lower median of the option's signed records, as a mark is of prices.
      Mark vol = m.markAt(batchTime);
      if (mark.volPpm() != vol.price() || mark.valid() && !vol.valid()) {
        rules.violate(
            Rule.OPTION_VOLATILITY,
            "option market %d committed volatility %d (valid %b), its records' %d (valid %b)",
            m.id(),
            mark.volPpm(),
            mark.valid(),
            vol.price(),
            vol.valid());
      }
      m.mark = mark.mark();
      m.committedMark = mark.mark();
      m.valid = mark.valid();
      m.volPpm = mark.volPpm();
      m.underlyingRow = tables.marketRow.get(o.underlyingMarket());
      MarketWork u = tables.markets.get(m.underlyingRow);
      if (mark.mark() < 0 || mark.mark() > m.params().maxPrice()) {
        rules.violate(
            Rule.OPTION_MARK,
            "option market %d mark %d outside [0, %d]",
            m.id(),
            mark.mark(),
            m.params().maxPrice());
      }
      if (mark.volPpm() < 0 || mark.volPpm() >= 1L << MarketElement.VOL_BITS) {
        rules.violate(
            Rule.OPTION_MARK,
            "option market %d volatility %d outside [0, 2^%d)",
            m.id(),
            mark.volPpm(),
            MarketElement.VOL_BITS);
      }
      if (mark.valid() && !u.valid) {
        rules.violate(
            Rule.OPTION_MARK, "option market %d valid without a valid underlying mark", m.id());
      }
      if (mark.valid() && OptionExpiry.expired(m, batchTime)) {
        rules.violate(
            Rule.OPTION_EXPIRED,
            "option market %d expired at %d has a valid mark at %d",
            m.id(),
            o.expiry(),
            batchTime);
      }
    }
    for (long id : given.keySet()) { // every option's mark may come: those without a row go unused
      if (draft.market(id).filter(m -> m.isOption()).isEmpty()) {
        throw rules.fail(Rule.OPTION_MARK, "mark for market %d, not an option market", id);
      }
    }
    for (MarketWork m : tables.markets) {
      m.marginPrice = m.mark;
      OptionTerms o = m.before.option();
      if (o != null) {
        BigInteger exposure =
            BigInteger.valueOf(tables.markets.get(m.underlyingRow).mark)
                .multiply(BigInteger.valueOf(o.contractSize()));
        m.marginPrice = Math.max(m.mark, rules.int64("margin price", exposure));
      }
    }
  }
}
