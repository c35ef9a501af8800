package dev.sable.state.settlement;

import dev.sable.crypto.Fr;
import dev.sable.crypto.PackedWord;
import dev.sable.crypto.PackedWord.Lane;

/** An oracle source's last signed price; {@link #NONE} (all zeros) until it first publishes. */
public record OracleRecord(long price, long publishTime) {
  public static final OracleRecord NONE = new OracleRecord(0, 0);

  public OracleRecord {
    if (price < 0 || publishTime < 0 || (price == 0 && publishTime != 0)) {
      throw new IllegalArgumentException(
          "an oracle record is a positive price and a time, or none: " + price + "@" + publishTime);
    }
  }

  public boolean isPresent() {
    return price > 0;
  }

  /** price + 2^64 publishTime. */
  public Fr encode() {
    return PackedWord.pack(Lane.unsigned(price, 0), Lane.unsigned(publishTime, 64));
  }
}
