package dev.sable.devnet;

/**
 * Where an exit reads the blob a batch's transaction carried, by its versioned hash
 * (docs/bridge.md, "Exits from blob batches"). Whatever it returns is checked against the batch's
 * public data before use (batch.exit.BlobRows), so a source is trusted for availability only.
 */
public interface BlobSource {
  /** The 131,072 bytes of the blob with versioned hash {@code versionedHash} (32 bytes). */
  byte[] blob(byte[] versionedHash);
}
