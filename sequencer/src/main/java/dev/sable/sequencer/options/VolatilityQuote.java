package dev.sable.sequencer.options;

/**
 * A volatility oracle record, the counterpart of a price record: one source's implied volatility
 * for one option series. It reaches the sequencer like an oracle price, after its signature was
 * checked (the signed message is in docs/options.md); the series' volatility is the lower median of
 * the fresh sources, as for prices.
 *
 * @param series the underlying, expiry and strike it prices
 * @param source oracle source id
 * @param volPpm annualised implied volatility in parts per million (1e6 = 100%)
 * @param publishTime log time at which the source published it
 */
public record VolatilityQuote(OptionSeries series, int source, long volPpm, long publishTime) {
  /** 0.1%: below it a quote is refused (the model saturates gracefully, the market would not). */
  public static final long MIN_VOL_PPM = 1_000;

  /** 1000%: above it a quote is refused; keeps sigma * sqrt(T) <= 40 for T <= 16 years. */
  public static final long MAX_VOL_PPM = 10_000_000;

  public boolean isValid() {
    return series != null
        && source >= 0
        && volPpm >= MIN_VOL_PPM
        && volPpm <= MAX_VOL_PPM
        && publishTime >= 0;
  }
}
