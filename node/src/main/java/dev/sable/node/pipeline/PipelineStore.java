package dev.sable.node.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.crypto.Fr;
import dev.sable.node.journal.NodeDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline's durable state in the node database's {@code meta} family: the submission in flight
 * (at most one) and the record of every batch L1 accepted, with its public data and proof, so a
 * batch an L1 reorg drops can be posted again. Every write is synced.
 */
final class PipelineStore {
  private static final byte[] PENDING = "pipeline/pending".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LAST = "pipeline/last".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A batch L1 accepted, with what it takes to post it again (its public data and proof, and a blob
   * batch's rows and blob count, {@link Submission}).
   */
  record Accepted(
      BatchRecord record,
      List<String> publicData,
      String commitment,
      byte[] proof,
      List<String> blobData,
      int blobs) {
    Accepted {
      blobData = blobData == null ? List.of() : List.copyOf(blobData); // none in older records
      blobs = OwnerBlob.recorded(blobs, blobData);
    }

    /** Whether this batch starts from L1's root {@code l1} (a bridge behind it after a reorg). */
    boolean startsFrom(BigInteger l1) {
      return Fr.fromHex(record.oldRoot()).equals(Fr.of(l1));
    }
  }

  private final NodeDatabase db;

  PipelineStore(NodeDatabase db) {
    this.db = db;
  }

  Optional<Submission> pending() {
    byte[] v = db.get(NodeDatabase.Family.META, PENDING);
    return v == null ? Optional.empty() : Optional.of(read(v, Submission.class));
  }

  void savePending(Submission s) {
    try (NodeDatabase.Batch b = db.batch()) {
      b.put(NodeDatabase.Family.META, PENDING, write(s)).write();
    }
  }

  void clearPending() {
    try (NodeDatabase.Batch b = db.batch()) {
      b.delete(NodeDatabase.Family.META, PENDING).write();
    }
  }

  /**
   * Records an accepted batch and clears the pending submission, in one synced write (a batch
   * posted again after a reorg overwrites its record; the last number stays the highest).
   */
  void accepted(Accepted a) {
    long n = a.record().number();
    long last = Math.max(n, last());
    try (NodeDatabase.Batch b = db.batch()) {
      b.put(NodeDatabase.Family.META, key(n), write(a))
          .put(NodeDatabase.Family.META, LAST, ByteBuffer.allocate(8).putLong(last).array())
          .delete(NodeDatabase.Family.META, PENDING)
          .write();
    }
  }

  /** The last accepted batch's number (0 for none). */
  long last() {
    byte[] v = db.get(NodeDatabase.Family.META, LAST);
    return v == null ? 0 : ByteBuffer.wrap(v).getLong();
  }

  Optional<Accepted> batch(long number) {
    byte[] v = db.get(NodeDatabase.Family.META, key(number));
    return v == null ? Optional.empty() : Optional.of(read(v, Accepted.class));
  }

  /** The most recent accepted batches, newest first. */
  List<Accepted> recent(int limit) {
    List<Accepted> out = new ArrayList<>();
    for (long n = last(); n >= 1 && out.size() < limit; n--) {
      batch(n).ifPresent(out::add);
    }
    return out;
  }

  private static byte[] key(long number) {
    return ByteBuffer.allocate(14)
        .put("batch/".getBytes(StandardCharsets.US_ASCII))
        .putLong(number)
        .array();
  }

  private static byte[] write(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(byte[] bytes, Class<T> type) {
    try {
      return JSON.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException("damaged pipeline record", e);
    }
  }
}
