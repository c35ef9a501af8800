package dev.sable.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Domain tags: the first element of every hashed record, so leaves and messages of different kinds
 * never share a preimage. A tag is the big-endian ASCII bytes of its name as a field element.
 */
public final class DomainTag {
  public static final Fr ACCOUNT = of("sable.account.v1");
  public static final Fr POSITION = of("sable.position.v1");
  public static final Fr FILL = of("sable.fill.v1");
  public static final Fr MARKET = of("sable.market.v1");
  public static final Fr ORDER = of("sable.order.v1");
  public static final Fr CANCEL = of("sable.cancel.v1");
  public static final Fr WITHDRAW = of("sable.withdraw.v1");

  /** Node-only: login challenges (never hashed in a circuit). */
  public static final Fr AUTH = of("sable.auth.v1");

  /** Node-only: margin mode switches (docs/options.md; never hashed in a circuit). */
  public static final Fr MARGIN_MODE = of("sable.mmode.v1");

  // The settlement layout (docs/state.md, section 12).
  public static final Fr STATE = of("sable.state.v1");
  public static final Fr ACCOUNT2 = of("sable.account.v2");
  public static final Fr MARKET2 = of("sable.market.v2");
  public static final Fr MARKET_PARAMS = of("sable.mparams.v1");
  public static final Fr OPTION_PARAMS = of("sable.oparams.v1");
  public static final Fr ORACLE_KEYS = of("sable.okeys.v1");
  public static final Fr ORDER2 = of("sable.order.v2");
  public static final Fr WITHDRAW2 = of("sable.withdraw.v2");
  public static final Fr ORACLE_PRICE = of("sable.oracle.v1");
  public static final Fr VOLATILITY = of("sable.vol.v1");
  public static final Fr PUBDATA = of("sable.pubdata.v1");

  // The way out (docs/bridge.md): exits, forced withdrawal requests, owner data.
  public static final Fr EXIT = of("sable.exit.v1");
  public static final Fr EXIT_DATA = of("sable.exitdata.v1");
  public static final Fr FORCED = of("sable.forced.v1");
  public static final Fr OWNER = of("sable.owner.v1");

  /** The challenge z of a blob's opening (docs/bridge.md, "Owner data in a blob"). */
  public static final Fr BLOB = of("sable.blob.v1");

  // A portfolio-margin batch's risk-array commitment (docs/settlement.md).
  public static final Fr RISK = of("sable.risk.v1");

  private DomainTag() {}

  /** The tag of an ASCII name of at most 31 bytes. */
  public static Fr of(String name) {
    byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
    if (ascii.length > 31) {
      throw new IllegalArgumentException("tag longer than 31 bytes: " + name);
    }
    return Fr.of(new BigInteger(1, ascii));
  }
}
