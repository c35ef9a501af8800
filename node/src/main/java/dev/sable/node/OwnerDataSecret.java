package dev.sable.node;

import dev.sable.batch.Capacities;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operator's owner-data secret: the seed of each batch's ephemeral scalar ({@code
 * Ecdh.ephemeralScalar}), so that a batch rebuilt after a restart publishes the same owner data
 * (docs/node.md, "Owner data"). Kept like the node's other keys, in {@value #FILE} of the data
 * directory, created when the settlement state is created; never logged.
 */
final class OwnerDataSecret {
  static final String FILE = "owner-data.key";
  private static final int SIZE = 32;

  private OwnerDataSecret() {}

  /**
   * The secret the batch builder of {@code capacities} needs: none without the owner-data section.
   *
   * @param newState whether the settlement state is being created (the only time a missing secret
   *     is created rather than refused)
   * @throws IllegalStateException if the section needs a secret the data directory lost
   */
  static byte[] forCapacities(Capacities capacities, Path dataDir, boolean newState) {
    if (!capacities.ownerData()) {
      return null;
    }
    Path file = dataDir.resolve(FILE);
    if (!newState && !Files.exists(file)) {
      throw new IllegalStateException(
          "the circuit "
              + capacities.circuitName()
              + " publishes owner data, whose secret "
              + file
              + " is missing while the settlement state already exists: restore the file from a"
              + " backup of this data directory (a new secret would change the owner data of a"
              + " batch rebuilt after this restart)");
    }
    return NodeKeys.loadOrCreate(
        file,
        raw -> {
          if (raw.length != SIZE) {
            throw new IllegalArgumentException(raw.length + " bytes, not " + SIZE);
          }
          return raw;
        });
  }
}
