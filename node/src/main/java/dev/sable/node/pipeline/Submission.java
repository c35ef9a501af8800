package dev.sable.node.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.sable.crypto.Fr;
import dev.sable.state.LeafWrite;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch on its way to L1, kept in the node's database before the first transaction is sent and
 * after every change, so a restart knows what may be in flight: the batch (writes, roots, proof),
 * the nonce every attempt uses, the last gas price and every transaction hash sent for it (a
 * replacement keeps the nonce and raises the price). {@code repost} marks a batch the tree already
 * holds that is sent again after an L1 reorg dropped it.
 */
public record Submission(
    List<Long> indices,
    List<String> leaves,
    long throughSequence,
    long account,
    String oldRoot,
    String newRoot,
    byte[] proof,
    long proveMs,
    BigInteger nonce,
    BigInteger gasPrice,
    List<String> transactions,
    long lastSentMillis,
    boolean repost) {

  public Submission {
    indices = List.copyOf(indices);
    leaves = List.copyOf(leaves);
    transactions = List.copyOf(transactions);
  }

  static Submission of(ProvenBatch p, BigInteger nonce, BigInteger gasPrice, boolean repost) {
    List<Long> indices = new ArrayList<>();
    List<String> leaves = new ArrayList<>();
    for (LeafWrite w : p.batch().writes()) {
      indices.add(w.index());
      leaves.add(w.leaf().toHex());
    }
    return new Submission(
        indices,
        leaves,
        p.batch().throughSequence(),
        p.batch().account(),
        p.oldRoot().toHex(),
        p.newRoot().toHex(),
        p.proof(),
        p.proveMs(),
        nonce,
        gasPrice,
        List.of(),
        0,
        repost);
  }

  Submission sent(String transaction, BigInteger price, long now) {
    List<String> txs = new ArrayList<>(transactions);
    txs.add(transaction);
    return new Submission(
        indices,
        leaves,
        throughSequence,
        account,
        oldRoot,
        newRoot,
        proof,
        proveMs,
        nonce,
        price,
        txs,
        now,
        repost);
  }

  @JsonIgnore
  ProvenBatch proven() {
    List<LeafWrite> writes = new ArrayList<>();
    for (int i = 0; i < indices.size(); i++) {
      writes.add(new LeafWrite(indices.get(i), Fr.fromHex(leaves.get(i))));
    }
    return new ProvenBatch(
        new SealedBatch(writes, throughSequence, account),
        Fr.fromHex(oldRoot),
        Fr.fromHex(newRoot),
        proof,
        proveMs);
  }

  @JsonIgnore
  BigInteger oldRootValue() {
    return Fr.fromHex(oldRoot).toBigInteger();
  }

  @JsonIgnore
  BigInteger newRootValue() {
    return Fr.fromHex(newRoot).toBigInteger();
  }
}
