package dev.sable.batch;

import dev.sable.crypto.Ecdh;
import dev.sable.crypto.Fr;
import dev.sable.prover.NativeBlobOpening;
import dev.sable.state.StateLayout;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.GlobalState;
import dev.sable.state.settlement.OwnerData;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The owner-data section of a batch's public data (docs/bridge.md, "Public data, part 2"; Go
 * ledger.OwnerRow): the new state's account root, market root, fee pool and funding pool, the
 * batch's ephemeral key E = [e]B, then per account row 2^24 + account, the leaf the row wrote and
 * its fields after the key encrypted to the account's key ({@link OwnerData#encrypt}; the keyless
 * fund's in the clear); a row whose account does not exist after the batch publishes its tag and
 * zeros, an unused row zeros.
 */
final class OwnerSection {
  private final BigInteger ephemeral;
  private final long batch;
  private final List<Fr> rows = new ArrayList<>();

  OwnerSection(BigInteger ephemeral, long batch) {
    this.ephemeral = ephemeral;
    this.batch = batch;
  }

  /** Adds the next account row: the account after the batch, and whether it exists then. */
  void add(long account, AccountLeafV2 after, boolean exists) {
    rows.add(Fr.ofLong((1L << StateLayout.ACCOUNT_DEPTH) + account));
    if (!exists) {
      rows.addAll(Collections.nCopies(1 + OwnerData.ELEMENTS, Fr.ZERO));
      return;
    }
    rows.add(after.hash());
    rows.addAll(
        OwnerData.encrypt(ephemeral, after.key(), batch, account, OwnerData.plaintext(after)));
  }

  /** The section at the capacities' account rows, after the state the batch leads to. */
  List<Fr> elements(Capacities caps, GlobalState after) {
    Ecdh.Point e = Ecdh.multiplyBase(ephemeral);
    List<Fr> d =
        new ArrayList<>(
            List.of(
                after.accountsRoot(),
                after.marketsRoot(),
                Fr.ofLong(after.feePool()),
                Fr.ofLong(after.fundingPool()),
                e.x(),
                e.y()));
    List<Fr> padded = padded(caps);
    if (!caps.blob()) {
      d.addAll(padded);
      return d;
    }
    Fr c = BlobSection.rowsCommitment(padded);
    for (List<Fr> part : caps.blobParts(padded)) {
      d.addAll(blobSection(padded, c, part).asList());
    }
    return d;
  }

  /** The blob's elements at blob capacities (the padded rows), else none. */
  List<Fr> blobData(Capacities caps) {
    return caps.blob() ? padded(caps) : List.of();
  }

  private List<Fr> padded(Capacities caps) {
    List<Fr> padded = new ArrayList<>(rows);
    padded.addAll(
        Collections.nCopies(Capacities.OWNER_ROW * caps.accounts() - rows.size(), Fr.ZERO));
    return padded;
  }

  /**
   * The section binding blob data (one blob's share of the rows, whose commitment is c) in its
   * blob: the KZG commitment from the native library (the JVM has no KZG library here), z and y
   * computed in Java and checked against the library's.
   */
  private static BlobSection blobSection(List<Fr> rows, Fr c, List<Fr> data) {
    NativeBlobOpening opening = NativeBlobOpening.open(c, data);
    BlobSection section = BlobSection.of(rows, data, opening.commitment());
    if (!section.challenge().equals(opening.challenge())
        || !section.value().equals(opening.value())) {
      throw new IllegalStateException("the KZG library opened the blob at another z or y");
    }
    return section;
  }
}
