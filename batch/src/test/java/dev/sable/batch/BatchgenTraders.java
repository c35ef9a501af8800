package dev.sable.batch;

import dev.sable.crypto.EdDsaPrivateKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The trader keys of Go's batchgen scenarios, which the owner-data vectors are made with. */
final class BatchgenTraders {
  private BatchgenTraders() {}

  /** Go batchgen's trader key: the seed SHA-256("sable-batchgen:trader-" + account). */
  static EdDsaPrivateKey key(long account) {
    try {
      byte[] seed =
          MessageDigest.getInstance("SHA-256")
              .digest(("sable-batchgen:trader-" + account).getBytes(StandardCharsets.UTF_8));
      return EdDsaPrivateKey.fromSeed(seed);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
