package dev.sable.node.pipeline;

import java.util.List;
import java.util.Optional;

/** The batches the node has made, for the API. */
public interface BatchLedger {
  /** The most recent batches, newest first. */
  List<BatchRecord> recent(int limit);

  Optional<BatchRecord> batch(long number);

  /** The bridge's root as last read, hex (empty without L1). */
  String l1Root();

  /** The node's committed state root, hex. */
  String nodeRoot();

  /** Why batches are not reaching L1 now, or null. */
  default String problem() {
    return null;
  }

  BatchLedger NONE =
      new BatchLedger() {
        @Override
        public List<BatchRecord> recent(int limit) {
          return List.of();
        }

        @Override
        public Optional<BatchRecord> batch(long number) {
          return Optional.empty();
        }

        @Override
        public String l1Root() {
          return "";
        }

        @Override
        public String nodeRoot() {
          return "";
        }
      };
}
