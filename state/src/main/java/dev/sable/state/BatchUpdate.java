package dev.sable.state;

import dev.sable.crypto.Fr;
import java.util.List;

/** The result of a batch: one witness per write, in order, each from the previous one's root. */
public record BatchUpdate(Fr oldRoot, Fr newRoot, List<LeafUpdate> updates) {
  public BatchUpdate {
    updates = List.copyOf(updates);
  }
}
