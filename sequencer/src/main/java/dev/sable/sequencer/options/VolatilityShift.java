package dev.sable.sequencer.options;

import dev.sable.sequencer.math.Fixed;

/**
 * How far the volatility of an option moves in the grid's scenarios: a relative shift that grows as
 * the expiry nears, {@code shift(T) = min(cap, base * sqrt(referenceDays / max(T, minDays)))}, like
 * Deribit's term-scaled volatility shocks (short-dated implied volatility moves more). Up: {@code
 * ceil(vol * (1 + up))}; down: {@code max(minVol, floor(vol * (1 - down)))}, each rounded outward
 * (the wider move is the cautious one).
 *
 * @param upPpm relative up shift at the reference term
 * @param downPpm relative down shift at the reference term
 * @param referenceDays the term at which the shifts are upPpm and downPpm
 * @param minDays terms shorter than this scale as this
 * @param upCapPpm largest up shift
 * @param downCapPpm largest down shift, below 1e6
 * @param minVolPpm the down move never goes below it
 */
public record VolatilityShift(
    long upPpm,
    long downPpm,
    long referenceDays,
    long minDays,
    long upCapPpm,
    long downCapPpm,
    long minVolPpm) {

  public boolean isValid() {
    return upPpm >= 0
        && upPpm <= upCapPpm
        && upCapPpm <= 4 * Fixed.PPM
        && downPpm >= 0
        && downPpm <= downCapPpm
        && downCapPpm < Fixed.PPM
        && referenceDays > 0
        && referenceDays <= 3_650
        && minDays > 0
        && minDays <= referenceDays
        && minVolPpm >= VolatilityQuote.MIN_VOL_PPM
        && minVolPpm <= VolatilityQuote.MAX_VOL_PPM;
  }

  /**
   * The volatility of a scenario that moves it {@code move}, for an option {@code t} from expiry.
   */
  public long shifted(long volPpm, Scenario.VolMove move, TimeToExpiry t, TimeBasis basis) {
    if (move == Scenario.VolMove.UP) {
      long shift = termScaled(upPpm, upCapPpm, t, basis);
      return Math.min(
          VolatilityQuote.MAX_VOL_PPM, Fixed.mulDivCeil(volPpm, Fixed.PPM + shift, Fixed.PPM));
    }
    long shift = termScaled(downPpm, downCapPpm, t, basis);
    return Math.max(minVolPpm, Fixed.mulDivFloor(volPpm, Fixed.PPM - shift, Fixed.PPM));
  }

  /** ceil(base * sqrt(reference / max(T, minimum))), at most the cap. */
  private long termScaled(long base, long cap, TimeToExpiry t, TimeBasis basis) {
    long term = Math.max(t.units(), basis.days(minDays));
    long squared = Fixed.mulDivCeil(base * base, basis.days(referenceDays), term);
    return Math.min(cap, Wide.sqrtCeil(squared));
  }
}
