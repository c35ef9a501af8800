package dev.sable.batch.exit;

import dev.sable.crypto.Ecdh;
import dev.sable.crypto.Fr;
import dev.sable.state.StateLayout;
import dev.sable.state.settlement.OwnerData;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The owner-data section of a batch's public data (docs/bridge.md, "Public data, part 2"): the new
 * state's account root, market root, fee pool and funding pool, the batch's ephemeral key E, then
 * per account row {@code 2^24 + account} (0: unused), the new leaf and its 11 encrypted elements.
 */
public record OwnerDataSection(
    Fr accountsRoot,
    Fr marketsRoot,
    long feePool,
    long fundingPool,
    Ecdh.Point ephemeral,
    List<OwnerRow> rows) {
  /** Elements before the rows: two roots, two pools, E. */
  public static final int HEADER = 6;

  /** Elements of a row: 2^24 + account, the leaf, the ciphertext. */
  public static final int ROW = 2 + OwnerData.ELEMENTS;

  private static final BigInteger USED = BigInteger.ONE.shiftLeft(StateLayout.ACCOUNT_DEPTH);

  public OwnerDataSection {
    rows = List.copyOf(rows);
  }

  /**
   * Reads the section at {@code at} of public data {@code d} with {@code accountRows} rows; refuses
   * data too short for it, a row marker that is neither 0 nor 2^24 + an account, and an unused row
   * (marker 0) with any other element not 0, which the settlement circuit never publishes.
   */
  public static OwnerDataSection read(List<Fr> d, int at, int accountRows) {
    if (at < 0 || accountRows < 1 || d.size() < at + HEADER + ROW * accountRows) {
      throw new IllegalArgumentException(
          "public data of "
              + d.size()
              + " elements has no owner data of "
              + accountRows
              + " rows at "
              + at);
    }
    List<OwnerRow> rows = new ArrayList<>();
    for (int r = 0; r < accountRows; r++) {
      int i = at + HEADER + ROW * r;
      BigInteger marker = d.get(i).toBigInteger();
      if (marker.signum() == 0) {
        if (d.subList(i + 1, i + ROW).stream().anyMatch(x -> !x.isZero())) {
          throw new IllegalArgumentException("owner row " + r + " is unused but not all zero");
        }
        continue;
      }
      BigInteger account = marker.subtract(USED);
      if (account.signum() < 0 || account.bitLength() > StateLayout.ACCOUNT_DEPTH) {
        throw new IllegalArgumentException("owner row " + r + " has no account marker: " + marker);
      }
      rows.add(new OwnerRow(account.longValueExact(), d.get(i + 1), d.subList(i + 2, i + ROW)));
    }
    return new OwnerDataSection(
        d.get(at),
        d.get(at + 1),
        signedLong(d.get(at + 2)),
        signedLong(d.get(at + 3)),
        new Ecdh.Point(d.get(at + 4), d.get(at + 5)),
        rows);
  }

  /** The integer a field element holds as x mod r (docs/state.md section 1), as a long. */
  static long signedLong(Fr x) {
    BigInteger v = x.toBigInteger();
    if (v.compareTo(Fr.MODULUS.shiftRight(1)) > 0) {
      v = v.subtract(Fr.MODULUS);
    }
    if (v.bitLength() > 63) {
      throw new IllegalArgumentException("not a 64-bit integer: " + x);
    }
    return v.longValue();
  }
}
