package dev.sable.l1;

/**
 * The capacities of the settlement circuit a bridge verifies, which fix where everything is in a
 * batch's public data (docs/settlement.md, "Public data and its binding"; SettlementData.sol).
 *
 * @param depositSlots deposit slots (1 to 248: the refund bits share one element)
 * @param withdrawalSlots withdrawal slots (at least 1)
 * @param marketRows market rows
 * @param stepSlots liquidation steps (one element each)
 * @param requestSlots forced withdrawal requests a batch serves (0: no request section)
 * @param accountRows owner-data rows, one per account table row (0: no owner-data section)
 * @param riskCommitment a {@code -pm} circuit: the data ends with the commitment to the batch's
 *     risk rows (docs/settlement.md, "Portfolio margin in the circuit")
 */
public record PublicDataLayout(
    int depositSlots,
    int withdrawalSlots,
    int marketRows,
    int stepSlots,
    int requestSlots,
    int accountRows,
    boolean riskCommitment) {
  /** Elements before the first deposit slot. */
  public static final int HEADER = 8;

  public static final int MAX_DEPOSIT_SLOTS = 248;

  /** Elements of a forced withdrawal request: its word, recipient, R.x, R.y, S. */
  public static final int REQUEST_WIDTH = 5;

  /** Elements of the owner data before its rows: two roots, two pools, the ephemeral key. */
  public static final int OWNER_HEADER = 6;

  /** Elements of an owner-data row: 2^24 + account, the leaf, 11 ciphertext elements. */
  public static final int OWNER_ROW = 13;

  /**
   * Elements of the blob section that stands for the owner rows when they are in an EIP-4844 blob
   * (SettlementBlobBridge): the versioned hash (two halves), z, y (two halves).
   */
  public static final int BLOB_SECTION = 5;

  public PublicDataLayout {
    if (depositSlots < 1 || depositSlots > MAX_DEPOSIT_SLOTS) {
      throw new IllegalArgumentException(
          "deposit slots " + depositSlots + " outside 1.." + MAX_DEPOSIT_SLOTS);
    }
    if (withdrawalSlots < 1 || withdrawalSlots > 0xffff) {
      throw new IllegalArgumentException(
          "withdrawal slots " + withdrawalSlots + " outside 1..65535");
    }
    for (int count : new int[] {marketRows, stepSlots, accountRows}) {
      if (count < 0 || count > 0xffff) {
        throw new IllegalArgumentException("a capacity " + count + " outside 0..65535");
      }
    }
    if (requestSlots < 0 || requestSlots > 0xff) {
      throw new IllegalArgumentException("request slots " + requestSlots + " outside 0..255");
    }
  }

  /** A circuit without liquidation steps, request slots, owner data or risk commitment. */
  public PublicDataLayout(int depositSlots, int withdrawalSlots, int marketRows) {
    this(depositSlots, withdrawalSlots, marketRows, 0, 0, 0);
  }

  /** A circuit without the risk commitment (not {@code -pm}). */
  public PublicDataLayout(
      int depositSlots,
      int withdrawalSlots,
      int marketRows,
      int stepSlots,
      int requestSlots,
      int accountRows) {
    this(depositSlots, withdrawalSlots, marketRows, stepSlots, requestSlots, accountRows, false);
  }

  /** Number of elements of the public data. */
  public int length() {
    return riskCommitment ? riskCommitmentAt() + 1 : riskCommitmentAt();
  }

  /**
   * Index of the risk commitment (when the circuit is {@code -pm}; the end of the data without
   * one): after the owner data, so no other offset moves.
   */
  public int riskCommitmentAt() {
    return ownerDataAt() + (accountRows == 0 ? 0 : OWNER_HEADER + OWNER_ROW * accountRows);
  }

  /** Index of the refund bits. */
  public int refundBitsAt() {
    return HEADER + 3 * depositSlots;
  }

  /** Index of the first withdrawal slot. */
  public int withdrawalsAt() {
    return refundBitsAt() + 1;
  }

  /** Index of the first market row. */
  public int marketsAt() {
    return withdrawalsAt() + withdrawalSlots;
  }

  /** Index of the first liquidation step. */
  public int stepsAt() {
    return marketsAt() + marketRows;
  }

  /**
   * Index of the request section (when there are request slots): the first request served, the
   * count, the records, then what each was paid.
   */
  public int requestsAt() {
    return stepsAt() + stepSlots;
  }

  /** Index of the first amount paid to a served request. */
  public int requestPaymentsAt() {
    return requestsAt() + 2 + REQUEST_WIDTH * requestSlots;
  }

  /** Index of the owner data (when there are account rows). */
  public int ownerDataAt() {
    return requestSlots == 0 ? requestsAt() : requestPaymentsAt() + requestSlots;
  }

  /**
   * Number of elements of the public data when the owner rows are in a blob (a {@code -owner-blob}
   * circuit, SettlementBlobBridge's batches): the owner header, then the blob section. The bridge's
   * {@code layout()} is the same for both kinds; a batch's transaction says which it is
   * (submitBatch or submitBlobBatch).
   */
  public int blobLength() {
    return blobLength(1);
  }

  /** Elements of d when the owner rows are in {@code blobs} blobs: a blob section per blob. */
  public int blobLength(int blobs) {
    return ownerDataAt() + OWNER_HEADER + BLOB_SECTION * blobs;
  }
}
