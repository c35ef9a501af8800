package dev.sable.node.clock;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.OraclePriceMessage;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.Command;
import dev.sable.state.settlement.KeyPoint;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The development oracle (development only): one EdDSA key, kept in the data directory, that the
 * settlement state's genesis lists as source 0 of every market configured with a development price.
 * Each price it publishes is signed over the settlement layout's oracle message (market, source,
 * price, publish time), so the batch that carries it proves the mark came from that key. Its prices
 * start at the configured ones and can be moved ({@link #move}: the demo's price moves). For an
 * option market it publishes the option's volatility instead ({@link #volatility}), signed over the
 * volatility message (TAG_VOL) by the same key, which the genesis lists as the option's source 0.
 */
public final class DevOracle {
  /** The source index the development oracle publishes as. */
  public static final int SOURCE = 0;

  private final EdDsaPrivateKey key;
  private final Deployment deployment;
  private final AtomicLongArray prices;

  /**
   * @param prices each market's starting price (0: the oracle does not publish for that market)
   */
  public DevOracle(EdDsaPrivateKey key, Deployment deployment, long[] prices) {
    this.key = key;
    this.deployment = deployment;
    this.prices = new AtomicLongArray(prices);
  }

  /** The key the genesis markets list as source {@link #SOURCE}. */
  public static KeyPoint source(EdDsaPrivateKey key) {
    return KeyPoint.of(key.publicKey());
  }

  /**
   * Sets the price the oracle publishes for a market from its next publication on.
   *
   * @throws IllegalArgumentException if the price is not positive or the oracle does not serve the
   *     market
   */
  public void move(int market, long price) {
    if (price <= 0) {
      throw new IllegalArgumentException("an oracle price is positive");
    }
    if (market < 0 || market >= prices.length() || prices.get(market) == 0) {
      throw new IllegalArgumentException("the development oracle does not serve market " + market);
    }
    prices.set(market, price);
  }

  /** The price the oracle publishes for a market now (0: none). */
  public long price(int market) {
    return prices.get(market);
  }

  /**
   * A signed record: the command to journal (a price or a volatility) and its source's signature
   * beside it.
   */
  public record Signed(Command command, Provenance.OracleSignature signature) {}

  /**
   * An option market's current volatility (its configured value, ppm per year), published at {@code
   * time} and signed over the volatility message: the batch carries it as the option's record, and
   * the option row's volatility is its records' median (docs/settlement.md "Option markets").
   */
  public Signed volatility(int market, long time) {
    long volPpm = prices.get(market);
    OraclePriceMessage m = new OraclePriceMessage(market, SOURCE, volPpm, time);
    return new Signed(
        new Command.VolatilityPrice(market, SOURCE, volPpm, time),
        new Provenance.OracleSignature(
            key.sign(m.volatilityHash(deployment)).encodeUncompressed()));
  }

  /** The market's current price, published at {@code time} and signed. */
  public Signed sign(int market, long time) {
    long price = prices.get(market);
    OraclePriceMessage m = new OraclePriceMessage(market, SOURCE, price, time);
    return new Signed(
        new Command.OraclePrice(market, SOURCE, price, time),
        new Provenance.OracleSignature(key.sign(m.hash(deployment)).encodeUncompressed()));
  }
}
