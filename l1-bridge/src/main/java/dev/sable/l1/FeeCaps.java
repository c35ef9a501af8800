package dev.sable.l1;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What a batch's transaction offers to pay, in wei per gas. {@code gasPrice} is the execution cap:
 * a calldata batch's gas price, a blob batch's priority fee and fee cap per gas alike (L1's {@code
 * eth_gasPrice}, as for calldata). {@code blobGasPrice} is a blob batch's fee cap per blob gas, set
 * from L1's blob base fee ({@code eth_blobBaseFee}) with {@link #BLOB_HEADROOM}x headroom, since
 * the blob base fee moves on its own market, independently of the execution gas price; zero for a
 * calldata batch. L1 charges blob gas at its blob base fee, never more, so the headroom costs
 * nothing: it lets the blob base fee double (about 9 full blocks in a row, ~8% each at Prague's and
 * the BPO forks' parameters) before the transaction waits for a replacement.
 */
public record FeeCaps(BigInteger gasPrice, BigInteger blobGasPrice) {
  /** The blob fee cap's multiple of the blob base fee it is set from. */
  public static final int BLOB_HEADROOM = 2;

  public FeeCaps {
    Objects.requireNonNull(gasPrice, "gasPrice");
    Objects.requireNonNull(blobGasPrice, "blobGasPrice");
    if (gasPrice.signum() < 0 || blobGasPrice.signum() < 0) {
      throw new IllegalArgumentException(
          "negative fee cap: gas price " + gasPrice + ", blob gas price " + blobGasPrice);
    }
  }

  /** A calldata batch's: the gas price alone. */
  public static FeeCaps calldata(BigInteger gasPrice) {
    return new FeeCaps(gasPrice, BigInteger.ZERO);
  }

  /** A blob batch's: the gas price, and {@link #BLOB_HEADROOM} times the blob base fee. */
  public static FeeCaps blob(BigInteger gasPrice, BigInteger blobBaseFee) {
    return new FeeCaps(gasPrice, blobBaseFee.multiply(BigInteger.valueOf(BLOB_HEADROOM)));
  }

  /** Whether these are a blob batch's caps. */
  public boolean carriesBlob() {
    return blobGasPrice.signum() > 0;
  }

  /**
   * The caps of a transaction replacing one sent with these (same nonce), given L1's caps {@code
   * now}: a blob transaction's every cap doubled (geth's blob pool takes a replacement only at
   * twice each cap), a calldata transaction's gas price +25% (the pools' usual minimum is +10%);
   * each cap at least {@code now}'s, so a replacement never offers less than a new transaction
   * would.
   */
  public FeeCaps replacement(FeeCaps now) {
    BigInteger gas =
        carriesBlob()
            ? gasPrice.shiftLeft(1)
            : gasPrice
                .multiply(BigInteger.valueOf(5))
                .divide(BigInteger.valueOf(4))
                .add(BigInteger.ONE);
    return new FeeCaps(gas.max(now.gasPrice), blobGasPrice.shiftLeft(1).max(now.blobGasPrice));
  }
}
