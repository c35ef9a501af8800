package dev.sable.node.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.sable.crypto.Fr;
import dev.sable.l1.FeeCaps;
import dev.sable.l1.SettlementBatch;
import dev.sable.state.settlement.StateChange;
import dev.sable.state.store.StoreBatch;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A batch on its way to L1, kept in the node's database before the first transaction is sent and
 * after every change, so a restart knows what may be in flight: what the bridge takes (public data,
 * commitment, proof), the roots, the state's writes to commit once L1 holds the new root, the nonce
 * every attempt uses, the last fee caps ({@code gasPrice}, and {@code blobGasPrice} for a blob
 * batch: {@link FeeCaps}) and every transaction hash sent for it (a replacement keeps the nonce and
 * raises the caps). {@code repost} marks a batch the state already holds that is sent again after
 * an L1 reorg dropped it (it has no writes). {@code blobData} holds a {@code -owner-blob} batch's
 * blob elements (empty for other batches; absent in records written before blobs) and {@code blobs}
 * the count of blobs they fill (the circuit's; 0 without blob elements; absent in records written
 * before several blobs, which carried one): every attempt carries the blobs made from them ({@link
 * OwnerBlob}), so a restarted node sends the same transaction. {@code blobGasPrice} is absent in
 * records written before it: such a blob batch was sent with its gas price as every cap.
 */
public record Submission(
    long number,
    long throughSequence,
    String oldRoot,
    String newRoot,
    List<String> publicData,
    String commitment,
    byte[] proof,
    long proveMs,
    BatchSummary summary,
    List<Write> writes,
    BigInteger nonce,
    BigInteger gasPrice,
    List<String> transactions,
    long lastSentMillis,
    boolean repost,
    List<String> blobData,
    int blobs,
    BigInteger blobGasPrice) {

  /** One write of the state's change, hex; a null value deletes the key. */
  public record Write(String key, String value) {}

  private static final HexFormat HEX = HexFormat.of();

  public Submission {
    publicData = List.copyOf(publicData);
    writes = List.copyOf(writes);
    transactions = List.copyOf(transactions);
    blobData = blobData == null ? List.of() : List.copyOf(blobData);
    blobs = OwnerBlob.recorded(blobs, blobData);
    if (blobGasPrice == null) {
      blobGasPrice = blobData.isEmpty() ? BigInteger.ZERO : gasPrice;
    }
  }

  static Submission of(ProvenBatch p, BigInteger nonce, FeeCaps fees) {
    List<Write> writes = new ArrayList<>();
    for (StoreBatch.Entry e : p.change().writes().entries()) {
      writes.add(
          new Write(HEX.formatHex(e.key()), e.value() == null ? null : HEX.formatHex(e.value())));
    }
    return new Submission(
        p.number(),
        p.throughSequence(),
        p.oldRoot().toHex(),
        p.newRoot().toHex(),
        p.publicData().stream().map(Fr::toHex).toList(),
        p.commitment().toHex(),
        p.proof(),
        p.proveMs(),
        p.summary(),
        writes,
        nonce,
        fees.gasPrice(),
        List.of(),
        0,
        false,
        p.blobData().stream().map(Fr::toHex).toList(),
        p.blobs(),
        fees.blobGasPrice());
  }

  /** An accepted batch sent again (an L1 reorg dropped it): the state already holds it. */
  static Submission repost(PipelineStore.Accepted a, BigInteger nonce, FeeCaps fees) {
    BatchRecord r = a.record();
    return new Submission(
        r.number(),
        r.throughSequence(),
        r.oldRoot(),
        r.newRoot(),
        a.publicData(),
        a.commitment(),
        a.proof(),
        r.proveMs(),
        r.summary(),
        List.of(),
        nonce,
        fees.gasPrice(),
        List.of(),
        0,
        true,
        a.blobData(),
        a.blobs(),
        fees.blobGasPrice());
  }

  Submission sent(String transaction, FeeCaps fees, long now) {
    List<String> txs = new ArrayList<>(transactions);
    txs.add(transaction);
    return new Submission(
        number,
        throughSequence,
        oldRoot,
        newRoot,
        publicData,
        commitment,
        proof,
        proveMs,
        summary,
        writes,
        nonce,
        fees.gasPrice(),
        txs,
        now,
        repost,
        blobData,
        blobs,
        fees.blobGasPrice());
  }

  /** The fee caps of the last transaction sent (or to send first). */
  @JsonIgnore
  FeeCaps fees() {
    return new FeeCaps(gasPrice, blobGasPrice);
  }

  /** What the bridge takes. */
  @JsonIgnore
  SettlementBatch forL1() {
    return forL1(
        publicData.stream().map(Fr::fromHex).toList(),
        Fr.fromHex(commitment),
        proof,
        blobData.stream().map(Fr::fromHex).toList(),
        blobs);
  }

  /** The bridge's arguments; a batch with blob elements carries the {@code blobs} they fill. */
  static SettlementBatch forL1(
      List<Fr> publicData, Fr commitment, byte[] proof, List<Fr> blobData, int blobs) {
    List<BigInteger> d = publicData.stream().map(Fr::toBigInteger).toList();
    return blobData.isEmpty()
        ? new SettlementBatch(d, commitment.toBigInteger(), proof)
        : new SettlementBatch(d, commitment.toBigInteger(), proof, OwnerBlob.of(blobData, blobs));
  }

  /** Whether its transactions carry blobs (a replacement must then double every fee cap). */
  @JsonIgnore
  boolean carriesBlob() {
    return !blobData.isEmpty();
  }

  /** The state's writes, to commit on the old root. */
  @JsonIgnore
  StateChange change() {
    StoreBatch b = new StoreBatch();
    for (Write w : writes) {
      if (w.value() == null) {
        b.delete(HEX.parseHex(w.key()));
      } else {
        b.put(HEX.parseHex(w.key()), HEX.parseHex(w.value()));
      }
    }
    return new StateChange(Fr.fromHex(oldRoot), Fr.fromHex(newRoot), b);
  }

  @JsonIgnore
  BigInteger oldRootValue() {
    return Fr.fromHex(oldRoot).toBigInteger();
  }

  @JsonIgnore
  BigInteger newRootValue() {
    return Fr.fromHex(newRoot).toBigInteger();
  }

  /** Whether a bridge at batch {@code count} and root {@code l1} took this submission. */
  boolean takenAt(long count, BigInteger l1) {
    return count == number && l1.equals(newRootValue());
  }

  /** Whether a bridge at batch {@code count} and root {@code l1} still waits for it. */
  boolean awaitedAt(long count, BigInteger l1) {
    return count == number - 1 && l1.equals(oldRootValue());
  }
}
